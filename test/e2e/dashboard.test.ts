// Template 20, the operations dashboard, in a real n8n: the ledger is seeded with issuances of
// known timings and an open review, the page is fetched through a proxy that adds the webhook
// token (as the operator's reverse proxy does), headless Chromium renders it in a phone-sized
// window and writes a screenshot, and every number it shows is compared with Get Metrics over
// the period the page states. A call without the token is refused and runs nothing. Then
// template 21, the daily summary and alerts, runs twice over the same ledger after 100 learners
// have failed against one platform for 40 minutes: one email per condition, not per learner. Its
// Monday branch reports a Moodle course whose completion found no rule; adding the rule to the
// rules file clears it.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { promisify } from 'util';

import {
	checkGoLiveSettings,
	CredentialLedger,
	type LedgerMetrics,
	type MetricName,
} from '../../nodes/core/domain/ledger';
import type { EmbeddedStore } from '../../nodes/core/integrations/ledger-storage';
import { NEW_COURSE } from '../simulators/lms/moodle';
import type { SinkMessage } from '../simulators/mail';
import { decision } from '../unit/ledger/support/fixtures';
import { recordTimedOut } from '../unit/ledger/support/timed-out';
import { createInstanceWithPackage } from './support/describe-workflows';
import {
	currentLine,
	harness,
	REPO_ROOT,
	restSessions,
	type Instance,
	type RestSession,
} from './support/harness';
import { openLedgerBeside } from './support/ledger-beside';
import { startSimulatorsWithCredentials, type RunningSimulators } from './support/simulators';
import { webhookTokenHeaders } from './support/webhook-token';

const { line, n8nVersion } = currentLine();
const SCREENSHOTS = path.join(REPO_ROOT, 'test-output', 'dashboard', `n8n-line-${line}`);
const PAGE_PATH = '/webhook/ops-dashboard';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ago = (ms: number) => new Date(Date.now() - ms);
/** Minutes from completion to issue of the seeded credentials: p50 6, p95 60, average 16. */
const ISSUE_MINUTES = [2, 4, 6, 8, 60];

const templates = harness.loadWorkflowDir(path.join(REPO_ROOT, 'workflows'));
const dashboard = templates.find((wf) => wf.fileName === '20-operations-dashboard.json')!;
const alerts = templates.find((wf) => wf.fileName === '21-daily-summary-and-alerts.json')!;
const OPERATIONS_EMAIL = 'credential-ops-team@academy.example.org';

let n8n: Instance;
let simulators: RunningSimulators;
let session: RestSession;
let store: EmbeddedStore | undefined;
let ledger: CredentialLedger;
let proxy: http.Server;
let proxyUrl: string;
let browser: string;
let rulesFile: string;

/** The rules file the drift check reads, as the team edits it: one passing score per course. */
function writeRules(courseIds: string[]): void {
	const courses = courseIds.flatMap((id) => [`  "${id}":`, '    passingScore: 70']);
	const text = ['id: team-rules', 'version: "2026.2"', 'courses:', ...courses].join('\n');
	fs.writeFileSync(rulesFile, `${text}\n`);
}

/**
 * Template 21 as the team sets it up here: the drift check reads the rules file, and PROG-101
 * (the seeded credentials' course, from another LMS) is listed in otherLmsCourseIds.
 */
function readRulesFromFile(workflow: Record<string, unknown>): void {
	const nodes = workflow.nodes as Array<{ name: string; parameters: Record<string, unknown> }>;
	const drift = nodes.find((node) => node.name === 'Get Configuration Drift')!;
	Object.assign(drift.parameters, { ruleSetSource: 'file', ruleSetFilePath: rulesFile });
	const settings = nodes.find((node) => node.name === 'Settings')!.parameters as {
		assignments: { assignments: Array<{ name: string; value: unknown }> };
	};
	settings.assignments.assignments.find((a) => a.name === 'otherLmsCourseIds')!.value = 'PROG-101';
}

const decidedAt = (learnerId: string, at: Date, outcome = 'verified') =>
	decision(learnerId, 'PROG-101', {
		outcome,
		reasons: [{ code: outcome === 'verified' ? 'ALL_CRITERIA_MET' : 'TIME_AT_MINIMUM' }],
		decidedAt: at.toISOString(),
	});

