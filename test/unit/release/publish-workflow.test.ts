// The release workflow is what makes the package eligible for n8n's verification: n8n's
// scanner refuses a version published without npm provenance, and provenance needs the
// publishing job to hold an OIDC token (id-token: write). Nothing runs this workflow before a
// release, so these checks keep it from rotting silently.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

interface Step {
	run?: string;
	uses?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Job {
	needs?: string | string[];
	permissions?: Record<string, string>;
	steps: Step[];
}
interface Workflow {
	on: { push?: { tags?: string[]; branches?: string[] } } & Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

const FILE = path.join(__dirname, '..', '..', '..', '.github', 'workflows', 'publish.yml');
const workflow = parse(readFileSync(FILE, 'utf8')) as Workflow;
const jobs = Object.entries(workflow.jobs);
const runs = (job: Job) => job.steps.map((s) => s.run ?? '');
const publishing = jobs.filter(([, job]) => runs(job).some((r) => /\bnpm publish\b/.test(r)));

// A needs: list may be a string or an array.
const needsOf = (job: Job) => ([] as string[]).concat(job.needs ?? []);

describe('publish workflow', () => {
	it('runs only for version tags', () => {
		expect(Object.keys(workflow.on)).toEqual(['push']);
		expect(workflow.on.push?.branches).toBeUndefined();
		const tags = workflow.on.push?.tags ?? [];
		expect(tags.length).toBeGreaterThan(0);
		// GitHub's filter syntax: "[0-9]+" is one or more digits, "." is literal.
		const asRegExp = (glob: string) =>
			new RegExp(`^${glob.replace(/\./g, '\\.').replace(/\*/g, '.*')}$`);
		expect(tags.some((t) => asRegExp(t).test('v1.2.3'))).toBe(true);
		expect(tags.some((t) => asRegExp(t).test('main'))).toBe(false);
	});

	it('has exactly one job that publishes, with provenance and public access', () => {
		expect(publishing).toHaveLength(1);
		const [, job] = publishing[0];
		const command = runs(job).find((r) => /\bnpm publish\b/.test(r)) ?? '';
		expect(command.split(/\s+/)).toEqual(
			expect.arrayContaining(['npm', 'publish', '--provenance', '--access', 'public']),
		);
	});

	it('gives the publishing job an OIDC token and nothing more than read access', () => {
		const [, job] = publishing[0];
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		// Every other job inherits the workflow default, which must not grant writes.
		expect(workflow.permissions).toEqual({ contents: 'read' });
		for (const [, other] of jobs.filter(([, j]) => j !== job))
			expect(other.permissions ?? workflow.permissions).toEqual({ contents: 'read' });
	});

	it('publishes only after install, lint, build and the full test suite passed, in order', () => {
		const [, job] = publishing[0];
		const gateRuns = needsOf(job).flatMap((name) => runs(workflow.jobs[name]));
		const order = ['npm ci', 'npm run lint', 'npm run build', 'npm test'].map((cmd) =>
			gateRuns.findIndex((r) => r === cmd || r.startsWith(`${cmd} `)),
		);
		expect(order.every((index) => index >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
	});

	it('checks that the tag names the version in package.json', () => {
		const all = jobs.flatMap(([, job]) => runs(job)).join('\n');
		expect(all).toMatch(/package\.json[\s\S]*GITHUB_REF_NAME/);
	});

	it('publishes the freshly built package from a clean install on Node 20 or 22', () => {
		const [, job] = publishing[0];
		const commands = runs(job);
		const at = (cmd: string) => commands.findIndex((r) => r.startsWith(cmd));
		expect(at('npm ci')).toBeGreaterThanOrEqual(0);
		expect(at('npm run build')).toBeGreaterThan(at('npm ci'));
		expect(at('npm publish')).toBeGreaterThan(at('npm run build'));
		const setup = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
		expect([20, 22]).toContain(Number(setup?.with?.['node-version']));
		expect(setup?.with?.['registry-url']).toBe('https://registry.npmjs.org');
	});

	it('takes the npm token from the repository secrets, never from the file', () => {
		const [, job] = publishing[0];
		const step = job.steps.find((s) => /\bnpm publish\b/.test(s.run ?? ''));
		expect(step?.env?.NODE_AUTH_TOKEN).toBe('${{ secrets.NPM_TOKEN }}');
	});
});
