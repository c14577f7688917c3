// What several template case files (test/e2e/templates/*.cases.ts) share: the demo completion,
// simulator look-ups, the held-for-missing-mapping cases and the webhook-token refusals.
import type { SinkMessage } from '../../simulators/mail';
import type { CheckContext, WebhookRequestCase } from './cases';
import { refusedWithoutToken, withWebhookToken } from './webhook-token';

// A completion that meets every SAFE-101 rule of the templates' demo rule set.
export const safeCompletion = {
	source: 'moodle',
	learner: { id: '42', name: 'Ana Lima' },
	course: { id: 'SAFE-101' },
	completedAt: '2026-05-04T09:30:00Z',
	score: 86,
	timeSpentMinutes: 120,
	modules: [
		{ id: 'hazard-basics', status: 'completed' },
		{ id: 'protective-equipment', status: 'completed' },
		{ id: 'final-quiz', status: 'completed' },
	],
};

export const ruleSet = { ruleSetId: 'demo-completion-rules', ruleVersion: '2026.1' };

// LMS deliveries carry it as their completion time: unique per run, so a long-lived demo n8n
// never sees them as replays.
export const runInstant = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();

/** Everything a platform simulator issued to one address (its control endpoint needs no auth). */
export async function issuedTo(simulatorUrl: string, email: string): Promise<unknown[]> {
	const response = await fetch(`${simulatorUrl}/__control/issued`);
	const { items } = (await response.json()) as { items: Array<{ email: string }> };
	return items.filter((item) => item.email.toLowerCase() === email.toLowerCase());
}

/** Every message the mail sink holds. */
export async function sinkMessages(mailUrl: string): Promise<SinkMessage[]> {
	const res = await fetch(`${mailUrl}/__control/messages`);
	return ((await res.json()) as { messages: SinkMessage[] }).messages;
}

// Admin alerts about a course without a Course Mapping row that reached the mail sink. The
// alert is sent after the webhook's answer, so this waits (up to `waitMs`) for `atLeast` of them.
async function mappingAlerts(mailUrl: string, courseId: string, atLeast: number, waitMs: number) {
	const deadline = Date.now() + waitMs;
	for (;;) {
		const alerts = (await sinkMessages(mailUrl)).filter(
			(m) =>
				m.to.includes('credential-admin@academy.example.org') &&
				(m.subject ?? '').startsWith(`Course ${courseId} has no row in Course Mapping`),
		);
		if (alerts.length >= atLeast || Date.now() > deadline) return alerts;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/**
 * Verified completions of a course the template's rules know but its Course Mapping does not:
 * held with a clear answer, never issued, never dropped; the admin is emailed once per course.
 */
export function heldForMissingMapping(
	completion: Record<string, unknown>,
	courseId: string,
	simulator: 'accredible' | 'credly',
): WebhookRequestCase[] {
	// Each case waits until `waitFor` alerts arrived (or `waitMs` passed); one alert is right.
	const heldCase = (learnerId: string, name: string, waitFor: number, waitMs: number) => {
		const learner = { id: learnerId, name: 'Held Learner', email: `${learnerId}@example.com` };
		return {
			name,
			body: { ...completion, learner, course: { id: courseId } },
			expect: {
				status: 202,
				body: {
					outcome: 'held',
					reason: 'course_not_mapped',
					courseId,
					error: expect.stringContaining(`add a row for course "${courseId}" in "Course Mapping"`),
				},
			},
			afterResponse: async ({ simulators }: CheckContext) => {
				expect(await issuedTo(simulators[simulator], learner.email)).toEqual([]);
				const alerts = await mappingAlerts(simulators.mail, courseId, waitFor, waitMs);
				expect(alerts).toHaveLength(1);
			},
		};
	};
	return [
		heldCase(
			`held-${courseId.toLowerCase()}-1`,
			'a verified completion of a course without a Course Mapping row is held, nothing issued, admin emailed (202)',
			1,
			10_000,
		),
		// A second learner of the same course: held too, and no second alert (waits 3 s for one).
		heldCase(
			`held-${courseId.toLowerCase()}-2`,
			'another completion of the same unmapped course is held without a second admin email (202)',
			2,
			3_000,
		),
	];
}

/**
 * For a template whose core Webhook node checks the webhook token (n8n's Header Auth): the
 * refusals first, so nothing the later cases expect has happened yet, then `requests` with the
 * token. The first authorised call is counted too, so the refusals' zero counts are not vacuous.
 */
export function guardedByWebhookToken(
	body: () => unknown,
	requests: WebhookRequestCase[],
): WebhookRequestCase[] {
	const authorised = withWebhookToken(requests);
	if (authorised[0]) authorised[0].expect.executionsStarted = 1;
	return [...refusedWithoutToken(body), ...authorised];
}