/** Issued credentials with known completion-to-issue times, and one review open for 30 h. */
async function seedKnownTimings(): Promise<void> {
	for (const [i, minutes] of ISSUE_MINUTES.entries()) {
		const completed = ago((i + 1) * 26 * HOUR);
		const key = `ik_dashboard_${i}`;
		await ledger.reserve(key, decidedAt(`L-D${i}`, completed), { now: completed });
		await ledger.record(
			key,
			'issued',
			{ platform: 'accredible', externalId: `D-${i}`, attempt: 1 },
			'issuing workflow',
			{ now: new Date(completed.getTime() + minutes * MINUTE) },
		);
	}
	const opened = ago(30 * HOUR);
	await ledger.recordDecision('ik_dashboard_review', decidedAt('L-DR', opened, 'needs_review'), {
		now: opened,
	});
}

/** Learners of a shadow week: decided, the would-be credential recorded, nothing issued. */
const SHADOW_LEARNERS = ['L-S1', 'L-S2'];

async function seedShadowWeek(): Promise<void> {
	const shadow = checkGoLiveSettings({ mode: 'shadow' });
	for (const learnerId of SHADOW_LEARNERS) {
		const key = `ik_dashboard_shadow_${learnerId}`;
		const at = ago(2 * HOUR);
		await ledger.recordDecision(key, decidedAt(learnerId, at), { now: at, goLiveMode: 'shadow' });
		await ledger.goLiveBeforeIssuing(key, shadow, { platform: 'accredible' }, { now: at });
	}
}

/** learners failing against Accredible, the first `minutesAgo` minutes ago, one a second after. */
async function seedOutage(learners: number, minutesAgo: number): Promise<void> {
	for (let n = 0; n < learners; n++)
		await recordTimedOut(ledger, `L-O${n}`, ago(minutesAgo * MINUTE - n * 1000));
}

async function mailsToOperations(): Promise<SinkMessage[]> {
	const response = await fetch(`${simulators.urls.mail}/__control/messages?raw=1`);
	const { messages } = (await response.json()) as { messages: SinkMessage[] };
	return messages.filter((m) => m.to.includes(OPERATIONS_EMAIL));
}

/**
 * Runs a tool (the browser, its install script) and returns what it printed. Asynchronously: the
 * proxy the browser loads the page through runs in this process and must keep answering.
 */
async function runTool(file: string, args: string[]): Promise<string> {
	const { stdout } = await promisify(execFile)(file, args, { timeout: 60_000, encoding: 'utf8' });
	return stdout;
}

