'use strict';
// Every local simulator the templates talk to. `npm start` starts each at its default ports;
// the e2e tests start each on free ports. An entry is a module path (relative to this folder)
// whose `start({ port })` (port 0 = free ports) resolves to { name, url, urls?, env?, stop() }.
// `urls` maps simulator names to base URLs when one module runs several; they feed
// demoCredentials() in n8n-credentials.js.

const path = require('node:path');

const SIMULATOR_MODULES = [
	'./start.js',
	'./lms/index.js',
	'./mail/index.js',
	'./downstream/index.js',
];

/**
 * Starts every registered simulator.
 * @param {{ port?: number }} [options] port 0 = free ports; absent = each one's default
 */
async function startRegisteredSimulators(options = {}) {
	const started = [];
	try {
		for (const entry of SIMULATOR_MODULES) {
			started.push(await require(path.join(__dirname, entry)).start(options));
		}
	} catch (error) {
		await Promise.all(started.map((sim) => sim.stop()));
		throw error;
	}
	const urls = Object.assign({}, ...started.map((s) => s.urls || { [s.name]: s.url }));
	return {
		simulators: started,
		urls,
		env: Object.assign({}, ...started.map((s) => s.env || {})),
		stop: () => Promise.all(started.map((s) => s.stop())).then(() => undefined),
	};
}

module.exports = { SIMULATOR_MODULES, startRegisteredSimulators };
