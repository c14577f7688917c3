// Re-running a CPE event: each attendee's new roll-up against what the ledger holds for that
// attendee and event. Only the difference is planned (unchanged, supersede, issue, revoke), the
// totals are exact decimals, and bad input is refused naming the row before anything is planned.
import {
	CredentialLedger,
	deriveAttendeeEventKey,
	isLedgerError,
	planCpeReconcile,
	reconcileTable,
	type HeldAttendee,
	type PlannedChange,
} from '../../../nodes/core/domain/ledger';
import { RULE_HASH, openTestLedger, removeTempFolders } from './support/fixtures';

afterEach(removeTempFolders);

const EVENT = 'SPRING-CPE-2026';
const keyOf = (attendeeId: string, eventId = EVENT) =>
	deriveAttendeeEventKey({ attendeeId, eventId });

/** A CPE Credit per-attendee item; credits is the exact sum of the lines unless given. */
function rollUp(
	attendeeId: string,
	lines: Array<[string, string]>,
	more: {
		outcome?: string;
		credits?: string;
		eventId?: string;
		name?: string;
		others?: string[];
	} = {},
) {
	const credits = more.credits ?? sumOf(lines);
	return {
		subject: {
			attendeeId,
			eventId: more.eventId ?? EVENT,
			sessionIds: [...lines.map(([id]) => id), ...(more.others ?? [])],
		},
		outcome: more.outcome ?? (credits === '0' ? 'no_credit' : 'partial_credit'),
		credits,
		sessionCredits: lines.map(([sessionId, c]) => ({ sessionId, credits: c })),
		uncreditedSessions: (more.others ?? []).map((sessionId) => ({ sessionId })),
		reasons: [{ code: credits === '0' ? 'BELOW_MINIMUM' : 'PARTIAL_ATTENDANCE' }],
		ruleSetId: 'nasba-fifths',
		ruleVersion: '2026.1',
		ruleHash: RULE_HASH,
		decidedAt: '2026-05-20T09:59:00.000Z',
		...(more.name ? { attendeeName: more.name } : {}),
	};
}

// Tenths only, so a test's own expectation stays independent of the code under test.
function sumOf(lines: Array<[string, string]>): string {
	const tenths = lines.reduce((sum, [, c]) => sum + Math.round(Number(c) * 10), 0);
	return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
}

function held(
	attendeeId: string,
	lines: Array<[string, string]>,
	more: Partial<HeldAttendee> = {},
): HeldAttendee {
	const baseKey = keyOf(attendeeId);
	return {
		baseKey,
		keyCount: 1,
		current: {
			key: baseKey,
			certificateId: `C-${attendeeId}`,
			credits: sumOf(lines),
			sessionCredits: lines.map(([sessionId, credits]) => ({ sessionId, credits })),
		},
		...more,
	};
}

const plan = (
	rollUps: unknown[],
	heldList: HeldAttendee[],
	fileIsComplete = false,
): PlannedChange[] => planCpeReconcile({ eventId: EVENT, rollUps, held: heldList, fileIsComplete });

const actions = (changes: PlannedChange[]) =>
	changes.map((c) => `${c.attendeeId} ${c.action} ${c.oldCredits ?? '-'} → ${c.newCredits ?? '-'}`);

function refusal(run: () => unknown): { message: string; paths: string[] } {
	try {
		run();
	} catch (error) {
		if (!isLedgerError(error, 'invalid_input')) throw error;
		return { message: error.message, paths: error.issues.map((issue) => issue.path) };
	}
	throw new Error('expected the reconcile to be refused');
}

