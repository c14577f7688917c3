'use strict';
// Simulators describe themselves: every `simulator.js` or `<name>.simulator.js` in a folder under
// test/simulators is one simulator, found by reading the folders (nothing to register by hand).
// A descriptor exports:
//   name             key of its base URL (`urls[name]`) and of its port variable <NAME>_SIM_PORT
//   kind             'platform' | 'lms' | 'mail'
//   defaultPort      for `npm start` (absent: start() without a port uses the simulator's own)
//   start(options)   { port?, timeScale?, ... } → handle { name, url, urls?, env?, stop() };
//                    port 0 = a free port
//   demoCredentials  optional (urls) → [{ name, type, data }]: the n8n credentials the templates
//                    name, filled in for the running simulators

const fs = require('node:fs');
const path = require('node:path');

const isDescriptorFile = (file) => file === 'simulator.js' || file.endsWith('.simulator.js');

/** The descriptors in one folder, by file name. */
function simulatorsIn(folder) {
	return fs
		.readdirSync(folder)
		.filter(isDescriptorFile)
		.sort()
		.map((file) => require(path.join(folder, file)));
}

/** Every simulator under test/simulators, folder by folder. */
function discoverSimulators() {
	return fs
		.readdirSync(__dirname, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort()
		.flatMap((folder) => simulatorsIn(path.join(__dirname, folder)));
}

function simulatorNamed(name) {
	const all = discoverSimulators();
	const found = all.find((sim) => sim.name === name);
	if (!found) {
		throw new Error(`unknown simulator "${name}" (${all.map((sim) => sim.name).join(', ')})`);
	}
	return found;
}

/** Where `npm start` runs a simulator: <NAME>_SIM_PORT, else its default port. */
function configuredPort(sim, env = process.env) {
	const value = env[`${sim.name.toUpperCase()}_SIM_PORT`];
	return value === undefined || value === '' ? sim.defaultPort : Number(value);
}

module.exports = { discoverSimulators, simulatorsIn, simulatorNamed, configuredPort };