/** The operator's reverse proxy: forwards to n8n and adds the webhook token for the browser. */
async function startTokenProxy(target: string): Promise<void> {
	const upstream = new URL(target);
	proxy = http.createServer((req, res) => {
		const forward = http.request(
			new URL(req.url ?? '/', upstream),
			{
				method: req.method,
				headers: { ...req.headers, host: upstream.host, ...webhookTokenHeaders() },
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		forward.on('error', (error) => res.writeHead(502).end(error.message));
		req.pipe(forward);
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

/** data-metric name → every text printed for it in the rendered DOM. */
function renderedMetrics(dom: string): Map<string, string[]> {
	const found = new Map<string, string[]>();
	for (const [, name, text] of dom.matchAll(/data-metric="([^"]+)">([^<]*)</g))
		found.set(name, [...(found.get(name) ?? []), text]);
	return found;
}

const shown = (value: number | null) => (value === null ? '—' : String(value));

async function executionCount(): Promise<number> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: dashboard.id }));
	const listed = (await session.get(`/rest/executions?filter=${filter}`)) as {
		data: { count: number };
	};
	return listed.data.count;
}

describe(`operations dashboard (template 20) on n8n ${n8nVersion}`, () => {
	beforeAll(async () => {
		// The test set-up installs the browser (Debian's chromium) when it is missing.
		browser = (
			await runTool('bash', [path.join(REPO_ROOT, 'scripts', 'browser', 'ensure.sh')])
		).trim();
		fs.mkdirSync(SCREENSHOTS, { recursive: true });
		n8n = await createInstanceWithPackage(line);
		simulators = await startSimulatorsWithCredentials(n8n);
		// Outside n8n's own folder, and the one folder nodes may read files from.
		const rulesFolder = path.join(n8n.userFolder, 'rules');
		fs.mkdirSync(rulesFolder, { recursive: true });
		rulesFile = path.join(rulesFolder, 'completion-rules.yaml');
		readRulesFromFile(alerts.json);
		await n8n.importWorkflow(dashboard);
		await n8n.importWorkflow(alerts);
		await n8n.activate(dashboard.id);
		await n8n.start({ extraEnv: { N8N_RESTRICT_FILE_ACCESS_TO: rulesFolder } });
		await n8n.waitForHttp('/rest/settings');
		session = restSessions.createSession(n8n.baseUrl);
		await session.setupOwner({
			email: 'owner@example.org',
			password: restSessions.generatePassword(),
		});
		// The test appends beside the running n8n: the folder lock serialises the two processes.
		({ store, ledger } = await openLedgerBeside(n8n.userFolder, simulators.urls));
		await seedKnownTimings();
		await seedShadowWeek();
		await startTokenProxy(n8n.baseUrl);
		await n8n.waitForWebhook({ ...dashboard.webhooks[0], workflowId: dashboard.id });
	});
	afterAll(async () => {
		await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
		await store?.close();
		await n8n?.dispose();
		await simulators?.stop();
	});

	test('a call without the webhook token gets 403 and starts no execution', async () => {
		const before = await executionCount();
		const response = await n8n.request('GET', PAGE_PATH);
		expect(response.status).toBe(403);
		expect(response.text).not.toContain('Credential operations');
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(await executionCount()).toBe(before);
	});

	test('a phone-sized browser renders the page; every number equals Get Metrics for its period', async () => {
		const url = proxyUrl + PAGE_PATH;
		const common = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars'];
		const screenshot = path.join(SCREENSHOTS, 'dashboard.png');
		await runTool(browser, [...common, '--window-size=412,915', `--screenshot=${screenshot}`, url]);
		expect(fs.statSync(screenshot).size).toBeGreaterThan(5_000);
		// The whole page at phone width, for a person to look over.
		const whole = path.join(SCREENSHOTS, 'dashboard-full-page.png');
		await runTool(browser, [...common, '--window-size=412,2600', `--screenshot=${whole}`, url]);
		expect(fs.statSync(whole).size).toBeGreaterThan(fs.statSync(screenshot).size);
		const dom = await runTool(browser, [...common, '--window-size=412,915', '--dump-dom', url]);
		expect(dom).toContain('<h1>Credential operations</h1>');
		const period = /, (\S+Z) to (\S+Z)\./.exec(dom);
		expect(period).not.toBeNull();
		const [metrics] = (await ledger.metrics({
			periodStart: period![1],
			periodEnd: period![2],
		})) as LedgerMetrics[];
		const rendered = renderedMetrics(dom);
		for (const name of Object.keys(metrics.metrics) as MetricName[]) {
			const texts = rendered.get(name) ?? [];
			expect({ name, drawn: texts.length > 0 }).toEqual({ name, drawn: true });
			expect({ name, texts }).toEqual({
				name,
				texts: texts.map(() => shown(metrics.metrics[name].value)),
			});
		}
		// The seeded timings, independently of the metrics code.
		expect(rendered.get('issued')?.[0]).toBe(String(ISSUE_MINUTES.length));
		expect(rendered.get('wouldIssue')?.[0]).toBe(String(SHADOW_LEARNERS.length));
		expect(rendered.get('completionToIssuedP50')?.[0]).toBe('6');
		expect(rendered.get('completionToIssuedP95')?.[0]).toBe('60');
		expect(rendered.get('completionToIssuedAverage')?.[0]).toBe('16');
		expect(rendered.get('reviewQueueSize')?.[0]).toBe('1');
		expect(Number(rendered.get('reviewQueueOldestHours')?.[0])).toBeCloseTo(30, 0);
		// One bar per day of the period, and the issued ones on the days they were issued.
		const bars = [...dom.matchAll(/data-day="([^"]+)" data-series="bars">(\d+)</g)];
		expect(bars.length).toBeGreaterThanOrEqual(30);
		expect(bars.reduce((n, [, , count]) => n + Number(count), 0)).toBe(ISSUE_MINUTES.length);
	});

	test('alerts (template 21): a 30-minute outage over 100 learners, run twice, is one email per condition', async () => {
		await seedOutage(100, 40);
		const first = await n8n.runFromTrigger(session, alerts.id, 'Every 15 Minutes');
		const messages = harness.nodeOutput(first, 'Get Daily Summary and Alerts') as Array<{
			kind: string;
			subject: string;
		}>;
		// The summary; the error rate and platform availability past their warning thresholds over
		// the last 24 hours; the outage; the review open for 30 hours. Not one per learner.
		expect(messages.map((m) => m.kind).sort()).toEqual([
			'platform_outage',
			'review_sla',
			'summary',
			'threshold',
			'threshold',
		]);
		await n8n.runFromTrigger(session, alerts.id, 'Every 15 Minutes');
		const sent = await mailsToOperations();
		expect(sent.map((m) => m.subject).sort()).toEqual(messages.map((m) => m.subject).sort());
		const outage = sent.filter((m) =>
			/^accredible has been failing for \d+ minutes$/.test(m.subject ?? ''),
		);
		expect(outage).toHaveLength(1);
		// The body is quoted-printable: join its soft line breaks before reading it.
		expect(outage[0].raw.replace(/=\r?\n/g, '')).toContain('100 credential(s) are failing');
		expect(
			sent.filter((m) => /review\(s\) waiting longer than the 24 h SLA/.test(m.subject ?? '')),
		).toHaveLength(1);
	});

	test('drift (template 21, Monday): a Moodle course without a rule is emailed once; adding the rule clears it', async () => {
		const control = (body: object) =>
			fetch(`${simulators.urls.moodle}/__control/seed`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
		expect((await control({ courses: [NEW_COURSE] })).status).toBe(200);
		// A learner completed it; Verify Completion found no rule and held the completion.
		const now = new Date();
		const held = decision('L-F1', '17', {
			outcome: 'needs_review',
			reasons: [{ code: 'COURSE_RULE_MISSING', detail: 'no rule for course 17' }],
			decidedAt: now.toISOString(),
		});
		await ledger.recordDecision('ik_drift_fire_warden', held, { now });
		// 98 is a rule for a course Moodle no longer has.
		writeRules(['12', '13', '16', '98', 'PROG-101']);
		const driftMails = async () =>
			(await mailsToOperations()).filter((m) => /configuration drift/i.test(m.subject ?? ''));

		const first = await n8n.runFromTrigger(session, alerts.id, 'Every Monday');
		expect(harness.nodeOutput(first, 'Get Daily Summary and Alerts')).toBeUndefined();
		const [report] = harness.nodeOutput(first, 'Get Configuration Drift') as Array<{
			ruleSetId: string;
			findings: unknown[];
		}>;
		expect(report.ruleSetId).toBe('team-rules');
		expect(report.findings).toEqual([
			expect.objectContaining({
				kind: 'course_without_rule',
				lms: 'Moodle',
				courseId: '17',
				courseName: 'Fire Warden Refresher',
				completions: 1,
			}),
			expect.objectContaining({ kind: 'rule_without_course', lms: 'Moodle', courseId: '98' }),
		]);
		const sent = await driftMails();
		expect(sent.map((m) => m.subject)).toEqual(['Configuration drift in Moodle: 2 finding(s)']);
		const body = sent[0].raw.replace(/=\r?\n/g, '');
		expect(body).toContain('Fire Warden Refresher');
		expect(body).toContain('Add a rule for course id');

		// The team adds the rule and removes the stale one: nothing to report, no email.
		writeRules(['12', '13', '16', '17', 'PROG-101']);
		const second = await n8n.runFromTrigger(session, alerts.id, 'Every Monday');
		expect(harness.nodeOutput(second, 'Get Configuration Drift')).toEqual([
			expect.objectContaining({ driftFound: false, findings: [] }),
		]);
		expect(harness.nodeOutput(second, 'Email Operations')).toBeUndefined();
		expect(await driftMails()).toHaveLength(1);
	});
});