describe('planCpeReconcile: only the difference', () => {
	test('unchanged, supersede, issue, revoke, review and no credit, one attendee each', () => {
		const changes = plan(
			[
				rollUp('ada@example.com', [
					['KEY', '1'],
					['A1', '2'],
				]),
				rollUp('grace@example.com', [['B1', '1.4']]),
				rollUp('alan@example.com', [['A1', '1.6']]),
				rollUp('katherine@example.com', [], { others: ['B1'] }),
				rollUp('hedy@example.com', [], { outcome: 'needs_review', others: ['KEY'] }),
				rollUp('joan@example.com', [], { others: ['KEY'] }),
			],
			[
				held('ada@example.com', [
					['KEY', '1'],
					['A1', '2'],
				]),
				held('grace@example.com', [['B1', '1.8']]),
				held('katherine@example.com', [['B1', '1.6']]),
			],
		);
		expect(actions(changes)).toEqual([
			'ada@example.com unchanged 3 → 3',
			'grace@example.com supersede 1.8 → 1.4',
			'alan@example.com issue - → 1.6',
			'katherine@example.com revoke 1.6 → 0',
			'hedy@example.com review - → 0',
			'joan@example.com no_credit - → 0',
		]);
		const [, grace, alan, katherine] = changes;
		// A supersession reserves a new key (so a new certificate ID) and names what it replaces.
		expect(grace.key).toBe(`${keyOf('grace@example.com')}.v2`);
		expect(grace.supersedes).toEqual({
			key: keyOf('grace@example.com'),
			certificateId: 'C-grace@example.com',
			reason: 'credits changed: B1 1.8 → 1.4',
		});
		expect(grace.reason).toBe('credits changed: B1 1.8 → 1.4');
		expect(alan.key).toBe(keyOf('alan@example.com'));
		expect(katherine.key).toBe(keyOf('katherine@example.com'));
		expect(katherine.reason).toMatch(/^no longer eligible/);
	});

	test('equal credits written differently ("2" and "2.0") are unchanged', () => {
		const [ada] = plan(
			[
				rollUp(
					'ada@example.com',
					[
						['A1', '2.0'],
						['L1', '0.2'],
					],
					{ credits: '2.2' },
				),
			],
			[
				held('ada@example.com', [
					['L1', '0.2'],
					['A1', '2'],
				]),
			],
		);
		expect(ada.action).toBe('unchanged');
	});

	test('the same total over other sessions is a change: the certificate lists sessions', () => {
		const [ada] = plan(
			[rollUp('ada@example.com', [['B1', '2']]), rollUp('grace@example.com', [['A1', '2']])],
			[held('ada@example.com', [['A1', '2']])],
		);
		expect(ada.action).toBe('supersede');
		expect(ada.reason).toBe('credits changed: A1 2 → –; B1 – → 2');
	});

	test('a second correction reissues the current certificate under the next key', () => {
		const base = keyOf('ada@example.com');
		const twice = held('ada@example.com', [['A1', '1.6']], { keyCount: 2 });
		twice.current = { ...twice.current!, key: `${base}.v2`, certificateId: 'C-2' };
		const [ada] = plan([rollUp('ada@example.com', [['A1', '2']])], [twice]);
		expect(ada).toMatchObject({
			action: 'supersede',
			key: `${base}.v3`,
			supersedes: { key: `${base}.v2`, certificateId: 'C-2' },
		});
	});

	test('eligible again after a revocation: issued under a new key, not the revoked one', () => {
		const revoked: HeldAttendee = { baseKey: keyOf('ada@example.com'), keyCount: 1 };
		const [ada] = plan([rollUp('ada@example.com', [['A1', '2']])], [revoked]);
		expect(ada).toMatchObject({ action: 'issue', key: `${keyOf('ada@example.com')}.v2` });
		expect(ada.reason).toBe('eligible again after a revocation');
	});

	test('a No Credit decision on record: the first certificate takes that key', () => {
		const decided: HeldAttendee = {
			baseKey: keyOf('ada@example.com'),
			keyCount: 1,
			unissuedKey: keyOf('ada@example.com'),
		};
		const [ada] = plan([rollUp('ada@example.com', [['A1', '2']])], [decided]);
		expect(ada).toMatchObject({ action: 'issue', key: keyOf('ada@example.com') });
	});

	test('a holder missing from the file is kept, unless the file is declared complete', () => {
		const heldList = [
			held('ada@example.com', [['A1', '2']]),
			held('grace@example.com', [['A1', '1']]),
		];
		heldList[1].attendeeId = 'grace@example.com';
		const file = [rollUp('ada@example.com', [['A1', '2']])];
		const kept = plan(file, heldList);
		expect(actions(kept)).toEqual([
			'ada@example.com unchanged 2 → 2',
			'grace@example.com unchanged 1 → -',
		]);
		expect(kept[1].reason).toMatch(/not declared complete/);
		const complete = plan(file, heldList, true);
		expect(actions(complete)).toEqual([
			'ada@example.com unchanged 2 → 2',
			'grace@example.com revoke 1 → 0',
		]);
		expect(complete[1].key).toBe(keyOf('grace@example.com'));
		expect(complete[1].itemIndex).toBeUndefined();
		// A complete file with nobody in it would revoke every certificate: refused.
		expect(refusal(() => plan([], heldList, true)).message).toMatch(
			/^The attendance file is declared complete but lists no attendee/,
		);
	});

	test('needs review never revokes a valid certificate', () => {
		const [ada] = plan(
			[rollUp('ada@example.com', [], { outcome: 'needs_review', others: ['A1'] })],
			[held('ada@example.com', [['A1', '2']])],
		);
		expect(ada).toMatchObject({ action: 'review', key: keyOf('ada@example.com') });
	});
});

