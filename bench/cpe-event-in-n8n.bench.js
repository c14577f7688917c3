// A whole conference through a real n8n server, as organisers run it: 2,000 attendees x 40
// sessions (200,000 badge scans in one CSV export) posted to a webhook, then Attendance → CPE
// Credit (one item per attendee) → Reserve → attendee certificate PDF → Record Issued, and No
// Credit recorded, in the embedded ledger. The server is the e2e harness's pinned n8n (line 2
// unless CPE_EVENT_N8N_LINE says otherwise) with this build installed as a community package;
// its resident memory (the n8n process and its task runner) is sampled throughout. The baseline
// is the same work by the domain code alone in this process (bench/cpe-event-engine.js), timed
// just before and just after the n8n run (see engineBaseline). Targets: n8n within 3x the engine plus the PDF and ledger time (printed as
// the time figure's baseline, so the target is ratio <= 1) and peak memory within 1.5 GB.
// CPE_EVENT_ATTENDEES sets a smaller size, which then names itself in the figures. The server
// runs with the heap cap docs/operations.md advises for large conferences ("Large conferences");
// CPE_EVENT_N8N_HEAP_MIB sets another cap (0: none, V8's default), which names itself in the
// figures too. CPE_EVENT_NODE_TIMES=1 runs the server at debug log level and prints each node's
// seconds from its log (the logging costs a few per cent); CPE_EVENT_CPU_PROFILE_DIR=<folder>
// writes the server's CPU profiles there. Without an installed n8n line (a clean machine before the e2e tests installed it)
// this says so.
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const harness = require('../scripts/n8n-harness');
const { credentialIdFor } = require('../test/simulators/n8n-credentials');
const { conferenceCsv, conferenceSchedule, POLICIES } = require('./cpe-event-conference');
const { ledger, runEngineAlone } = require('./cpe-event-engine');
const { samplePeakRss, treeRssKib } = require('./process-tree-memory');
const { report } = require('./support');

const LINE = process.env.CPE_EVENT_N8N_LINE ?? '2';
const FULL_SIZE = 2_000;
const ATTENDEES = Number(process.env.CPE_EVENT_ATTENDEES ?? FULL_SIZE);
const ENGINE_FACTOR = 3;
const MEMORY_TARGET_MIB = 1536;
const RUN_TIMEOUT_MS = 20 * 60_000;
// The operator setting docs/operations.md gives for a conference of this size.
const ADVISED_HEAP_MIB = 1280;
const HEAP_MIB = Number(process.env.CPE_EVENT_N8N_HEAP_MIB ?? ADVISED_HEAP_MIB);
const FIXTURE = path.join(__dirname, 'fixtures', 'cpe-event-in-n8n.json');
const NODE_TIMES = process.env.CPE_EVENT_NODE_TIMES === '1';
// A folder for the server's V8 CPU profiles (.cpuprofile, one per process), written when it stops.
const PROFILE_DIR = process.env.CPE_EVENT_CPU_PROFILE_DIR;
const ENGINE_PARTS = ['engineSeconds', 'pdfSeconds', 'ledgerSeconds'];

/** The fixture with the generated programme and policies in place, ready to import. */
function benchWorkflow(programme) {
	const workflow = harness.loadWorkflow(FIXTURE);
	const node = (name) => workflow.json.nodes.find((n) => n.name === name);
	node('Attendance').parameters.schedule = JSON.stringify(programme, null, 2);
	node('CPE Credit').parameters.policies = JSON.stringify(POLICIES, null, 2);
	return workflow;
}

/** Entry types of the ledger the workflow wrote into n8n's user folder, counted. */
function ledgerCounts(userFolder) {
	const chain = path.join(userFolder, '.n8n', 'credential-ledger', 'chain.jsonl');
	const counts = {};
	if (!fs.existsSync(chain)) return counts;
	for (const line of fs.readFileSync(chain, 'utf8').split('\n')) {
		if (!line.trim()) continue;
		const { type } = JSON.parse(line);
		counts[type] = (counts[type] ?? 0) + 1;
	}
	return counts;
}

