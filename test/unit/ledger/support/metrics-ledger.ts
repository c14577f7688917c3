// A generated ledger whose every timing is known: each credential's plan lists its events with
// their times, and the entries are written from the plans. Tests compute the expected metrics
// from the plans (filters over event lists), never through the code under test.
import type { JsonObject, LedgerEntry } from '../../../../nodes/core/domain/ledger';
import { between, pick, seededRandom } from './random';

export const PERIOD_START = Date.parse('2026-03-01T00:00:00.000Z');
export const PERIOD_END = Date.parse('2026-04-01T00:00:00.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export type EventType =
	| 'decided'
	| 'reserved'
	| 'failed'
	| 'issued'
	| 'delivered'
	| 'claimed'
	| 'review'
	| 'override'
	| 'revoked'
	| 'superseded';

export interface PlannedEvent {
	type: EventType;
	at: number;
	retryable?: boolean;
	/** For claims: the platform's claim time, when the entry carries one. */
	claimedAt?: number;
}

export interface CredentialPlan {
	key: string;
	learnerId: string;
	course: string;
	platform: string;
	completedAt: number;
	outcome: 'verified' | 'needs_review' | 'not_eligible';
	completeEvidence: boolean;
	events: PlannedEvent[];
}

/** Whole seconds: the business key's completion time has no milliseconds. */
const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

export function planCredentials(count: number, seed = 7): CredentialPlan[] {
	const random = seededRandom(seed);
	const plans: CredentialPlan[] = [];
	for (let i = 0; i < count; i++) {
		const completedAt = wholeSecond(
			PERIOD_START - 3 * DAY + random() * (PERIOD_END - PERIOD_START + 2 * DAY),
		);
		const roll = random();
		const outcome = roll < 0.8 ? 'verified' : roll < 0.9 ? 'needs_review' : 'not_eligible';
		const decidedAt = completedAt + between(random, 0, 30) * MINUTE;
		const events: PlannedEvent[] = [{ type: 'decided', at: decidedAt }];
		let t = decidedAt;
		const later = (low: number, high: number) => (t += between(random, low, high) * MINUTE);
		if (outcome === 'verified') {
			const failures = random() < 0.8 ? 0 : between(random, 1, 2);
			for (let f = 0; f < failures; f++) {
				events.push({ type: 'reserved', at: later(0, 2) });
				events.push({ type: 'failed', at: later(1, 5), retryable: random() < 0.7 });
			}
			if (failures === 2 && random() < 0.5) events.push({ type: 'review', at: later(5, 60) });
			else {
				events.push({ type: 'reserved', at: later(0, 5) });
				events.push({ type: 'issued', at: later(1, 600) });
				if (random() < 0.9) events.push({ type: 'delivered', at: later(0, 10) });
				if (random() < 0.6) {
					const claimedAt = later(10, 5 * 24 * 60);
					events.push({
						type: 'claimed',
						at: later(0, 60),
						...(random() < 0.7 ? { claimedAt } : {}),
					});
				}
				const fate = random();
				if (fate < 0.03) events.push({ type: 'revoked', at: later(60, 2000) });
				else if (fate < 0.06) events.push({ type: 'superseded', at: later(60, 2000) });
			}
		} else if (outcome === 'needs_review') {
			if (random() < 0.5) events.push({ type: 'review', at: later(0, 2) });
			if (random() < 0.5) events.push({ type: 'override', at: later(60, 3000) });
		}
		plans.push({
			key: `ik-${i}`,
			learnerId: `L-${i}`,
			course: pick(random, ['C-1', 'C-2', 'C-3', 'C-4']),
			platform: pick(random, ['accredible', 'credly']),
			completedAt,
			outcome,
			completeEvidence: random() < 0.95,
			events,
		});
	}
	return plans;
}

function payloadOf(plan: CredentialPlan, event: PlannedEvent): JsonObject {
	switch (event.type) {
		case 'decided':
			return {
				subject: {
					learnerId: plan.learnerId,
					courseId: plan.course,
					businessKey: `moodle|${plan.learnerId}|${plan.course}|${new Date(plan.completedAt).toISOString().replace('.000Z', 'Z')}`,
				},
				outcome: plan.outcome,
				reasons: [{ code: 'ALL_CRITERIA_MET' }],
				dataPoints: plan.completeEvidence ? { score: 91 } : {},
				ruleSetId: 'rules',
				ruleVersion: '1',
				ruleHash: 'a'.repeat(64),
				decidedAt: new Date(event.at).toISOString(),
			};
		case 'failed':
			return {
				error: 'timed out',
				retryable: event.retryable === true,
				attributes: { platform: plan.platform },
			};
		case 'issued':
			return { platform: plan.platform, externalId: plan.key };
		case 'claimed':
			return event.claimedAt === undefined
				? {}
				: { claimedAt: new Date(event.claimedAt).toISOString() };
		case 'review':
		case 'override':
		case 'revoked':
		case 'superseded':
			return { reason: 'planned' };
		default:
			return {};
	}
}

/** The plans' events as ledger entries in time order (hashes are not checked by the metrics). */
export function entriesOf(plans: CredentialPlan[]): LedgerEntry[] {
	const rows = plans.flatMap((plan) => plan.events.map((event) => ({ plan, event })));
	rows.sort((a, b) => a.event.at - b.event.at);
	return rows.map(({ plan, event }, i) => ({
		seq: i + 1,
		prevHash: '0'.repeat(64),
		at: new Date(event.at).toISOString(),
		type: event.type,
		key: plan.key,
		payload: payloadOf(plan, event),
		...(event.type === 'decided' ? { evidenceHash: 'e'.repeat(64) } : {}),
		actor: 'test',
		keyId: 'k1',
		hash: '0'.repeat(64),
		signature: 'sig',
	}));
}

export async function* streamOf<T>(items: T[]): AsyncIterable<T> {
	for (const item of items) yield item;
}
