// A whole conference through a real n8n server, as organisers run it: 2,000 attendees x 40
// sessions (200,000 badge scans in one CSV export) posted to a webhook, then Attendance → CPE
// Credit (one item per attendee) → Reserve → attendee certificate PDF → Record Issued, and No
// Credit recorded, in the embedded ledger. The server is the e2e harness's pinned n8n (line 2
// unless CPE_EVENT_N8N_LINE says otherwise) with this build installed as a community package;
// its resident memory (the n8n process and its task runner) is sampled throughout. The baseline
// is the same work by the domain code alone in this process (bench/cpe-event-engine.js), timed
// in the same run. Targets: n8n within 3x the engine plus the PDF and ledger time (printed as
// the time figure's baseline, so the target is ratio <= 1) and peak memory within 1.5 GB.
// CPE_EVENT_ATTENDEES sets a smaller size, which then names itself in the figures. The server
// runs with the heap cap docs/operations.md advises for large conferences ("Large conferences");
// CPE_EVENT_N8N_HEAP_MIB sets another cap (0: none, V8's default), which names itself in the
// figures too. Without an installed n8n line (a clean machine before the e2e tests installed it)
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
	return HEAP_MIB === 0 ? {} : { NODE_OPTIONS: `--max-old-space-size=${HEAP_MIB}` };
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
	console.log(
		`engine alone on ${size}: credits ${engine.engineSeconds.toFixed(1)} s, ${engine.credited} PDFs ${engine.pdfSeconds.toFixed(1)} s, ledger ${engine.ledgerSeconds.toFixed(1)} s (${engine.credited} credited, ${engine.needsReview} to review, ${engine.noCredit} no credit)`,
	);

	const workflow = benchWorkflow(programme);
	const n8n = await startN8n(workflow, serverEnv);
	let run;
	let counts;
	try {
		run = await runInN8n(n8n, workflow, csv);
		counts = ledgerCounts(n8n.userFolder);
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
	const heapSetting = serverEnv.NODE_OPTIONS ?? 'no heap cap';
	console.log(
		`n8n ${harness.lineInfo(LINE).n8nVersion} (${heapSetting}) on the same data: ${run.seconds.toFixed(1)} s, memory ${run.idleMib.toFixed(0)} MiB idle, ${run.peakMib.toFixed(0)} MiB at peak; ledger ${JSON.stringify(counts)}`,
	);
	const sized = ATTENDEES === FULL_SIZE ? '' : `-${ATTENDEES}x${sessions}`;
	const capped =
		HEAP_MIB === ADVISED_HEAP_MIB ? '' : HEAP_MIB === 0 ? '-uncapped' : `-heap${HEAP_MIB}`;
	const name = `cpe-event-in-n8n${sized}${capped}`;
	const target = ENGINE_FACTOR * engine.engineSeconds + engine.pdfSeconds + engine.ledgerSeconds;
	report(`${name}-time`, run.seconds, 's', target);
	report(`${name}-peak-rss`, run.peakMib, 'MiB', MEMORY_TARGET_MIB);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
