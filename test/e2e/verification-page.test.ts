// Template 19, the public verification page, in a real n8n: certificates are issued through the
// Credential Ledger by seed workflows (one then erased, one revoked, one superseded), then the
// page and the JSON are fetched for each status, a real browser (headless Chromium) renders the
// page and the test reads the status from its DOM, and the QR code of a rendered PDF, decoded,
// opens the same page. Each lookup is counted beside the ledger.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { summariseLookups } from '../../nodes/core/domain/ledger';
import { EmbeddedLookupCounter } from '../../nodes/core/integrations/ledger-storage';
import { readDrawnQr } from '../unit/certificate/support/pdf-tools';
import { createInstanceWithPackage } from './support/describe-workflows';
import {
	currentLine,
	harness,
	REPO_ROOT,
	restSessions,
	type HttpResponse,
	type Instance,
} from './support/harness';
import { until } from './support/ledger-seed';
import { startSimulatorsWithCredentials, type RunningSimulators } from './support/simulators';

const { line, n8nVersion } = currentLine();
const FIXTURES = path.join(__dirname, 'fixtures', 'verification-page');
const TEMPLATE = path.join(REPO_ROOT, 'workflows', '19-verification-endpoint.json');
const SCREENSHOTS = path.join(REPO_ROOT, 'test-output', 'verification-page', `n8n-line-${line}`);
const JSON_ACCEPT = { accept: 'application/json' };
const BROWSER_ACCEPT = {
	accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
};

type Role = 'valid' | 'revoked' | 'superseded' | 'replacement' | 'erased';
interface Seeded {
	certificateId: string;
	verificationUrl: string;
}

let n8n: Instance;
let simulators: RunningSimulators | undefined;
let browser: string;
const seeded = {} as Record<Role, Seeded>;
let validPdf: Buffer;

const pagePath = (certificateId: string) => `/webhook/verify/${encodeURIComponent(certificateId)}`;
const lookup = (certificateId: string, headers: Record<string, string> = JSON_ACCEPT) =>
	n8n.request('GET', pagePath(certificateId), { headers });

/** What no public answer may contain: ledger keys, learner ids, emails, reasons, stack traces. */
function expectNothingPrivate(response: HttpResponse) {
	expect(response.text).not.toMatch(/L-(VALID|REVOKED|CARLA|ERASED)|\w@\w|proctor|registrar/);
	expect(response.text).not.toMatch(/\bat \S+ \(|node_modules|Error:/);
}

/** Runs a tool (the browser, its install script) and returns what it printed. */
function runTool(file: string, args: string[]): string {
	// The community-node lint rules also cover tests; starting a browser is what this test is for.
	// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions
	return execFileSync(file, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 }).toString(
		'utf8',
	);
}

/** Headless Chromium loads the page: the DOM as rendered, and a phone-sized screenshot. */
function renderInBrowser(url: string, screenshotName?: string): string {
	const common = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars'];
	if (screenshotName) {
		const file = path.join(SCREENSHOTS, `${screenshotName}.png`);
		runTool(browser, [...common, '--window-size=412,915', `--screenshot=${file}`, url]);
	}
	return runTool(browser, [...common, '--dump-dom', url]);
}

/** The status heading as the browser rendered it. */
function renderedStatus(dom: string): string | undefined {
	return /<h1 id="status">([^<]*)<\/h1>/.exec(dom)?.[1];
}

