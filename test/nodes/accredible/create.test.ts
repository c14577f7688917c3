// Create through the real engine: exactly once per recipient and group, input checked before
// any request, continue-on-fail items paired with their input.
import {
	createParameters,
	INTRO_GROUP,
	jsonOf,
	learners,
	runAccredible,
	startSim,
	type AccredibleSim,
} from '../support/accredible';

// Loading n8n and the node types can take more than jest's default 5 s on a busy machine.
jest.setTimeout(60_000);

let sim: AccredibleSim;
beforeAll(async () => {
	sim = await startSim();
});
afterAll(() => sim.sim.stop());
beforeEach(() => sim.control.reset());

const credentialRequests = async () =>
	(await sim.control.requests()).filter((r) => r.path.includes('/credentials'));

describe('Accredible Create', () => {
	test('issues once, and the same learner again gets the same credential', async () => {
		const ada = { email: 'Ada@Example.com', name: 'Ada Lovelace', learnerId: 'lms-42' };
		const parameters = createParameters({
			additionalFields: {
				recipientId: '={{ $json.learnerId }}',
				issuedOn: '2026-05-04',
				customAttributes: '{"Location": "London", "CPE credits": 4}',
				reference: 'moodle|42|SAFE-101|2026-05-04T09:30:00Z',
				evidenceUrl: 'https://lms.example.com/completions/42',
			},
		});
		const first = await runAccredible(sim, { parameters, items: [ada] });
		expect(first.status).toBe('success');
		const [issued] = jsonOf(first.outputs[0]);
		expect(issued).toMatchObject({
			status: 'issued',
			newlyIssued: true,
			attempts: 1,
			state: 'issued',
			groupId: INTRO_GROUP,
			issuedOn: '2026-05-04',
			recipient: { email: 'ada@example.com', name: 'Ada Lovelace', id: 'lms-42' },
			credential: { custom_attributes: { Location: 'London', 'CPE credits': '4' } },
		});
		expect(issued.url).toBe(`https://www.credential.net/${String(issued.credentialId)}`);
		expect(first.outputs[0][0].pairedItem).toEqual({ item: 0 });

		const again = await runAccredible(sim, { parameters, items: [ada] });
		expect(jsonOf(again.outputs[0])[0]).toMatchObject({
			status: 'already_issued',
			newlyIssued: false,
			detectedBy: 'lookup',
			credentialId: issued.credentialId,
			url: issued.url,
		});
		const { total, duplicates } = await sim.control.issued();
		expect(total).toBe(1);
		expect(duplicates).toEqual([]);
	});

	test('the same recipient twice in one run is issued once', async () => {
		const run = await runAccredible(sim, {
			parameters: createParameters(),
			items: [
				{ email: 'twin@example.com', name: 'Twin' },
				{ email: 'TWIN@example.com', name: 'Twin' },
			],
		});
		const [a, b] = jsonOf(run.outputs[0]);
		expect(a).toMatchObject({ status: 'issued' });
		expect(b).toMatchObject({ status: 'already_issued', credentialId: a.credentialId });
		expect((await sim.control.issued()).total).toBe(1);
	});

	test('a group given by its exact name is resolved once for all items', async () => {
		const run = await runAccredible(sim, {
			parameters: createParameters({ groupId: 'Professional Ethics (4 CPE)' }),
			items: learners(3, 'ethics'),
		});
		expect(jsonOf(run.outputs[0]).map((j) => j.groupId)).toEqual(['12474', '12474', '12474']);
		const lookups = (await sim.control.requests()).filter((r) => r.path.includes('/groups'));
		// name search (nothing), then course_name search (found): once for three items.
		expect(lookups).toHaveLength(2);
	});

	test('Publish and Notify off creates the credential unpublished', async () => {
		const run = await runAccredible(sim, {
			parameters: createParameters({ options: { notify: false } }),
			items: [{ email: 'quiet@example.com', name: 'Quiet Learner' }],
		});
		expect(jsonOf(run.outputs[0])[0]).toMatchObject({ status: 'issued', state: 'unpublished' });
	});

	test('bulk requests: one search and one create per 30, each item answered in order', async () => {
		const cohort = learners(35, 'bulk');
		const first = await runAccredible(sim, {
			parameters: createParameters({ options: { bulk: true } }),
			items: cohort.slice(0, 5),
		});
		expect(jsonOf(first.outputs[0]).every((j) => j.status === 'issued')).toBe(true);
		await sim.control.clearRequests();
		const run = await runAccredible(sim, {
			parameters: createParameters({ options: { bulk: true } }),
			items: cohort,
		});
		const out = jsonOf(run.outputs[0]);
		expect(out).toHaveLength(35);
		expect(out.slice(0, 5).every((j) => j.status === 'already_issued')).toBe(true);
		expect(out.slice(5).every((j) => j.status === 'issued')).toBe(true);
		expect(run.outputs[0].map((item) => item.pairedItem)).toEqual(
			cohort.map((_, item) => ({ item })),
		);
		const creates = (await sim.control.requests()).filter((r) => r.path.endsWith('/bulk_create'));
		expect(creates).toHaveLength(2);
		const { total, duplicates } = await sim.control.issued();
		expect(total).toBe(35);
		expect(duplicates).toEqual([]);
	});
});

