import { certificateIdProblem, type CredentialLedger } from '../../../nodes/core/domain/ledger';
import { decision, openTestLedger, removeTempFolders } from './support/fixtures';

afterEach(removeTempFolders);

const PLATFORM = 'certificate-pdf';
const NOW = '2026-03-01T12:00:00.000Z';
const ATTRIBUTES = {
	credentialTitle: 'Workplace Safety Fundamentals',
	issuer: 'Example Training Institute',
	credits: [{ credits: '2.5', unit: 'CPE', fieldOfStudy: 'Accounting' }, { bogus: true }],
	internalNote: 'never shown',
};

/** Reserves and records one PDF certificate, with the printed name as private evidence. */
async function issue(
	ledger: CredentialLedger,
	key: string,
	certificateId: string,
	attributes: Record<string, unknown> = ATTRIBUTES,
	at = '2026-01-10T09:00:00.000Z',
) {
	await ledger.reserve(key, decision(`L-${key}`), {
		now: at,
		evidence: { learner: { email: `${key}@example.org` } },
	});
	await ledger.record(
		key,
		'issued',
		{ platform: PLATFORM, externalId: certificateId, issuedOn: at, attributes },
		'issuing workflow',
		{ now: at, evidence: { holderName: 'Ana Lima' } },
	);
}

const lookup = (ledger: CredentialLedger, certificateId: unknown) =>
	ledger.publicStatus({ certificateId, platform: PLATFORM }, { now: NOW });

