// Corrections that crashed more than once: every run that recorded a reissue and stopped before
// superseding left one more certificate valid. Whatever the next run plans (the same credits,
// another correction, a revocation, the attendee missing from a complete file), carried out the
// way template 06 does, must leave at most one valid certificate per attendee and a supersession
// chain in the order the corrections happened.
import {
	CredentialLedger,
	deriveAttendeeEventKey,
	reconcileTable,
	type PlannedChange,
} from '../../../nodes/core/domain/ledger';
import { RULE_HASH, openTestLedger, removeTempFolders } from './support/fixtures';

afterEach(removeTempFolders);

const EVENT = 'SPRING-CPE-2026';
const ADA = 'ada@example.com';
const BASE = deriveAttendeeEventKey({ attendeeId: ADA, eventId: EVENT });
const keyN = (n: number) => (n === 1 ? BASE : `${BASE}.v${n}`);
/** `v1` for the first key, `v2` for `<base>.v2`, ...: what the expectations are written in. */
const label = (key: string) => (key === BASE ? 'v1' : `v${key.slice(BASE.length + 2)}`);

/** Ada's CPE Credit item with A1 credited `a1` (KEY always 1), total written out by the test. */
function adaWith(a1: string, total: string) {
	const lines =
		a1 === '0'
			? [['KEY', '1']]
			: [
					['KEY', '1'],
					['A1', a1],
				];
	const credited = total !== '0';
	return {
		subject: { attendeeId: ADA, eventId: EVENT, sessionIds: ['KEY', 'A1'] },
		outcome: credited ? 'partial_credit' : 'no_credit',
		credits: total,
		sessionCredits: credited ? lines.map(([sessionId, credits]) => ({ sessionId, credits })) : [],
		uncreditedSessions: credited ? [] : [{ sessionId: 'KEY' }, { sessionId: 'A1' }],
		reasons: [{ code: credited ? 'PARTIAL_ATTENDANCE' : 'BELOW_MINIMUM' }],
		ruleSetId: 'nasba-fifths',
		ruleVersion: '2026.1',
		ruleHash: RULE_HASH,
		decidedAt: '2026-05-20T09:59:00.000Z',
		attendeeName: 'Ada Lovelace',
	};
}

async function issue(ledger: CredentialLedger, key: string, item: unknown, id: string) {
	await ledger.reserve(key, item, { evidence: item });
	await ledger.record(key, 'issued', { platform: 'certificate-pdf', externalId: id }, 'workflow:6');
	await ledger.record(key, 'delivered', { channel: 'email' }, 'workflow:6');
}

/**
 * What template 06 does with each planned change; `stopAfterIssued` is n8n killed after Record
 * Issued and the mail of a new certificate, before Supersede Old Certificate.
 */
async function carryOut(
	ledger: CredentialLedger,
	plan: PlannedChange[],
	item: unknown,
	options: { stopAfterIssued?: boolean } = {},
) {
	for (const change of plan) {
		if (change.action === 'issue' || change.action === 'supersede') {
			await issue(ledger, change.key, item, `C-${label(change.key).slice(1)}`);
			if (options.stopAfterIssued) return;
		}
		if (change.action === 'revoke') {
			await ledger.revoke(change.key, { reason: change.reason, operator: 'cpe desk' });
		}
		if (change.supersedes) {
			await ledger.supersede(change.supersedes.key, {
				newKey: change.key,
				reason: change.supersedes.reason,
				operator: 'cpe desk',
			});
		}
		if (change.action === 'resend') {
			await ledger.record(change.key, 'delivered', { channel: 'email' }, 'workflow:6');
		}
	}
}

/** Each of Ada's keys as `state→replacement`: the chain an auditor reads. */
async function chain(ledger: CredentialLedger, count: number): Promise<string[]> {
	const states: string[] = [];
	for (let n = 1; n <= count; n++) {
		const [status] = await ledger.status({ key: keyN(n) });
		const next = status.supersession?.payload.newKey;
		states.push(`v${n} ${status.state}${typeof next === 'string' ? ` → ${label(next)}` : ''}`);
	}
	return states;
}

/** The chain once mended: each old certificate superseded by the next, the newest as given. */
const mended = (newest: string) => ['v1 superseded → v2', 'v2 superseded → v3', `v3 ${newest}`];

const summary = (plan: PlannedChange[]) =>
	plan.map(
		(c) =>
			`${c.action} ${label(c.key)}${c.supersedes ? ` replaces ${label(c.supersedes.key)}` : ''}`,
	);

/** v1 issued; a correction reissued v2 and stopped; another correction reissued v3 and stopped. */
async function twoStopsInARow() {
	const { ledger } = await openTestLedger();
	const reconcile = (item: unknown, fileIsComplete = false) =>
		ledger.reconcileCpeEvent({ eventId: EVENT, rollUps: [item], fileIsComplete });
	await carryOut(ledger, await reconcile(adaWith('2', '3')), adaWith('2', '3'));
	await carryOut(ledger, await reconcile(adaWith('1.6', '2.6')), adaWith('1.6', '2.6'), {
		stopAfterIssued: true,
	});
	// v1 and v2 valid: the second correction also completes v1 → v2, and stops before both.
	const second = await reconcile(adaWith('1.2', '2.2'));
	expect(summary(second)).toEqual([
		'supersede v3 replaces v2',
		'complete_supersession v2 replaces v1',
	]);
	await carryOut(ledger, second, adaWith('1.2', '2.2'), { stopAfterIssued: true });
	expect(await chain(ledger, 3)).toEqual(['v1 delivered', 'v2 delivered', 'v3 delivered']);
	return { ledger, reconcile };
}