describe('Accredible Create: bad input is refused before any request', () => {
	const cases: Array<{
		name: string;
		item: Record<string, unknown>;
		extra?: object;
		field: RegExp;
	}> = [
		{ name: 'a missing email', item: { name: 'No Email' }, field: /Recipient Email/ },
		{
			name: 'an invalid email',
			item: { email: 'not-an-email', name: 'X' },
			field: /Recipient Email/,
		},
		{
			name: 'an over-long name',
			item: { email: 'long@example.com', name: 'N'.repeat(300) },
			field: /Recipient Name/,
		},
		{
			name: 'an attribute that is not text',
			item: { email: 'attr@example.com', name: 'Attr' },
			extra: { additionalFields: { customAttributes: '{"Location": {"city": "London"}}' } },
			field: /Custom Attributes.*attributes\.Location/,
		},
		{
			name: 'an impossible date',
			item: { email: 'date@example.com', name: 'Date' },
			extra: { additionalFields: { issuedOn: '2026-02-30' } },
			field: /Issued On/,
		},
	];

	test.each(cases)('$name fails the item, names the field and sends nothing', async (c) => {
		await sim.control.clearRequests();
		const run = await runAccredible(sim, {
			parameters: createParameters(c.extra as never),
			items: [c.item as never],
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/^Item 0: invalid/);
		expect(run.error?.message).toMatch(c.field);
		expect(run.error?.description).toMatch(/nothing was sent/i);
		expect(await sim.control.requests()).toEqual([]);
	});

	test('an unknown group is named, and no credential request is sent', async () => {
		for (const groupId of ['999999', 'No Such Group']) {
			await sim.control.clearRequests();
			const run = await runAccredible(sim, {
				parameters: createParameters({ groupId }),
				items: [{ email: 'who@example.com', name: 'Who' }],
			});
			expect(run.error?.message).toMatch(/unknown "Group Name or ID"/);
			expect(await credentialRequests()).toEqual([]);
		}
	});

	test('continue on fail: good items are issued, bad ones carry the error, all paired', async () => {
		const run = await runAccredible(sim, {
			parameters: createParameters(),
			settings: { onError: 'continueRegularOutput' },
			items: [
				{ email: 'good1@example.com', name: 'Good One' },
				{ email: 'broken', name: 'Bad Email' },
				{ email: 'good2@example.com', name: 'Good Two' },
			],
		});
		expect(run.status).toBe('success');
		const items = run.outputs[0];
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ status: 'issued' });
		expect(items[2].json).toMatchObject({ status: 'issued' });
		expect(items[1].json).toMatchObject({
			error: expect.stringMatching(/Item 1: invalid "Recipient Email"/),
			message: expect.stringMatching(
				/nothing was sent.*\[invalid_request, field recipient\.email\]$/is,
			),
		});
		expect((await sim.control.issued()).total).toBe(2);
	});

	test('continue using error output routes the failed item to the error branch', async () => {
		const run = await runAccredible(sim, {
			parameters: createParameters(),
			settings: { onError: 'continueErrorOutput' },
			items: [
				{ email: 'ok@example.com', name: 'Ok' },
				{ email: 'ok2@example.com', name: '' },
			],
		});
		expect(run.outputs[0].map((i) => i.json.status)).toEqual(['issued']);
		expect(run.outputs[1]).toHaveLength(1);
		expect(run.outputs[1][0].pairedItem).toEqual({ item: 1 });
		expect(run.outputs[1][0].json.error).toMatch(/Recipient Name/);
	});
});