describe('planCpeReconcile: exact decimal totals', () => {
	test('an attendee total that is the exact sum of the session credits passes', () => {
		const fifths = Array.from({ length: 7 }, (_, i): [string, string] => [`S${i}`, '0.2']);
		const [ada] = plan([rollUp('ada@example.com', fifths, { credits: '1.4' })], []);
		expect(ada).toMatchObject({ action: 'issue', newCredits: '1.4' });
	});

	test('a total that is not the sum of its sessions is refused, naming the row', () => {
		const bad = rollUp(
			'ada@example.com',
			[
				['A', '0.1'],
				['B', '0.2'],
			],
			{
				credits: '0.30000000000000004',
			},
		);
		const { message, paths } = refusal(() =>
			plan([rollUp('x@example.com', [['A', '1']]), bad], []),
		);
		expect(message).toBe(
			"Item 1 (attendee ada@example.com) totals 0.30000000000000004 credits but its sessions add up to 0.3: pass CPE Credit's items unchanged",
		);
		expect(paths).toEqual(['items[1].credits']);
	});
});

describe('planCpeReconcile: bad input is refused, nothing planned', () => {
	test('a corrected file for another event names the row and the fix', () => {
		const { message, paths } = refusal(() =>
			plan(
				[
					rollUp('ada@example.com', [['A1', '2']], { eventId: 'FALL-CPE-2026' }),
					rollUp('grace@example.com', [['A1', '2']], { eventId: 'FALL-CPE-2026' }),
				],
				[held('ada@example.com', [['A1', '2']])],
				true,
			),
		);
		expect(message).toBe(
			'Item 0 (attendee ada@example.com) is for event "FALL-CPE-2026", not "SPRING-CPE-2026": this file belongs to another event. Load the corrected file of "SPRING-CPE-2026" (its schedule\'s eventId), or set Event ID to the event you mean; nothing was changed (and 1 more problem(s))',
		);
		expect(paths).toEqual(['items[0].subject.eventId', 'items[1].subject.eventId']);
	});

	test('a credited session that vanished from the schedule', () => {
		const { message, paths } = refusal(() =>
			plan(
				[
					rollUp('ada@example.com', [
						['KEY', '1'],
						['A1-NEW', '2'],
					]),
					rollUp('grace@example.com', [['KEY', '1']]),
				],
				[
					held('ada@example.com', [
						['KEY', '1'],
						['A1', '2'],
					]),
				],
			),
		);
		expect(message).toMatch(
			/^Item 0 \(attendee ada@example\.com\): session "A1" credited on certificate C-ada@example\.com is not in this run's schedule .*Put it back in the Attendance schedule under the same id/,
		);
		expect(paths).toEqual(['items[0].sessionCredits']);
	});

	test('a session one attendee no longer attended, while others did, is a correction', () => {
		const [ada] = plan(
			[rollUp('ada@example.com', [['KEY', '1']]), rollUp('grace@example.com', [['A1', '2']])],
			[
				held('ada@example.com', [
					['KEY', '1'],
					['A1', '2'],
				]),
			],
		);
		expect(ada.action).toBe('supersede');
	});

	test('an attendee merged under a new id (same name): an error, not revoke + issue', () => {
		const old = held('A-0001', [['A1', '2']], {
			attendeeId: 'A-0001',
			attendeeName: 'Ada Lovelace',
		});
		const run = (complete: boolean) =>
			refusal(() =>
				plan([rollUp('A-0917', [['A1', '2']], { name: 'ada  LOVELACE' })], [old], complete),
			);
		for (const complete of [false, true]) {
			const { message, paths } = run(complete);
			expect(message).toBe(
				'Item 0 (attendee A-0917) has no certificate, but certificate C-A-0001 of attendee A-0001, missing from this file, has the same name "ada  LOVELACE": the attendee\'s id changed. Use the earlier id A-0001 in the corrected file; if they are two people, revoke the old certificate by hand first. Nothing was changed',
			);
			expect(paths).toEqual(['items[0].subject.attendeeId']);
		}
	});

	test('an attendee merged under a new id (same e-mail)', () => {
		const old = held('B-17', [['A1', '2']], {
			attendeeId: 'B-17',
			attendeeEmail: 'Ada@Example.com',
		});
		const { message } = refusal(() =>
			plan([{ ...rollUp('B-99', [['A1', '2']]), attendeeEmail: 'ada@example.com' }], [old]),
		);
		expect(message).toMatch(
			/^Item 0 \(attendee B-99\) has no certificate, but certificate C-B-17 .* same e-mail/,
		);
	});

	test('the same attendee twice, and an item that is not a roll-up', () => {
		const { paths, message } = refusal(() =>
			plan(
				[
					rollUp('ada@example.com', [['A1', '2']]),
					{ json: 1 },
					rollUp('ada@example.com', [['A1', '2']]),
				],
				[],
			),
		);
		expect(message).toMatch(
			/^Item 1 is not a CPE Credit attendee item \(subject: .*\); connect every output of CPE Credit/,
		);
		expect(paths).toEqual(['items[1].subject', 'items[2].subject.attendeeId']);
	});
});

