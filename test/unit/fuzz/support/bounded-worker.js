// Runs the fuzz suite's huge cases (10 MB strings, deep nesting) in a worker thread, so a case
// that blocks the event loop (a quadratic regex, an unbounded edit distance) is stopped by the
// test's time bound instead of hanging the whole suite. Messages: { name } in, { name, problems,
// ms } or { name, error } out.
const { parentPort, workerData } = require('node:worker_threads');

require('../../ledger/support/ts-register');
// Node resolves "X.node" to the codex file X.node.json before X.node.ts: .json goes last.
const readJson = require.extensions['.json'];
delete require.extensions['.json'];
require.extensions['.json'] = readJson;

const { HUGE_CASES } = require(workerData.casesModule);

parentPort.on('message', async ({ name }) => {
	const started = Date.now();
	try {
		const problems = await HUGE_CASES[name]();
		parentPort.postMessage({ name, problems, ms: Date.now() - started });
	} catch (error) {
		parentPort.postMessage({ name, error: `${error && error.name}: ${error && error.message}` });
	}
});
parentPort.postMessage({ ready: true });
