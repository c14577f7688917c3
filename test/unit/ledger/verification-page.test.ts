import type { PublicCredentialView } from '../../../nodes/core/domain/ledger';
import {
	prefersJson,
	verificationPage,
	verificationResponse,
} from '../../../nodes/core/domain/verification';

const CHECKED = '2026-03-01T12:00:00.000Z';
const VALID: PublicCredentialView = {
	certificateId: 'C-AAAA-BBBB-CCCC-DDDD',
	status: 'valid',
	holderName: 'Ana <b>Lima</b>',
	credentialTitle: 'Workplace Safety',
	issuer: 'Example Institute',
	issuedOn: '2026-01-10T09:00:00.000Z',
	credits: [{ credits: '2.5', unit: 'CPE', fieldOfStudy: 'Accounting' }],
	checkedAt: CHECKED,
};

describe('prefersJson', () => {
	it.each<[unknown, boolean]>([
		['application/json', true],
		['application/ld+json', true],
		['application/json, text/html;q=0.5', true],
		['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', false],
		['text/html, application/json', false],
		['*/*', false],
		['', false],
		[undefined, false],
		[['application/json'], false],
	])('%j -> %j', (accept, json) => {
		expect(prefersJson(accept)).toBe(json);
	});
});

describe('verificationResponse', () => {
	it('answers JSON with the public view for machines', () => {
		const response = verificationResponse(VALID, 'application/json');
		expect(response).toMatchObject({
			statusCode: 200,
			contentType: 'application/json; charset=utf-8',
		});
		expect(JSON.parse(response.body)).toEqual(VALID);
	});

	it.each<[PublicCredentialView['status'], number]>([
		['valid', 200],
		['revoked', 200],
		['superseded', 200],
		['expired', 200],
		['erased', 200],
		['unknown', 404],
		['malformed', 400],
	])('%s answers HTTP %d, as a page and as JSON', (status, code) => {
		const view = { certificateId: 'C-1', status, checkedAt: CHECKED };
		expect(verificationResponse(view, 'text/html').statusCode).toBe(code);
		expect(verificationResponse(view, 'application/json').statusCode).toBe(code);
	});
});

describe('verificationPage', () => {
	it('shows the status in words and the public fields, with markup escaped', () => {
		const page = verificationPage(VALID);
		expect(page).toContain('<h1 id="status">Valid</h1>');
		expect(page).toContain('<title>Valid: certificate C-AAAA-BBBB-CCCC-DDDD</title>');
		expect(page).toContain('data-status="valid"');
		expect(page).toContain('Ana &lt;b&gt;Lima&lt;/b&gt;');
		expect(page).not.toContain('<b>Lima');
		expect(page).toContain('2.5 CPE (Accounting)');
		expect(page).toContain('10 January 2026');
	});

	it('loads nothing from elsewhere: no script, no external font, image or stylesheet', () => {
		const page = verificationPage(VALID);
		expect(page).not.toMatch(/<script|<link|<img|@import|url\(|https?:\/\//i);
		expect(page).toContain('name="viewport"');
	});

	it('a superseded page links to the replacement relative to itself', () => {
		const page = verificationPage({
			certificateId: 'C-OLD',
			status: 'superseded',
			supersededBy: { certificateId: 'C-NEW/../x', supersededAt: CHECKED },
			checkedAt: CHECKED,
		});
		expect(page).toContain('<h1 id="status">Superseded</h1>');
		expect(page).toContain('href="./C-NEW%2F..%2Fx"');
	});

	it('a revoked page gives the category in words and the date', () => {
		const page = verificationPage({
			certificateId: 'C-1',
			status: 'revoked',
			revocation: { category: 'issued_in_error', revokedAt: '2026-02-01T00:00:00.000Z' },
			personalDataErased: true,
			checkedAt: CHECKED,
		});
		expect(page).toContain('1 February 2026, reason: issued in error');
		expect(page).toContain('personal data was erased');
	});

	it('a malformed id page names the problem and escapes the id', () => {
		const page = verificationPage({
			certificateId: '<script>alert(1)</script>',
			status: 'malformed',
			problem: 'a certificate ID holds only letters',
			checkedAt: CHECKED,
		});
		expect(page).toContain('Not a certificate ID');
		expect(page).toContain('a certificate ID holds only letters.');
		expect(page).not.toContain('<script>');
	});
});
