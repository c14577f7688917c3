import { DEFAULT_RETENTION_DAYS, isLedgerError } from '../../../nodes/core/domain/ledger';
import { ISSUED, decision, openTestLedger, removeTempFolders } from './support/fixtures';

afterEach(removeTempFolders);

const DAY_MS = 24 * 60 * 60_000;
const RECORDED_AT = Date.parse('2026-03-01T09:00:00.000Z');
const COURSE_CPE_CREDITS = { credits: [{ credits: '2.0', unit: 'CPE', fieldOfStudy: 'Taxes' }] };

/** A ledger on a fake clock: course, CPE-by-decision and CPE-by-issued credentials, each with evidence. */
async function ledgerOnFakeClock() {
	let now = RECORDED_AT;
	const opened = await openTestLedger({ clock: () => new Date(now) });
	const { ledger } = opened;
	await ledger.reserve('course', decision('L-1'), { evidence: { email: 'course@example.org' } });
	await ledger.recordDecision('cpe', decision('L-2', 'P-7', { credits: '2.0' }), {
		evidence: { email: 'cpe@example.org' },
	});
	await ledger.reserve('cpe-issued', decision('L-3'), { evidence: { email: 'three@example.org' } });
	await ledger.record('cpe-issued', 'issued', { ...ISSUED, attributes: COURSE_CPE_CREDITS }, 'w');
	const eraseAt = async (offsetMs: number, retentionDays?: Record<string, number>) => {
		now = RECORDED_AT + offsetMs;
		return ledger.erasePersonalData({ actor: 'retention-job', retentionDays });
	};
	return { ...opened, eraseAt };
}

describe('retention by record kind', () => {
	it('defaults to 7 years (2557 days) for course credentials and 5 years (1827 days) for CPE records', () => {
		expect(DEFAULT_RETENTION_DAYS).toEqual({ courseCredential: 2557, cpeRecord: 1827 });
		// Never shorter than the same calendar date that many years on, leap days included.
		const recorded = new Date('2024-01-01T00:00:00.000Z');
		for (const [days, years] of [
			[2557, 7],
			[1827, 5],
		]) {
			const later = new Date(recorded);
			later.setUTCFullYear(recorded.getUTCFullYear() + years);
			expect(recorded.getTime() + days * DAY_MS).toBeGreaterThanOrEqual(later.getTime());
		}
	});

	it('keeps CPE records until exactly 1827 days have passed, and erases them a moment later', async () => {
		const { eraseAt, ledger, store } = await ledgerOnFakeClock();
		const cpeDays = DEFAULT_RETENTION_DAYS.cpeRecord * DAY_MS;
		expect(await eraseAt(cpeDays - 1)).toMatchObject({ erased: 0, keys: [] });
		expect(await eraseAt(cpeDays)).toMatchObject({ erased: 0, keys: [] });
		const report = await eraseAt(cpeDays + 1);
		expect(report.keys.sort()).toEqual(['cpe', 'cpe-issued']);
		expect(report.erased).toBe(2);
		expect((await ledger.evidenceBundle('course')).evidence[0].state).toBe('present');
		expect((await ledger.evidenceBundle('cpe')).entries.at(-1)).toMatchObject({
			type: 'erased',
			payload: {
				recordKind: 'cpeRecord',
				olderThan: new Date(RECORDED_AT + 1).toISOString(),
			},
		});
		await store.close();
	});

	it('keeps course credentials until exactly 2557 days have passed, and erases them a moment later', async () => {
		const { eraseAt, ledger, store } = await ledgerOnFakeClock();
		const courseDays = DEFAULT_RETENTION_DAYS.courseCredential * DAY_MS;
		await eraseAt(DEFAULT_RETENTION_DAYS.cpeRecord * DAY_MS + 1);
		expect(await eraseAt(courseDays - 1)).toMatchObject({ erased: 0, keys: [] });
		expect(await eraseAt(courseDays)).toMatchObject({ erased: 0, keys: [] });
		expect(await eraseAt(courseDays + 1)).toMatchObject({ erased: 1, keys: ['course'] });
		expect((await ledger.evidenceBundle('course')).entries.at(-1)).toMatchObject({
			type: 'erased',
			payload: { recordKind: 'courseCredential' },
		});
		expect(await ledger.verify()).toMatchObject({ ok: true });
		await store.close();
	});

	it('takes each period from its override (e.g. South Dakota keeps CPE records 4 years)', async () => {
		const { eraseAt, store } = await ledgerOnFakeClock();
		const fourYears = 1461 * DAY_MS;
		expect(await eraseAt(fourYears, { cpeRecord: 1461 })).toMatchObject({ erased: 0 });
		const report = await eraseAt(fourYears + 1, { cpeRecord: 1461, courseCredential: 1461 });
		expect(report.keys.sort()).toEqual(['course', 'cpe', 'cpe-issued']);
		await store.close();
	});

	it.each([
		[{ cpeRecord: -1 }, 'retentionDays.cpeRecord: received -1'],
		[{ courseCredential: 2.5 }, 'retentionDays.courseCredential: received 2.5'],
		[{ courseCredential: Number.NaN }, 'retentionDays.courseCredential: received null'],
	])('refuses %j, naming the field, and erases nothing', async (days, message) => {
		const { eraseAt, ledger, store } = await ledgerOnFakeClock();
		const error = await eraseAt(100_000 * DAY_MS, days).catch((caught: Error) => caught);
		expect(isLedgerError(error, 'invalid_input')).toBe(true);
		expect((error as Error).message).toContain(message);
		expect((await ledger.evidenceBundle('course')).evidence[0].state).toBe('present');
		await store.close();
	});

	it('refuses one olderThan cut-off together with per-kind days', async () => {
		const { ledger, store } = await openTestLedger();
		await expect(
			ledger.erasePersonalData({
				olderThan: '2020-01-01T00:00:00.000Z',
				retentionDays: { cpeRecord: 10 },
				actor: 'job',
			}),
		).rejects.toThrow(/olderThan: give either olderThan or retentionDays, not both/);
		await store.close();
	});
});