test('two stops in a row, then the same data: both old certificates superseded in order, nothing mailed', async () => {
	const { ledger, reconcile } = await twoStopsInARow();
	const plan = await reconcile(adaWith('1.2', '2.2'));
	expect(summary(plan)).toEqual([
		'complete_supersession v3 replaces v2',
		'complete_supersession v2 replaces v1',
	]);
	expect(plan[1]).toMatchObject({
		itemIndex: 0,
		attendeeId: ADA,
		attendeeName: 'Ada Lovelace',
		certificateId: 'C-2',
		oldCredits: '3',
		newCredits: '2.6',
		supersedes: { certificateId: 'C-1', reason: 'credits changed: A1 2 → 1.6' },
	});
	expect(plan[0].supersedes?.reason).toBe('credits changed: A1 1.6 → 1.2');
	expect(plan[1].reason).toMatch(/C-2 replaces .*still valid.*superseded now, nothing is mailed$/);
	// The organiser sees both in the dry run, and nothing to mail.
	const table = reconcileTable(EVENT, plan);
	expect(table.counts).toMatchObject({ complete_supersession: 2, resend: 0, supersede: 0 });
	expect(table.changes).toHaveLength(2);

	await carryOut(ledger, plan, adaWith('1.2', '2.2'));
	expect(await chain(ledger, 3)).toEqual(mended('delivered'));
	expect(summary(await reconcile(adaWith('1.2', '2.2')))).toEqual(['unchanged v3']);
});

test('two stops, the newest never mailed: it is resent once and both old ones are superseded', async () => {
	const { ledger } = await openTestLedger();
	const reconcile = (item: unknown) =>
		ledger.reconcileCpeEvent({ eventId: EVENT, rollUps: [item], fileIsComplete: false });
	await issue(ledger, keyN(1), adaWith('2', '3'), 'C-1');
	await issue(ledger, keyN(2), adaWith('1.6', '2.6'), 'C-2');
	await ledger.reserve(keyN(3), adaWith('1.2', '2.2'), { evidence: adaWith('1.2', '2.2') });
	await ledger.record(
		keyN(3),
		'issued',
		{ platform: 'certificate-pdf', externalId: 'C-3' },
		'workflow:6',
	);
	const plan = await reconcile(adaWith('1.2', '2.2'));
	expect(summary(plan)).toEqual(['resend v3 replaces v2', 'complete_supersession v2 replaces v1']);
	expect(plan.filter((c) => c.action === 'resend')).toHaveLength(1);
	await carryOut(ledger, plan, adaWith('1.2', '2.2'));
	expect(await chain(ledger, 3)).toEqual(mended('delivered'));
});

test('a stopped correction, then the attendee is no longer eligible: the old one superseded, the newest revoked', async () => {
	const { ledger, reconcile } = await twoStopsInARow();
	const plan = await reconcile(adaWith('0', '0'));
	expect(summary(plan)).toEqual([
		'revoke v3',
		'complete_supersession v2 replaces v1',
		'complete_supersession v3 replaces v2',
	]);
	// One revocation, so one notice: the older certificates are superseded, not revoked again.
	expect(plan.filter((c) => c.action === 'revoke')).toHaveLength(1);
	await carryOut(ledger, plan, adaWith('0', '0'));
	expect(await chain(ledger, 3)).toEqual(mended('revoked'));
	expect(summary(await reconcile(adaWith('0', '0')))).toEqual(['no_credit v1']);
});

test('a stopped correction, the attendee missing from a complete file: revoked, old ones superseded', async () => {
	const { ledger } = await twoStopsInARow();
	const grace = {
		...adaWith('2', '3'),
		subject: { attendeeId: 'grace@example.com', eventId: EVENT, sessionIds: ['KEY', 'A1'] },
		attendeeName: 'Grace Hopper',
	};
	const complete = await ledger.reconcileCpeEvent({
		eventId: EVENT,
		rollUps: [grace],
		fileIsComplete: true,
	});
	const ada = complete.filter((c) => c.key.startsWith(BASE));
	expect(summary(ada)).toEqual([
		'revoke v3',
		'complete_supersession v2 replaces v1',
		'complete_supersession v3 replaces v2',
	]);
	expect(ada.every((c) => c.itemIndex === undefined && c.attendeeName === 'Ada Lovelace')).toBe(
		true,
	);
	// A file that is not complete keeps Ada's certificate and still mends the chain.
	const partial = await ledger.reconcileCpeEvent({
		eventId: EVENT,
		rollUps: [grace],
		fileIsComplete: false,
	});
	expect(summary(partial.filter((c) => c.key.startsWith(BASE)))).toEqual([
		'unchanged v3',
		'complete_supersession v2 replaces v1',
		'complete_supersession v3 replaces v2',
	]);
	await carryOut(ledger, ada, undefined);
	expect(await chain(ledger, 3)).toEqual(mended('revoked'));
});