/** A fresh key under the name the fixture's ledger nodes use. */
function signingKeyCredential() {
	const name = 'Credential Ledger signing key';
	const { privateKeyPem } = ledger.generateEd25519KeyPair();
	return {
		id: credentialIdFor(name),
		name,
		type: 'credentialLedgerSigningApi',
		data: { algorithm: 'ed25519', privateKey: privateKeyPem, keyId: 'cpe-event-bench' },
	};
}

/** The server's environment for the heap cap (none for 0), as an operator would set it. */
function heapEnv() {
	if (!Number.isInteger(HEAP_MIB) || HEAP_MIB < 0)
		throw new Error(
			`CPE_EVENT_N8N_HEAP_MIB must be a whole number of MiB (0 for no cap), not "${process.env.CPE_EVENT_N8N_HEAP_MIB}"`,
		);
	const logLevel = NODE_TIMES ? { N8N_LOG_LEVEL: 'debug' } : {};
	const options = [
		...(HEAP_MIB === 0 ? [] : [`--max-old-space-size=${HEAP_MIB}`]),
		...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
	];
	return options.length === 0 ? logLevel : { ...logLevel, NODE_OPTIONS: options.join(' ') };
}

/** Seconds per node of the run, from the "Running node … started / finished" debug lines. */
function nodeSeconds(userFolder) {
	const log = fs.readFileSync(path.join(userFolder, 'server.log'), 'utf8');
	const started = new Map();
	const seconds = [];
	const line = /^(\d\d):(\d\d):(\d\d\.\d+)\s.*Running node "([^"]+)" (started|finished)/gm;
	for (const [, h, m, s, node, event] of log.matchAll(line)) {
		const at = (Number(h) * 60 + Number(m)) * 60 + Number(s);
		if (event === 'started') started.set(node, at);
		else if (started.has(node)) seconds.push(`${node} ${(at - started.get(node)).toFixed(1)} s`);
	}
	return seconds.join(', ');
}

/**
 * The baseline of one run: the engine's parts averaged over its runs just before and just after
 * the n8n run. Other work on a shared machine changes speed within minutes; one engine run at
 * another moment than n8n's moved the time ratio from 0.62 to 1.75 between identical runs. The
 * mean of the two runs that bracket n8n's stands for the load n8n met, as well as one process
 * can; running the engine concurrently with n8n would slow both. Both runs are printed, so the
 * spread shows how far the machine moved.
 */
function engineBaseline(before, after) {
	return Object.fromEntries(ENGINE_PARTS.map((part) => [part, (before[part] + after[part]) / 2]));
}

function engineLine(label, size, engine) {
	return `# engine alone ${label} on ${size}: credits ${engine.engineSeconds.toFixed(1)} s, ${engine.credited} PDFs ${engine.pdfSeconds.toFixed(1)} s, ledger ${engine.ledgerSeconds.toFixed(1)} s (${engine.credited} credited, ${engine.needsReview} to review, ${engine.noCredit} no credit)`;
}

/** Starts n8n with the fixture active; resolves with the instance and its webhook. */
async function startN8n(workflow, serverEnv) {
	const n8n = await harness.createInstance({ line: LINE });
	try {
		n8n.installPackage();
		await n8n.importCredentials([signingKeyCredential()]);
		await n8n.importWorkflow(workflow);
		await n8n.activate(workflow.id);
		await n8n.start({ extraEnv: serverEnv });
		await n8n.waitForWebhook({ ...workflow.webhooks[0], workflowId: workflow.id });
		return n8n;
	} catch (error) {
		await n8n.dispose();
		throw error;
	}
}

