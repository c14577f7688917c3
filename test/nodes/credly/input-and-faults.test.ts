// Bad input is refused before any request; continue-on-fail keeps going; a token that expired
// says so; retries after 5xx and 429 never issue twice; no output or error carries the token.
import type { IDataObject } from 'n8n-workflow';

import {
	apiRequests,
	credlyCredentials,
	CREDLY_ARCHIVED_TEMPLATE,
	CREDLY_TEMPLATE,
	CREDLY_TYPE,
	jsonOf,
	pairedIndexes,
	runPlatformNode,
	usePlatform,
} from '../support/issuer-platforms';

const platform = usePlatform('credly');

const good = {
	email: 'ada@example.com',
	first: 'Ada',
	last: 'Lovelace',
	template: CREDLY_TEMPLATE,
};

function issueParameters(extra: IDataObject = {}) {
	return {
		resource: 'badge',
		operation: 'create',
		badgeTemplateId: '={{ $json.template }}',
		recipientEmail: '={{ $json.email }}',
		firstName: '={{ $json.first }}',
		lastName: '={{ $json.last }}',
		...extra,
	};
}

interface BadCase {
	name: string;
	item: IDataObject;
	field: RegExp;
	/** Reads allowed (the template list); never a POST. */
	readsOnly?: boolean;
}

const badCases: BadCase[] = [
	{
		name: 'an email without a domain',
		item: { ...good, email: 'ada@' },
		field: /"Recipient Email" \(recipient\.email\)/,
	},
	{ name: 'no email at all', item: { ...good, email: '' }, field: /"Recipient Email"/ },
	{
		name: 'no last name',
		item: { ...good, last: '' },
		field: /"Last Name" \(recipient\.lastName\)/,
	},
	{
		name: 'an over-long first name',
		item: { ...good, first: 'A'.repeat(300) },
		field: /"First Name and Last Name" \(recipient\.name\): .*at most 255/,
	},
	{
		name: 'a template id that is not a UUID',
		item: { ...good, template: 'intro-badge' },
		field: /"Badge Template" \(templateId\)/,
	},
	{
		name: 'a template that does not exist',
		item: { ...good, template: '00000000-0000-4000-8000-000000000000' },
		field: /badge template "00000000-0000-4000-8000-000000000000" does not exist/,
		readsOnly: true,
	},
	{
		name: 'an archived template',
		item: { ...good, template: CREDLY_ARCHIVED_TEMPLATE },
		field: /archived/,
		readsOnly: true,
	},
];

describe('Credly node: input is checked before anything is sent', () => {
	test.each(badCases)('$name: the error names the field; nothing is issued', async (bad) => {
		const run = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: issueParameters(),
			items: [bad.item],
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(bad.field);
		expect(run.error?.message).toMatch(/^Item 0/);
		const sent = await apiRequests(platform());
		if (bad.readsOnly) expect(sent.every((request) => request.method === 'GET')).toBe(true);
		else expect(sent).toEqual([]);
		expect((await platform().control.issued()).total).toBe(0);
	});

	test('with Continue On Fail the bad item carries its error and the others are issued', async () => {
		const run = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: issueParameters(),
			items: [
				good,
				{ ...good, email: 'not-an-email' },
				{ ...good, email: 'bo@example.com', first: 'Bo' },
			],
			settings: { onError: 'continueRegularOutput' },
		});
		expect(run.status).toBe('success');
		const out = jsonOf(run);
		expect(pairedIndexes(run)).toEqual([0, 1, 2]);
		expect(out[0]).toMatchObject({ status: 'issued' });
		expect(out[1].error).toMatch(/Item 1: invalid "Recipient Email"/);
		expect(out[2]).toMatchObject({ status: 'issued' });
		expect((await platform().control.issued()).total).toBe(2);
	});

	test('with the error output the bad item goes there, paired', async () => {
		const run = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: issueParameters(),
			items: [good, { ...good, last: '' }],
			settings: { onError: 'continueErrorOutput' },
		});
		expect(pairedIndexes(run, 0)).toEqual([0]);
		expect(pairedIndexes(run, 1)).toEqual([1]);
		expect(jsonOf(run, 1)[0].error).toMatch(/Last Name/);
	});
});

