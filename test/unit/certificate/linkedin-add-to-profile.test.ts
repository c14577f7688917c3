import {
	LINKEDIN_ADD_TO_PROFILE_URL,
	linkedInAddToProfileUrl,
} from '../../../nodes/core/domain/certificate';

const paramsOf = (url: string) => {
	const parsed = new URL(url);
	expect(`${parsed.origin}${parsed.pathname}`).toBe(LINKEDIN_ADD_TO_PROFILE_URL);
	return Object.fromEntries(parsed.searchParams.entries());
};

describe('LinkedIn add-to-profile link', () => {
	it('carries every documented parameter, the verification URL as certUrl', () => {
		const url = linkedInAddToProfileUrl({
			name: 'Ethics & Independence: 2026',
			organizationId: '1337',
			issuedAt: '2026-05-15T09:30:00Z',
			certUrl: 'https://n8n.example.org/webhook/verify/C-7?lang=en&x=1',
			certId: 'C-7',
		});
		expect(paramsOf(url)).toEqual({
			startTask: 'CERTIFICATION_NAME',
			name: 'Ethics & Independence: 2026',
			organizationId: '1337',
			issueYear: '2026',
			issueMonth: '5',
			certUrl: 'https://n8n.example.org/webhook/verify/C-7?lang=en&x=1',
			certId: 'C-7',
		});
	});

	it('percent-encodes reserved and non-ASCII characters (spaces as %20)', () => {
		const url = linkedInAddToProfileUrl({
			name: 'Prüfung & Ethik #1',
			organizationName: 'Example CPE Institute',
			issuedAt: '2026-12-01',
			certUrl: 'https://v.example.org/c/A B?x=1&y=2',
		});
		expect(url).toContain('name=Pr%C3%BCfung%20%26%20Ethik%20%231');
		expect(url).toContain('organizationName=Example%20CPE%20Institute');
		expect(url).toContain('certUrl=https%3A%2F%2Fv.example.org%2Fc%2FA%20B%3Fx%3D1%26y%3D2');
		expect(url).not.toContain('+');
		expect(paramsOf(url).name).toBe('Prüfung & Ethik #1');
	});

	it('leaves out missing optional fields instead of sending them empty', () => {
		const params = paramsOf(
			linkedInAddToProfileUrl({
				name: 'Course',
				organizationName: 'Org',
				issuedAt: '2026-01-31',
				certUrl: ' ',
			}),
		);
		expect(Object.keys(params).sort()).toEqual(
			['issueMonth', 'issueYear', 'name', 'organizationName', 'startTask'].sort(),
		);
	});

	it('prefers the organization ID over the name, and adds the expiry when given', () => {
		const params = paramsOf(
			linkedInAddToProfileUrl({
				name: 'Course',
				organizationId: '42',
				organizationName: 'Org',
				issuedAt: '2026-01-31',
				expiresAt: '2028-02-29',
			}),
		);
		expect(params.organizationId).toBe('42');
		expect(params.organizationName).toBeUndefined();
		expect([params.expirationYear, params.expirationMonth]).toEqual(['2028', '2']);
	});

	it.each([
		[{ name: ' ', organizationId: '1', issuedAt: '2026-01-01' }, /certification name/],
		[{ name: 'C', issuedAt: '2026-01-01' }, /organization ID .* or the organization name/],
		[{ name: 'C', organizationId: 'acme', issuedAt: '2026-01-01' }, /"acme" is not the numeric ID/],
		[{ name: 'C', organizationId: '1', issuedAt: 'soon' }, /issue date "soon" is not a date/],
		[
			{ name: 'C', organizationId: '1', issuedAt: '2026-01-01', expiresAt: '31/12/2030' },
			/expiry date "31\/12\/2030" is not a date/,
		],
	])('rejects bad input with a message naming the field (%#)', (input, message) => {
		expect(() => linkedInAddToProfileUrl(input)).toThrow(message);
	});
});
