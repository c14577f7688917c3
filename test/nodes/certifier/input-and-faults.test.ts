// Certifier: bad input is refused before any request, continue-on-fail, retries that never
// issue twice, no token in outputs, and every group page in Get Many and the dropdown.
import type { IDataObject } from 'n8n-workflow';

import {
	apiRequests,
	CERTIFIER_GROUP,
	CERTIFIER_TYPE,
	jsonOf,
	pairedIndexes,
	runPlatformNode,
	usePlatform,
} from '../support/issuer-platforms';
import { loadOptions } from '../support/node-contexts';

const platform = usePlatform('certifier');

const good = {
	name: 'Ada Lovelace',
	email: 'ada@example.com',
	group: CERTIFIER_GROUP,
	attributes: '{}',
};

const parameters = {
	resource: 'credential',
	operation: 'create',
	groupId: '={{ $json.group }}',
	recipientName: '={{ $json.name }}',
	recipientEmail: '={{ $json.email }}',
	additionalFields: { customAttributes: '={{ $json.attributes }}' },
};

async function issue(items: IDataObject[], settings?: IDataObject) {
	return await runPlatformNode(CERTIFIER_TYPE, platform(), { parameters, items, settings });
}

const badCases = [
	{
		name: 'an invalid email',
		item: { ...good, email: 'ada.example.com' },
		field: /"Recipient Email" \(recipient\.email\)/,
	},
	{ name: 'no name', item: { ...good, name: ' ' }, field: /"Recipient Name" \(recipient\.name\)/ },
	{
		name: 'an over-long name',
		item: { ...good, name: 'N'.repeat(256) },
		field: /"Recipient Name" \(recipient\.name\): .*at most 255/,
	},
	{
		name: 'a group id of the wrong shape',
		item: { ...good, group: 'Intro group' },
		field: /"Group" \(templateId\)/,
	},
	{
		name: 'a group that does not exist',
		item: { ...good, group: '01aaaaaaaaaaaaaaaaaaaaaaaa' },
		field: /"01aaaaaaaaaaaaaaaaaaaaaaaa" does not exist/,
		readsOnly: true,
	},
	{
		name: 'an attribute that is not text',
		item: { ...good, attributes: '{"course": {"name": "Intro"}}' },
		field: /attributes\.course\): received object; expected text/,
	},
	{
		name: 'attributes that are not JSON',
		item: { ...good, attributes: '{course: 1' },
		field: /"Custom Attributes" \(attributes\): is not valid JSON/,
	},
];

describe('Certifier node: input is checked before anything is sent', () => {
	test.each(badCases)('$name: the error names the field; nothing is created', async (bad) => {
		const run = await issue([bad.item]);
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(bad.field);
		const sent = await apiRequests(platform());
		if (bad.readsOnly) expect(sent.every((r) => r.method === 'GET')).toBe(true);
		else expect(sent).toEqual([]);
		expect((await platform().control.issued()).total).toBe(0);
	});

	test('Continue On Fail: the bad item carries its error, the rest are issued, all paired', async () => {
		const run = await issue(
			[good, { ...good, email: 'nope' }, { ...good, email: 'bo@example.com', name: 'Bo Chen' }],
			{ onError: 'continueRegularOutput' },
		);
		expect(pairedIndexes(run)).toEqual([0, 1, 2]);
		const out = jsonOf(run);
		expect(out[0].status).toBe('issued');
		expect(out[1].error).toMatch(/^Item 1: invalid "Recipient Email"/);
		expect(out[2].status).toBe('issued');
	});
});

describe('Certifier node: failures of the service', () => {
	test('a refused token names the fix', async () => {
		const run = await issue([good], undefined);
		expect(run.error).toBeUndefined();
		await platform().control.faults({ tokenExpired: true });
		const refused = await issue([{ ...good, email: 'bo@example.com' }]);
		expect(refused.error?.message).toMatch(/access token was refused/);
		expect(refused.error?.message).toMatch(/Settings → Developers → Access Tokens/);
	});

	test('a draft created before a 500 is found and finished, never created twice', async () => {
		await platform().control.faults({
			failNext: [{ kind: '500-after', match: { method: 'POST', pathEndsWith: '/v1/credentials' } }],
		});
		const run = await issue([good]);
		expect(run.error).toBeUndefined();
		expect(jsonOf(run)[0]).toMatchObject({
			status: 'issued',
			recovered: true,
			credential: { state: 'issued' },
		});
		const issued = await platform().control.issued();
		expect(issued.total).toBe(1);
		expect(issued.duplicates).toEqual([]);
	});

	test('429s with Retry-After are waited out; one credential per recipient', async () => {
		await platform().control.faults({ rateLimit: { limit: 3, windowMs: 2000 } });
		const items = ['a', 'b', 'c'].map((n) => ({ ...good, email: `${n}@example.com` }));
		const run = await runPlatformNode(CERTIFIER_TYPE, platform(), {
			parameters: { ...parameters, options: { checkGroup: false } },
			items,
		});
		expect(run.error).toBeUndefined();
		const issued = await platform().control.issued();
		expect(issued.total).toBe(3);
		expect(issued.duplicates).toEqual([]);
		expect((await apiRequests(platform())).some((r) => r.fault === 'rate_limited')).toBe(true);
	});

	test('no output or error holds the token or the webhook secret', async () => {
		const { apiKey, webhookSecret } = platform().sim.credentials;
		const runs = [
			await issue([good]),
			await issue([{ ...good, email: 'x' }], { onError: 'continueRegularOutput' }),
		];
		await platform().control.faults({ tokenExpired: true });
		runs.push(await issue([good]), await issue([good], { onError: 'continueErrorOutput' }));
		for (const run of runs) {
			const text = JSON.stringify({
				outputs: run.outputs,
				error: run.error,
				data: run.workflowRun.run.data,
			});
			expect(text).not.toContain(apiKey);
			expect(text).not.toContain(webhookSecret);
		}
	});
});

describe('Certifier node: Group', () => {
	const SEEDED = 150;

	test('Get Many and the dropdown read every page (100 a page)', async () => {
		await platform().control.seed({ generateGroups: SEEDED });
		await platform().control.clearRequests();
		const run = await runPlatformNode(CERTIFIER_TYPE, platform(), {
			parameters: { resource: 'group', operation: 'getMany', returnAll: true },
		});
		expect(jsonOf(run)).toHaveLength(SEEDED + 3);
		expect(
			(await apiRequests(platform(), 'GET')).filter((r) => r.path === '/v1/groups'),
		).toHaveLength(2);
		const limited = await runPlatformNode(CERTIFIER_TYPE, platform(), {
			parameters: { resource: 'group', operation: 'getMany', returnAll: false, limit: 5 },
		});
		expect(jsonOf(limited)).toHaveLength(5);

		const options = await loadOptions({
			type: CERTIFIER_TYPE,
			method: 'getGroups',
			credentials: platform().credentials,
			nodeCredentials: platform().nodeCredentials,
		});
		expect(options).toHaveLength(SEEDED + 3);
		expect(options.map((o) => o.value)).toContain(CERTIFIER_GROUP);
		const names = options.map((o) => o.name);
		expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
	});
});
