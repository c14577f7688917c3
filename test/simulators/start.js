#!/usr/bin/env node
'use strict';
// Runs the credential-platform simulators (Accredible, Credly, Certifier) on 127.0.0.1 until Ctrl-C.
//   node test/simulators/start.js [--only credly,certifier] [--accredible-port N] [--credly-port N]
//                                 [--certifier-port N] [--time-scale F]
// Env ACCREDIBLE_SIM_PORT, CREDLY_SIM_PORT, CERTIFIER_SIM_PORT override the default ports
// (5701, 5702, 5703). Also usable from scripts: require(...).start() resolves to
// { name, url, env, stop() } covering all three.

const { DEFAULT_PORTS, startAllSimulators } = require('./index');

/** @param {string} name */
function option(name) {
	const args = process.argv.slice(2);
	const at = args.indexOf(`--${name}`);
	return at >= 0 ? args[at + 1] : undefined;
}

/** @param {string} platform */
function portFor(platform) {
	const value = option(`${platform}-port`) ?? process.env[`${platform.toUpperCase()}_SIM_PORT`];
	return value === undefined ? DEFAULT_PORTS[platform] : Number(value);
}

/**
 * One handle for all of them.
 * @param {{ port?: number }} [options] port 0 = free ports for all
 */
async function start(options = {}) {
	const port = (platform) => (options.port === 0 ? 0 : portFor(platform));
	const sims = await startAllSimulators({
		ports: Object.fromEntries(Object.keys(DEFAULT_PORTS).map((name) => [name, port(name)])),
		timeScale: option('time-scale') ? Number(option('time-scale')) : undefined,
		only: option('only') ? /** @type {any} */ (option('only')).split(',') : undefined,
	});
	return {
		name: 'credential platforms',
		url: sims.map((s) => s.url).join(' '),
		urls: Object.fromEntries(sims.map((s) => [s.name, s.url])),
		sims,
		env: Object.assign({}, ...sims.map((s) => s.env)),
		stop: () => Promise.all(sims.map((s) => s.stop())).then(() => undefined),
	};
}

async function main() {
	const all = await start();
	for (const sim of all.sims) {
		console.log(
			`${sim.name.padEnd(10)} ${sim.url}   ${Object.entries(sim.credentials)
				.map(([k, v]) => `${k}=${v}`)
				.join('  ')}`,
		);
	}
	console.log(
		'Control API under /__control/ (reset, seed, faults, issued, requests, webhooks). Ctrl-C to stop.',
	);
	const stop = () => all.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error.message);
		process.exit(1);
	});
}

module.exports = { start };