/** Posts the export and waits for the run's end (the webhook answers when its last node ran). */
async function runInN8n(n8n, workflow, csv) {
	const idleMib = treeRssKib(n8n.server.pid) / 1024;
	const sampler = samplePeakRss(n8n.server.pid);
	const start = performance.now();
	let response;
	let peakMib;
	try {
		response = await n8n.request('POST', workflow.webhooks[0].path, {
			body: csv,
			headers: { 'content-type': 'text/csv' },
			timeoutMs: RUN_TIMEOUT_MS,
		});
	} finally {
		peakMib = sampler.stop();
	}
	const seconds = (performance.now() - start) / 1000;
	if (response.status !== 200)
		throw new Error(`the run answered ${response.status}: ${response.text.slice(0, 2000)}`);
	return { seconds, idleMib, peakMib };
}

async function main() {
	if (!harness.isInstalled(LINE)) {
		console.log(
			`# cpe-event-in-n8n: n8n line ${LINE} is not installed yet; the e2e tests install it (npm run test:e2e), then run npm run bench cpe-event`,
		);
		return;
	}
	const serverEnv = heapEnv(); // refused before the long engine run
	const programme = conferenceSchedule();
	const { csv, signals, sessions } = conferenceCsv(ATTENDEES);
	const size = `${ATTENDEES} attendees x ${sessions} sessions, ${signals} signals (${(csv.length / 1e6).toFixed(1)} MB CSV)`;
	const engine = await runEngineAlone(programme, csv);
	console.log(engineLine('before n8n', size, engine));

	const workflow = benchWorkflow(programme);
	const n8n = await startN8n(workflow, serverEnv);
	let run;
	let counts;
	let perNode;
	try {
		run = await runInN8n(n8n, workflow, csv);
		counts = ledgerCounts(n8n.userFolder);
		if (NODE_TIMES) perNode = nodeSeconds(n8n.userFolder);
	} catch (error) {
		error.message += `\n--- server log (tail) ---\n${n8n.server?.logTail() ?? ''}`;
		throw error;
	} finally {
		await n8n.dispose();
	}
	// The run must have done the same work: every credited attendee issued, every No Credit kept.
	if (counts.issued !== engine.credited || (counts.decided ?? 0) < engine.noCredit)
		throw new Error(
			`n8n's ledger holds ${JSON.stringify(counts)}; the engine credited ${engine.credited} and found ${engine.noCredit} without credit`,
		);
	const engineAfter = await runEngineAlone(programme, csv);
	console.log(engineLine('after n8n', size, engineAfter));
	const heapSetting = serverEnv.NODE_OPTIONS ?? 'no heap cap';
	console.log(
		`# n8n ${harness.lineInfo(LINE).n8nVersion} (${heapSetting}) on the same data: ${run.seconds.toFixed(1)} s, memory ${run.idleMib.toFixed(0)} MiB idle, ${run.peakMib.toFixed(0)} MiB at peak; ledger ${JSON.stringify(counts)}`,
	);
	const sized = ATTENDEES === FULL_SIZE ? '' : `-${ATTENDEES}x${sessions}`;
	const capped =
		HEAP_MIB === ADVISED_HEAP_MIB ? '' : HEAP_MIB === 0 ? '-uncapped' : `-heap${HEAP_MIB}`;
	const name = `cpe-event-in-n8n${sized}${capped}`;
	if (perNode) console.log(`# n8n per node: ${perNode}`);
	const baseline = engineBaseline(engine, engineAfter);
	const target =
		ENGINE_FACTOR * baseline.engineSeconds + baseline.pdfSeconds + baseline.ledgerSeconds;
	console.log(
		`# baseline (mean of both engine runs): 3 x ${baseline.engineSeconds.toFixed(1)} s + ${baseline.pdfSeconds.toFixed(1)} s + ${baseline.ledgerSeconds.toFixed(1)} s = ${target.toFixed(1)} s`,
	);
	report(`${name}-time`, run.seconds, 's', target);
	report(`${name}-peak-rss`, run.peakMib, 'MiB', MEMORY_TARGET_MIB);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