describe('reconcileTable: the dry run an organiser reads', () => {
	test('lists the changes only, counts every action, and keeps cells inert', () => {
		const changes = plan(
			[
				rollUp('ada@example.com', [['A1', '2']]),
				rollUp('=HYPERLINK("x")', [['A1', '1']], { name: '<b>Bob</b>' }),
				rollUp('grace@example.com', [['A1', '1']]),
			],
			[held('ada@example.com', [['A1', '2']]), held('grace@example.com', [['A1', '1.2']])],
		);
		const table = reconcileTable(EVENT, changes);
		expect(table.counts).toEqual({
			issue: 1,
			supersede: 1,
			revoke: 0,
			unchanged: 1,
			review: 0,
			no_credit: 0,
			resend: 0,
			complete_supersession: 0,
		});
		expect(table.csv.split('\r\n')).toEqual([
			'attendee,name,action,old_credits,new_credits,certificate_id,reason',
			`"'=HYPERLINK(""x"")",<b>Bob</b>,issue,,1,,newly eligible`,
			'grace@example.com,,supersede,1.2,1,C-grace@example.com,credits changed: A1 1.2 → 1',
			'',
		]);
		expect(table.html).toContain('<td>&lt;b&gt;Bob&lt;/b&gt;</td>');
		expect(table.html).toContain('nothing was sent or recorded');
	});
});

