'use strict';
// Runs one simulator in its own process (started by startSimulatorProcess): tests that push
// hundreds of requests a second then use both cores, and the network boundary is real.

const { simulatorNamed } = require('./discover');

/** @type {{ stop(): Promise<void> } | null} */
let running = null;

process.on('message', async (/** @type {{ name: string, options: object }} */ message) => {
	try {
		const sim = await simulatorNamed(message.name).start(message.options || {});
		running = sim;
		const { stop, ...handle } = sim;
		process.send && process.send({ handle });
	} catch (error) {
		process.send && process.send({ error: String(/** @type {Error} */ (error).message) });
	}
});

const shutdown = async () => {
	if (running) await running.stop();
	process.exit(0);
};
process.on('SIGTERM', shutdown);
// The parent went away: do not linger.
process.on('disconnect', shutdown);
