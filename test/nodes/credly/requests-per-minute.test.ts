// The Credly credential's Requests per Minute sets the pace of the node's requests (the limit
// Credly confirmed for an organization, or a sandbox's), and a value that is not a whole number
// above 0 stops the node before anything is sent, naming the field.
import {
	apiRequests,
	CREDLY_TEMPLATE,
	CREDLY_TYPE,
	credlyCredentials,
	runPlatformNode,
	usePlatform,
} from '../support/issuer-platforms';

const platform = usePlatform('credly');

/** Limiter time in these tests runs 20 times faster (test/nodes/support/fast-rate-limits.ts). */
const SPEED_UP = 20;
/** Arrival times are taken by the simulator's clock; allow for timer and socket jitter. */
const JITTER_MS = 60;

const issue = (requestsPerMinute: number | string, emails: string[]) =>
	runPlatformNode(CREDLY_TYPE, platform(), {
		parameters: {
			resource: 'badge',
			operation: 'create',
			badgeTemplateId: CREDLY_TEMPLATE,
			recipientEmail: '={{ $json.email }}',
			firstName: 'Ada',
			lastName: 'Lovelace',
			options: { checkTemplate: false },
		},
		items: emails.map((email) => ({ email })),
		credentials: credlyCredentials(platform().sim, { requestsPerMinute }),
	});

describe('Credly credential: Requests per Minute', () => {
	test('6 a minute spaces the requests 10 s apart (on the tests’ faster limiter time)', async () => {
		const run = await issue(6, ['ada@example.com', 'bo@example.com']);
		expect(run.error).toBeUndefined();
		const times = (await apiRequests(platform())).map((r) => r.at).sort((a, b) => a - b);
		expect(times.length).toBeGreaterThanOrEqual(2);
		const slotMs = 60_000 / 6 / SPEED_UP;
		// The default of 100 a minute would space them 30 ms apart here.
		expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual(
			(times.length - 1) * slotMs - JITTER_MS,
		);
	});

	test.each([0, -1, 2.5, 'fast'])(
		'%p stops the node, naming the field; nothing is sent',
		async (value) => {
			const run = await issue(value, ['ada@example.com']);
			expect(run.status).toBe('error');
			expect(run.error?.message).toMatch(/Requests per Minute/);
			expect(JSON.stringify(run.error)).toMatch(/whole number above 0/);
			expect(await apiRequests(platform())).toEqual([]);
		},
	);
});