describe('Credly node: failures of the service', () => {
	test('an expired token is named as such, with the fix', async () => {
		await platform().control.faults({ tokenExpired: true });
		const run = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: issueParameters(),
			items: [good],
		});
		expect(run.error?.message).toMatch(
			/the Credly token expired or was revoked: create a new one in Credly/i,
		);
		expect(run.error?.message).toMatch(/update the Credly credential/);
	});

	test('a create answered with 500 after it went through is not repeated', async () => {
		await platform().control.faults({
			failNext: [{ kind: '500-after', match: { method: 'POST', pathEndsWith: '/badges' } }],
		});
		const run = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: issueParameters(),
			items: [good],
		});
		expect(run.error).toBeUndefined();
		expect(jsonOf(run)[0]).toMatchObject({ status: 'issued', recovered: true });
		const issued = await platform().control.issued();
		expect(issued.total).toBe(1);
		expect(issued.duplicates).toEqual([]);
		expect(await apiRequests(platform(), 'POST')).toHaveLength(1);
	});

	test('429 with Retry-After and plain 503s are waited out, still one badge each', async () => {
		await platform().control.faults({
			rateLimit: { limit: 2, windowMs: 2000 },
			failNext: [{ kind: '503', match: { method: 'POST' } }],
		});
		const items = ['a', 'b', 'c'].map((name) => ({ ...good, email: `${name}@example.com` }));
		const run = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: issueParameters({ options: { checkTemplate: false } }),
			items,
		});
		expect(run.error).toBeUndefined();
		expect(jsonOf(run).map((o) => o.status)).toEqual(['issued', 'issued', 'issued']);
		const issued = await platform().control.issued();
		expect(issued.total).toBe(3);
		expect(issued.duplicates).toEqual([]);
		const faults = (await apiRequests(platform())).map((r) => r.fault).filter(Boolean);
		expect(faults).toContain('rate_limited');
		expect(faults).toContain('503');
	});

	test('no output or error ever holds the token', async () => {
		const token = platform().sim.credentials.apiKey;
		const basic = Buffer.from(`${token}:`).toString('base64');
		const runs = [
			await runPlatformNode(CREDLY_TYPE, platform(), {
				parameters: issueParameters(),
				items: [good],
			}),
			await runPlatformNode(CREDLY_TYPE, platform(), {
				parameters: issueParameters(),
				items: [{ ...good, email: 'x' }],
				settings: { onError: 'continueRegularOutput' },
			}),
		];
		await platform().control.faults({ tokenExpired: true });
		runs.push(
			await runPlatformNode(CREDLY_TYPE, platform(), {
				parameters: issueParameters(),
				items: [good],
			}),
			await runPlatformNode(CREDLY_TYPE, platform(), {
				parameters: issueParameters(),
				items: [good],
				settings: { onError: 'continueErrorOutput' },
			}),
		);
		for (const run of runs) {
			const text = JSON.stringify({
				outputs: run.outputs,
				error: run.error,
				data: run.workflowRun.run.data,
			});
			expect(text).not.toContain(token);
			expect(text).not.toContain(basic);
		}
	});
});

describe('Credly node: a run that cannot start', () => {
	const noOrganization = () => credlyCredentials(platform().sim, { organizationId: '' });

	test('fails the node, naming the credential field, without Continue On Fail', async () => {
		const run = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: issueParameters(),
			items: [good],
			credentials: noOrganization(),
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('The Credly credential has no Organization ID');
	});

	test('with Continue On Fail every item carries the error, paired, and nothing is sent', async () => {
		const run = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: issueParameters(),
			items: [good, { ...good, email: 'bo@example.com' }],
			settings: { onError: 'continueRegularOutput' },
			credentials: noOrganization(),
		});
		expect(run.status).toBe('success');
		expect(pairedIndexes(run)).toEqual([0, 1]);
		expect(jsonOf(run)).toEqual([
			{ error: 'The Credly credential has no Organization ID' },
			{ error: 'The Credly credential has no Organization ID' },
		]);
		expect(await apiRequests(platform())).toEqual([]);
	});
});
