'use strict';
// The credential-platform simulators. Each `start*` resolves to
// { name, url, port, credentials, env, stop() }.

const path = require('node:path');
const { fork } = require('node:child_process');

const { startAccredibleSimulator } = require('./accredible');
const { startCertifierSimulator } = require('./certifier');
const { startCredlySimulator } = require('./credly');
const { discoverSimulators } = require('./discover');

// The credential platforms: every simulator.js of kind "platform" (see discover.js).
const PLATFORMS = discoverSimulators().filter((sim) => sim.kind === 'platform');
const STARTERS = Object.fromEntries(PLATFORMS.map((sim) => [sim.name, sim.start]));

/** Default ports for standalone runs and the demo (tests use free ports). */
const DEFAULT_PORTS = Object.fromEntries(PLATFORMS.map((sim) => [sim.name, sim.defaultPort]));

/**
 * Starts every platform (or those named in `only`). `ports` defaults to DEFAULT_PORTS; 0 picks a
 * free port.
 * @param {{ ports?: Partial<typeof DEFAULT_PORTS>, timeScale?: number, only?: Array<keyof typeof DEFAULT_PORTS> }} [options]
 */
async function startAllSimulators(options = {}) {
	const ports = { ...DEFAULT_PORTS, ...(options.ports || {}) };
	const names =
		options.only && options.only.length > 0
			? options.only
			: /** @type {Array<keyof typeof DEFAULT_PORTS>} */ (Object.keys(STARTERS));
	const started = [];
	try {
		for (const name of names) {
			if (!STARTERS[name])
				throw new Error(`unknown simulator "${name}" (${Object.keys(STARTERS).join(', ')})`);
			started.push(await STARTERS[name]({ timeScale: options.timeScale, port: ports[name] }));
		}
	} catch (error) {
		await Promise.all(started.map((sim) => sim.stop()));
		throw error;
	}
	return started;
}

/**
 * Starts one simulator in a child process; same handle, stop() ends the process.
 * @param {'accredible' | 'credly' | 'certifier'} name @param {object} [options]
 */
function startSimulatorProcess(name, options = {}) {
	const child = fork(path.join(__dirname, 'child.js'), [], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	return new Promise((resolve, reject) => {
		const early = (code) => reject(new Error(`the ${name} simulator process exited (${code})`));
		child.once('exit', early);
		child.once('message', (message) => {
			child.off('exit', early);
			if (message.error) {
				child.kill();
				return reject(new Error(message.error));
			}
			resolve({
				...message.handle,
				stop: () =>
					new Promise((done) => {
						if (child.exitCode !== null) return done(undefined);
						child.once('exit', () => done(undefined));
						child.kill('SIGTERM');
					}),
			});
		});
		child.send({ name, options });
	});
}

module.exports = {
	DEFAULT_PORTS,
	startAllSimulators,
	startSimulatorProcess,
	startAccredibleSimulator,
	startCredlySimulator,
	startCertifierSimulator,
};