describe('publicStatus', () => {
	it('a valid certificate shows the whitelisted public fields and the printed name only', async () => {
		const { ledger } = await openTestLedger();
		await issue(ledger, 'k1', 'C-AAAA-BBBB-CCCC-DDDD');
		const view = await lookup(ledger, ' C-AAAA-BBBB-CCCC-DDDD ');
		expect(view).toEqual({
			certificateId: 'C-AAAA-BBBB-CCCC-DDDD',
			status: 'valid',
			holderName: 'Ana Lima',
			credentialTitle: 'Workplace Safety Fundamentals',
			issuer: 'Example Training Institute',
			issuedOn: '2026-01-10T09:00:00.000Z',
			credits: [{ credits: '2.5', unit: 'CPE', fieldOfStudy: 'Accounting' }],
			checkedAt: NOW,
		});
		const text = JSON.stringify(view);
		for (const secret of ['k1', 'L-k1', 'example.org', 'never shown', 'issuing workflow'])
			expect(text).not.toContain(secret);
	});

	it('a revoked certificate shows the public category and date, never the free-text reason', async () => {
		const { ledger } = await openTestLedger();
		await issue(ledger, 'k1', 'C-REVO-KED0-0000-0001');
		await ledger.revoke(
			'k1',
			{
				reason: 'plagiarism found in the final exam by the proctor',
				operator: 'registrar',
				at: '2026-02-01T00:00:00.000Z',
				category: 'misconduct',
			},
			{ now: '2026-02-01T08:00:00.000Z' },
		);
		const view = await lookup(ledger, 'C-REVO-KED0-0000-0001');
		expect(view).toMatchObject({
			status: 'revoked',
			revocation: { category: 'misconduct', revokedAt: '2026-02-01T00:00:00.000Z' },
			holderName: 'Ana Lima',
		});
		expect(JSON.stringify(view)).not.toMatch(/plagiarism|registrar/);
	});

	it('a revocation without a category is "unspecified"; an unknown category is refused', async () => {
		const { ledger } = await openTestLedger();
		await issue(ledger, 'k1', 'C-1');
		await expect(
			ledger.revoke('k1', { reason: 'x', operator: 'op', category: 'gossip' }),
		).rejects.toThrow(/category/);
		await ledger.revoke('k1', { reason: 'issued twice', operator: 'op' }, { now: NOW });
		expect((await lookup(ledger, 'C-1')).revocation).toEqual({
			category: 'unspecified',
			revokedAt: NOW,
		});
	});

	it('a superseded certificate names its replacement, which is valid', async () => {
		const { ledger } = await openTestLedger();
		await issue(ledger, 'old', 'C-OLD');
		await issue(ledger, 'new', 'C-NEW');
		await ledger.supersede(
			'old',
			{ newKey: 'new', reason: 'name corrected', operator: 'registrar' },
			{ now: '2026-02-02T00:00:00.000Z' },
		);
		expect(await lookup(ledger, 'C-OLD')).toMatchObject({
			status: 'superseded',
			supersededBy: { certificateId: 'C-NEW', supersededAt: '2026-02-02T00:00:00.000Z' },
		});
		expect((await lookup(ledger, 'C-NEW')).status).toBe('valid');
	});

	it('is expired once the public expiry date has passed, valid before', async () => {
		const { ledger } = await openTestLedger();
		await issue(ledger, 'a', 'C-EXP', { ...ATTRIBUTES, expiresOn: '2026-02-28T00:00:00.000Z' });
		await issue(ledger, 'b', 'C-LIVE', { ...ATTRIBUTES, expiresOn: '2027-01-01T00:00:00.000Z' });
		expect(await lookup(ledger, 'C-EXP')).toMatchObject({
			status: 'expired',
			expiresOn: '2026-02-28T00:00:00.000Z',
		});
		expect((await lookup(ledger, 'C-LIVE')).status).toBe('valid');
	});

	it('after erasure answers "erased" with no personal data; a revocation stays public', async () => {
		const { ledger } = await openTestLedger();
		await issue(ledger, 'k1', 'C-ERASED', ATTRIBUTES, '2025-01-01T00:00:00.000Z');
		await issue(ledger, 'k2', 'C-ERASED-REVOKED', ATTRIBUTES, '2025-01-01T00:00:00.000Z');
		await ledger.revoke('k2', { reason: 'x', operator: 'op', category: 'issued_in_error' });
		await ledger.erasePersonalData({ olderThan: '2025-06-01T00:00:00.000Z', actor: 'job' });
		expect(await lookup(ledger, 'C-ERASED')).toEqual({
			certificateId: 'C-ERASED',
			status: 'erased',
			personalDataErased: true,
			checkedAt: NOW,
		});
		const revoked = await lookup(ledger, 'C-ERASED-REVOKED');
		expect(revoked).toMatchObject({
			status: 'revoked',
			personalDataErased: true,
			revocation: { category: 'issued_in_error' },
		});
		expect(JSON.stringify(revoked)).not.toContain('Ana Lima');
	});

	it('an id the ledger never issued, or issued on another platform, is unknown', async () => {
		const { ledger } = await openTestLedger();
		await issue(ledger, 'k1', 'C-KNOWN');
		expect(await lookup(ledger, 'C-NOPE')).toEqual({
			certificateId: 'C-NOPE',
			status: 'unknown',
			checkedAt: NOW,
		});
		const elsewhere = await ledger.publicStatus(
			{ certificateId: 'C-KNOWN', platform: 'credly' },
			{ now: NOW },
		);
		expect(elsewhere.status).toBe('unknown');
	});

	it('the bare UUID a PDF prints finds the self-issued Open Badge recorded as urn:uuid', async () => {
		const { ledger } = await openTestLedger();
		const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e';
		await ledger.reserve('badge', decision('L-badge'), { now: '2026-01-10T09:00:00.000Z' });
		await ledger.record(
			'badge',
			'issued',
			{ platform: 'open-badge', externalId: `urn:uuid:${uuid}`, attributes: ATTRIBUTES },
			'open badge workflow',
			{ now: '2026-01-10T09:00:00.000Z' },
		);
		const view = await lookup(ledger, uuid.toUpperCase());
		expect(view).toMatchObject({ status: 'valid', credentialTitle: ATTRIBUTES.credentialTitle });
		await ledger.revoke(
			'badge',
			{ reason: 'issued in error', operator: 'ops', category: 'issued_in_error' },
			{ now: NOW },
		);
		expect((await lookup(ledger, uuid)).status).toBe('revoked');
		// Only a UUID gets the badge form: another id of the same badge is still unknown.
		expect((await lookup(ledger, `x${uuid.slice(1)}`)).status).toBe('unknown');
	});

	it.each<[string, unknown, RegExp]>([
		['empty', '', /empty/],
		['not text', 42, /empty/],
		['a path', '../../etc/passwd', /only letters, digits/],
		['markup', '<script>alert(1)</script>', /only letters, digits/],
		['10 KB', 'C'.repeat(10_240), /10,240 characters long; IDs have at most 128/],
	])('a malformed id (%s) is named, and never echoed back whole', async (_name, id, problem) => {
		const { ledger } = await openTestLedger();
		const view = await lookup(ledger, id);
		expect(view.status).toBe('malformed');
		expect(view.problem).toMatch(problem);
		expect(view.certificateId.length).toBeLessThanOrEqual(40);
	});

	it('certificateIdProblem accepts the ids the Certificate node derives', () => {
		expect(certificateIdProblem('C-7K3M-9QXH-2B4N-T8VW')).toBeUndefined();
		expect(certificateIdProblem('cred_1.2:3')).toBeUndefined();
		expect(certificateIdProblem('-leading-dash')).toMatch(/only letters/);
	});
});
