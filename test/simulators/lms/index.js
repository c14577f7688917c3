'use strict';
// All LMS simulators at once (the LMS tests use them together):
// start({ port }) → { name, url, urls, env, stop() }.
// Default ports: 5711 Moodle, 5712 Canvas, 5713 Thinkific, 5714 Teachable, 5715 TalentLMS,
// 5716 Docebo (only the LMSs with an API the triggers call are simulated).

const { simulatorsIn } = require('../discover');

// Each LMS is a <name>.simulator.js in this folder: adding one needs no edit here.
const STARTERS = Object.fromEntries(simulatorsIn(__dirname).map((sim) => [sim.name, sim.start]));

/** @param {{ port?: number }} [options] port 0 = free ports, absent = default ports */
async function start(options = {}) {
	const sims = [];
	try {
		for (const starter of Object.values(STARTERS)) {
			sims.push(await starter(options.port === 0 ? { port: 0 } : {}));
		}
	} catch (error) {
		await Promise.all(sims.map((sim) => sim.stop()));
		throw error;
	}
	return {
		name: 'lms',
		url: sims.map((s) => s.url).join(' '),
		urls: Object.fromEntries(sims.map((s) => [s.name, s.url])),
		sims,
		env: Object.fromEntries(sims.map((s) => [`${s.name.toUpperCase()}_SIM_URL`, s.url])),
		stop: () => Promise.all(sims.map((s) => s.stop())).then(() => undefined),
	};
}

module.exports = { start, STARTERS };
