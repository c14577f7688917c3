'use strict';
// Every local simulator the templates talk to, as test/simulators/discover.js finds them.
// `npm start` starts each at its configured port (<NAME>_SIM_PORT, else its default); the e2e
// tests start each on a free port. `urls` maps simulator names to base URLs; they feed
// demoCredentials() in n8n-credentials.js.

const { configuredPort, discoverSimulators } = require('./discover');

/**
 * Starts every simulator.
 * @param {{ port?: number }} [options] port 0 = free ports; absent = each one's configured port
 */
async function startRegisteredSimulators(options = {}) {
	const started = [];
	try {
		for (const sim of discoverSimulators()) {
			started.push(await sim.start({ port: options.port === 0 ? 0 : configuredPort(sim) }));
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

module.exports = { startRegisteredSimulators };