describe('CredentialLedger.reconcileCpeEvent: what the chain holds', () => {
	/** Reserved, issued and (unless `sent` is false) mailed, as template 06 records them. */
	async function issue(
		ledger: CredentialLedger,
		key: string,
		item: ReturnType<typeof rollUp>,
		id: string,
		sent = true,
	) {
		await ledger.reserve(key, item, { evidence: item });
		await ledger.record(
			key,
			'issued',
			{ platform: 'certificate-pdf', externalId: id },
			'workflow:6',
		);
		if (sent) await ledger.record(key, 'delivered', { channel: 'email' }, 'workflow:6');
	}

	test('issued but never sent (the run stopped before its email): resend the same certificate', async () => {
		const { ledger } = await openTestLedger();
		const ada = rollUp('ada@example.com', [['KEY', '1']], { name: 'Ada Lovelace' });
		const grace = rollUp('grace@example.com', [['KEY', '1']]);
		await issue(ledger, keyOf('ada@example.com'), ada, 'C-1', false);
		await issue(ledger, keyOf('grace@example.com'), grace, 'C-2');
		const reconcile = () =>
			ledger.reconcileCpeEvent({ eventId: EVENT, rollUps: [ada, grace], fileIsComplete: false });
		const [resend, unchanged] = await reconcile();
		expect(resend).toMatchObject({
			action: 'resend',
			key: keyOf('ada@example.com'),
			certificateId: 'C-1',
			oldCredits: '1',
			newCredits: '1',
		});
		expect(resend.reason).toMatch(/^certificate C-1 was issued but never sent/);
		expect(resend).not.toHaveProperty('supersedes');
		expect(unchanged).toMatchObject({ action: 'unchanged', certificateId: 'C-2' });
		const table = reconcileTable(EVENT, await reconcile());
		expect(table.counts).toMatchObject({ resend: 1, unchanged: 1 });
		expect(
			table.changes.map((row) => `${row.attendee} ${row.action} ${row.certificateId}`),
		).toEqual(['ada@example.com resend C-1']);

		// Delivered, or a failed send (the resend queue's then): unchanged, nothing mailed.
		await ledger.record(keyOf('ada@example.com'), 'delivered', { channel: 'email' }, 'w');
		expect((await reconcile())[0]).toMatchObject({ action: 'unchanged' });
	});

	test('a failed send is not resent by the re-run, and changed credits still supersede', async () => {
		const { ledger } = await openTestLedger();
		const ada = rollUp('ada@example.com', [['KEY', '1']]);
		const grace = rollUp('grace@example.com', [['KEY', '1']]);
		await issue(ledger, keyOf('ada@example.com'), ada, 'C-1', false);
		await issue(ledger, keyOf('grace@example.com'), grace, 'C-2', false);
		const refused = { error: '550', retryable: false, attributes: { stage: 'delivery' } };
		await ledger.record(keyOf('ada@example.com'), 'failed', refused, 'w');
		const corrected = rollUp('grace@example.com', [['KEY', '0.6']]);
		const changes = await ledger.reconcileCpeEvent({
			eventId: EVENT,
			rollUps: [ada, corrected],
			fileIsComplete: false,
		});
		expect(changes.map((c) => c.action)).toEqual(['unchanged', 'supersede']);
	});

	test('a reissue never sent is resent under its own key, its predecessor staying superseded', async () => {
		const { ledger } = await openTestLedger();
		const first = rollUp('ada@example.com', [['KEY', '1']]);
		await issue(ledger, keyOf('ada@example.com'), first, 'C-1');
		const corrected = rollUp('ada@example.com', [['KEY', '0.6']]);
		const reconcile = () =>
			ledger.reconcileCpeEvent({ eventId: EVENT, rollUps: [corrected], fileIsComplete: false });
		const [change] = await reconcile();
		await issue(ledger, change.key, corrected, 'C-2', false);
		await ledger.supersede(keyOf('ada@example.com'), {
			newKey: change.key,
			reason: change.reason,
			operator: 'cpe desk',
		});
		expect((await reconcile())[0]).toMatchObject({
			action: 'resend',
			key: change.key,
			certificateId: 'C-2',
			oldCredits: '0.6',
		});
		const [replaced] = await ledger.status({ key: keyOf('ada@example.com') });
		expect(replaced.state).toBe('superseded');
	});

	/** A correction's reissue recorded issued (and sent, if `sent`), its predecessor not superseded. */
	async function stoppedBeforeSupersede(ledger: CredentialLedger, sent: boolean) {
		const first = rollUp(
			'ada@example.com',
			[
				['KEY', '1'],
				['A1', '2'],
			],
			{ name: 'Ada Lovelace' },
		);
		await issue(ledger, keyOf('ada@example.com'), first, 'C-1');
		const corrected = rollUp(
			'ada@example.com',
			[
				['KEY', '1'],
				['A1', '1.6'],
			],
			{
				name: 'Ada Lovelace',
			},
		);
		const reconcile = () =>
			ledger.reconcileCpeEvent({ eventId: EVENT, rollUps: [corrected], fileIsComplete: false });
		const [change] = await reconcile();
		expect(change).toMatchObject({ action: 'supersede', key: `${keyOf('ada@example.com')}.v2` });
		await issue(ledger, change.key, corrected, 'C-2', sent);
		return { change, reconcile };
	}

	const stillValid = async (ledger: CredentialLedger, key: string) =>
		(await ledger.status({ key }))[0].state;

	test('a reissue recorded and never sent, its predecessor still valid: resend it and supersede the old one', async () => {
		const { ledger } = await openTestLedger();
		const { change, reconcile } = await stoppedBeforeSupersede(ledger, false);
		expect(await stillValid(ledger, keyOf('ada@example.com'))).toBe('delivered');
		const [resend] = await reconcile();
		expect(resend).toMatchObject({
			action: 'resend',
			key: change.key,
			certificateId: 'C-2',
			oldCredits: '3',
			newCredits: '2.6',
			// What the first send would have printed: the replaced certificate and the correction.
			supersedes: {
				key: keyOf('ada@example.com'),
				certificateId: 'C-1',
				reason: 'credits changed: A1 2 → 1.6',
			},
		});
		expect(change.reason).toBe('credits changed: A1 2 → 1.6');
		expect(resend.reason).toMatch(/C-2 replaces C-1, still valid.*C-1 is superseded and C-2 sent/);
		const table = reconcileTable(EVENT, [resend]);
		expect(table.changes.map((row) => `${row.action} ${row.certificateId}`)).toEqual([
			'resend C-2',
		]);

		// As template 06 does with the plan: supersede, then record the send.
		await ledger.supersede(resend.supersedes!.key, {
			newKey: resend.key,
			reason: resend.supersedes!.reason,
			operator: 'cpe desk',
		});
		await ledger.record(resend.key, 'delivered', { channel: 'email' }, 'workflow:6');
		expect(await stillValid(ledger, keyOf('ada@example.com'))).toBe('superseded');
		const [after] = await reconcile();
		expect(after).toMatchObject({ action: 'unchanged', certificateId: 'C-2' });
		expect(after).not.toHaveProperty('supersedes');
	});

	test('a reissue already sent, its predecessor still valid: complete the supersession, mail nothing', async () => {
		const { ledger } = await openTestLedger();
		const { change, reconcile } = await stoppedBeforeSupersede(ledger, true);
		const [complete] = await reconcile();
		expect(complete).toMatchObject({
			action: 'complete_supersession',
			key: change.key,
			certificateId: 'C-2',
			supersedes: {
				key: keyOf('ada@example.com'),
				certificateId: 'C-1',
				reason: 'credits changed: A1 2 → 1.6',
			},
		});
		expect(complete.reason).toMatch(/C-2 was sent: C-1 is superseded, nothing is mailed$/);
		const table = reconcileTable(EVENT, [complete]);
		expect(table.counts.complete_supersession).toBe(1);
		expect(table.csv).toContain('complete_supersession,3,2.6,C-2,');
		await ledger.supersede(complete.supersedes!.key, {
			newKey: complete.key,
			reason: complete.supersedes!.reason,
			operator: 'cpe desk',
		});
		expect((await reconcile())[0]).toMatchObject({ action: 'unchanged', certificateId: 'C-2' });
		// Superseding it once more is refused, naming the entry: the plan never asks for that.
		await expect(
			ledger.supersede(keyOf('ada@example.com'), {
				newKey: change.key,
				reason: 'again',
				operator: 'cpe desk',
			}),
		).rejects.toThrow(/already superseded \(entry \d+\)/);
	});

	test('issue, then a correction superseded, then the same data again: unchanged', async () => {
		const { ledger } = await openTestLedger();
		const first = rollUp(
			'ada@example.com',
			[
				['KEY', '1'],
				['A1', '2'],
			],
			{ name: 'Ada Lovelace' },
		);
		const reconcile = (rollUps: unknown[], fileIsComplete = false) =>
			ledger.reconcileCpeEvent({ eventId: EVENT, rollUps, fileIsComplete });
		expect((await reconcile([first]))[0]).toMatchObject({
			action: 'issue',
			key: keyOf('ada@example.com'),
		});
		await issue(ledger, keyOf('ada@example.com'), first, 'C-1');
		expect((await reconcile([first]))[0]).toMatchObject({
			action: 'unchanged',
			certificateId: 'C-1',
		});

		const corrected = rollUp(
			'ada@example.com',
			[
				['KEY', '1'],
				['A1', '1.6'],
			],
			{ name: 'Ada Lovelace' },
		);
		const [change] = await reconcile([corrected]);
		expect(change).toMatchObject({ action: 'supersede', oldCredits: '3', newCredits: '2.6' });
		await issue(ledger, change.key, corrected, 'C-2');
		await ledger.supersede(change.supersedes!.key, {
			newKey: change.key,
			reason: change.reason,
			operator: 'cpe desk',
		});
		expect((await reconcile([corrected]))[0]).toMatchObject({
			action: 'unchanged',
			key: change.key,
			certificateId: 'C-2',
		});

		// Another event's certificates are not this event's holders.
		await issue(
			ledger,
			keyOf('grace@example.com', 'FALL'),
			rollUp('grace@example.com', [['A1', '1']], { eventId: 'FALL' }),
			'C-9',
		);
		// Missing from a complete file: revoked; under a new id with the same name: refused.
		const other = rollUp('alan@example.com', [['KEY', '1']]);
		expect(actions(await reconcile([other], true))).toEqual([
			'alan@example.com issue - → 1',
			'ada@example.com revoke 2.6 → 0',
		]);
		const renamed = rollUp(
			'A-0917',
			[
				['KEY', '1'],
				['A1', '1.6'],
			],
			{ name: 'Ada Lovelace' },
		);
		await expect(reconcile([renamed], true)).rejects.toThrow(
			/^Item 0 \(attendee A-0917\) has no certificate, but certificate C-2 of attendee ada@example.com/,
		);

		await ledger.revoke(change.key, { reason: 'disputed', operator: 'cpe desk' });
		expect((await reconcile([corrected]))[0]).toMatchObject({
			action: 'issue',
			key: `${keyOf('ada@example.com')}.v3`,
		});
	});

	test('an attendee under a new id is refused when Record Issued kept the printed name', async () => {
		// Template 06 records the printed name as the Issued entry's own evidence: the newest
		// evidence of the key, which names no attendee. The decision's evidence still does.
		const { ledger } = await openTestLedger();
		const ada = rollUp('ada@example.com', [['KEY', '1']], { name: 'Ada Lovelace' });
		await ledger.reserve(keyOf('ada@example.com'), ada, { evidence: ada });
		await ledger.record(
			keyOf('ada@example.com'),
			'issued',
			{ platform: 'certificate-pdf', externalId: 'C-7' },
			'workflow:6',
			{ evidence: { holderName: 'Ada Lovelace' } },
		);
		const renamed = rollUp('ada.lovelace@example.com', [['KEY', '1']], { name: 'Ada Lovelace' });
		await expect(
			ledger.reconcileCpeEvent({ eventId: EVENT, rollUps: [renamed], fileIsComplete: false }),
		).rejects.toThrow(
			/^Item 0 \(attendee ada\.lovelace@example\.com\) has no certificate, but certificate C-7 of attendee ada@example\.com, missing from this file, has the same name "Ada Lovelace"/,
		);
	});

	test('an empty event id is refused by name', async () => {
		const { ledger } = await openTestLedger();
		await expect(
			ledger.reconcileCpeEvent({ eventId: '', rollUps: [], fileIsComplete: false }),
		).rejects.toThrow(/^Invalid event id: eventId/);
	});
});