describe(`verification page (template 19) on n8n ${n8nVersion}`, () => {
	beforeAll(async () => {
		// The test set-up installs the browser (Debian's chromium) when it is missing.
		browser = runTool('bash', [path.join(REPO_ROOT, 'scripts', 'browser', 'ensure.sh')]).trim();
		fs.mkdirSync(SCREENSHOTS, { recursive: true });
		n8n = await createInstanceWithPackage(line);
		simulators = await startSimulatorsWithCredentials(n8n);
		const template = harness
			.loadWorkflowDir(path.dirname(TEMPLATE))
			.find((wf) => wf.file === TEMPLATE);
		if (!template) throw new Error(`${TEMPLATE} not found`);
		const seeds = harness.loadWorkflowDir(FIXTURES);
		for (const workflow of [...seeds, template]) await n8n.importWorkflow(workflow);
		await n8n.activate(template.id);
		await n8n.start();
		await n8n.waitForHttp('/rest/settings');
		// The seeds run inside the server, as the editor's "Execute workflow" does, so the
		// Certificate node sees the server's public base URL (WEBHOOK_URL) as a real instance would.
		const session = restSessions.createSession(n8n.baseUrl);
		await session.setupOwner({
			email: 'owner@example.org',
			password: restSessions.generatePassword(),
		});
		for (const seed of seeds) {
			const run = await n8n.runFromTrigger(session, seed.id, 'Start');
			for (const item of harness.nodeOutput(run, 'Record issued') as Array<{
				role: Role;
				certificate: Seeded;
			}>)
				seeded[item.role] = item.certificate;
			const pdf = harness.nodeOutput(run, 'PDF as base64') as
				| Array<{ pdfBase64: string }>
				| undefined;
			if (pdf?.length) validPdf = Buffer.from(pdf[0].pdfBase64, 'base64');
		}
		await n8n.waitForWebhook({ ...template.webhooks[0], workflowId: template.id });
	});
	afterAll(async () => {
		await n8n?.dispose();
		await simulators?.stop();
	});

	test('the seed issued one certificate per status, each with its own id', () => {
		const ids = Object.values(seeded).map((s) => s.certificateId);
		expect(Object.keys(seeded).sort()).toEqual(
			['erased', 'replacement', 'revoked', 'superseded', 'valid'].sort(),
		);
		expect(new Set(ids).size).toBe(5);
		for (const id of ids) expect(id).toMatch(/^C-[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
	});

	test('valid: JSON with the public fields only', async () => {
		const response = await lookup(seeded.valid.certificateId);
		expect(response.status).toBe(200);
		expect(response.headers['content-type']).toMatch(/^application\/json/);
		expect(response.body).toMatchObject({
			certificateId: seeded.valid.certificateId,
			status: 'valid',
			holderName: 'Ana Lima',
			credentialTitle: 'Workplace Safety Fundamentals',
			issuer: 'Example Training Institute (demo)',
			credits: [{ credits: '2', unit: 'CPE', fieldOfStudy: 'Accounting' }],
		});
		expectNothingPrivate(response);
	});

	test('revoked: the public category and date, not the reason text', async () => {
		const response = await lookup(seeded.revoked.certificateId);
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({
			status: 'revoked',
			revocation: { category: 'issued_in_error', revokedAt: expect.any(String) },
		});
		expectNothingPrivate(response);
	});

	test('superseded: names the replacement, which is valid', async () => {
		const response = await lookup(seeded.superseded.certificateId);
		expect(response.body).toMatchObject({
			status: 'superseded',
			supersededBy: { certificateId: seeded.replacement.certificateId },
		});
		expect((await lookup(seeded.replacement.certificateId)).body).toMatchObject({
			status: 'valid',
			holderName: 'Carla Mendes',
		});
	});

	test('erased: says so, with no personal data', async () => {
		const response = await lookup(seeded.erased.certificateId);
		expect(response.status).toBe(200);
		expect(response.body).toEqual({
			certificateId: seeded.erased.certificateId,
			status: 'erased',
			personalDataErased: true,
			checkedAt: expect.any(String),
		});
		expect(response.text).not.toMatch(/Dora|Workplace/);
	});

	test('unknown: 404 as JSON and as a page', async () => {
		const json = await lookup('C-0000-0000-0000-0000');
		expect(json.status).toBe(404);
		expect(json.body).toMatchObject({ status: 'unknown' });
		const page = await lookup('C-0000-0000-0000-0000', BROWSER_ACCEPT);
		expect(page.status).toBe(404);
		expect(page.headers['content-type']).toMatch(/^text\/html/);
		expect(page.text).toContain('<h1 id="status">Not found</h1>');
	});

	test.each<[string, string]>([
		['odd characters', 'C-1234<script>'],
		['a 10 KB id', 'C'.repeat(10_240)],
	])('malformed (%s): 400 with the problem named, never echoed whole', async (_name, id) => {
		for (const headers of [JSON_ACCEPT, BROWSER_ACCEPT]) {
			const response = await lookup(id, headers);
			expect(response.status).toBe(400);
			expect(response.text).toMatch(/certificate ID/);
			expect(response.text.length).toBeLessThan(5_000);
			expectNothingPrivate(response);
		}
		const json = (await lookup(id)).body as { status: string; certificateId: string };
		expect(json.status).toBe('malformed');
		expect(json.certificateId.length).toBeLessThanOrEqual(40);
		// In the page the echoed start of the id is text, never markup.
		expect((await lookup(id, BROWSER_ACCEPT)).text).not.toContain('<script>');
	});

	test.each<[Role | 'unknown', string]>([
		['valid', 'Valid'],
		['revoked', 'Revoked'],
		['superseded', 'Superseded'],
		['unknown', 'Not found'],
	])('a real browser renders the %s page and shows "%s"', (role, heading) => {
		const id = role === 'unknown' ? 'C-ZZZZ-ZZZZ-ZZZZ-ZZZZ' : seeded[role].certificateId;
		const dom = renderInBrowser(n8n.baseUrl + pagePath(id), role);
		expect(renderedStatus(dom)).toBe(heading);
		expect(fs.statSync(path.join(SCREENSHOTS, `${role}.png`)).size).toBeGreaterThan(1_000);
		if (role === 'superseded') {
			const href = /<a id="replacement" href="([^"]+)"/.exec(dom)?.[1];
			expect(href).toBe(`./${seeded.replacement.certificateId}`);
			const next = new URL(href as string, n8n.baseUrl + pagePath(id)).toString();
			expect(renderedStatus(renderInBrowser(next))).toBe('Valid');
		}
	});

	test("the QR code of the Certificate node's PDF opens the valid certificate's page", async () => {
		const qr = await readDrawnQr(validPdf);
		expect(qr.text).toBe(seeded.valid.verificationUrl);
		const url = new URL(qr.text as string);
		expect(url.pathname).toBe(pagePath(seeded.valid.certificateId));
		// The server's public base URL (WEBHOOK_URL), not a placeholder host.
		expect(url.origin).toBe(new URL(n8n.baseUrl).origin);
		// The decoded URL itself, fetched as a phone would after scanning.
		const response = await fetch(url, { headers: JSON_ACCEPT });
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({
			certificateId: seeded.valid.certificateId,
			status: 'valid',
		});
		expect(renderedStatus(renderInBrowser(url.toString()))).toBe('Valid');
	});

	test('each lookup is counted beside the ledger by status, and nothing about it is kept', async () => {
		const ledgerFolder = path.join(n8n.userFolder, '.n8n', 'credential-ledger');
		const counter = new EmbeddedLookupCounter(ledgerFolder);
		const everything = { from: 0, to: Date.now() + 3_600_000 };
		const before = summariseLookups(await counter.tallies(everything));
		for (let i = 0; i < 3; i++) await lookup(seeded.valid.certificateId);
		await lookup(seeded.revoked.certificateId, BROWSER_ACCEPT);
		await lookup('C-0000-0000-0000-0001');
		// Counts are written behind the answers: the last one may land just after its page.
		const after = await until(
			'the five lookups counted',
			async () => summariseLookups(await counter.tallies(everything)),
			(summary) => summary.total - before.total >= 5,
		);
		expect(after.total - before.total).toBe(5);
		expect(after.byStatus.valid - before.byStatus.valid).toBe(3);
		expect(after.byStatus.revoked - before.byStatus.revoked).toBe(1);
		expect(after.byStatus.unknown - before.byStatus.unknown).toBe(1);
		const counts = fs.readFileSync(counter.path, 'utf8');
		expect(counts).toMatch(/^(\d{4}-\d\d-\d\dT\d\d [a-z_]+( [1-9]\d*)?\n)+$/);
		expect(counts).not.toContain(seeded.valid.certificateId);
	});
});
