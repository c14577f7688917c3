import {
	isPlatformError,
	parseIssueRequest,
	requireIssuableTemplate,
	templateForCourse,
	type CredentialTemplate,
	type PlatformError,
} from '../../../nodes/core/integrations/platforms';

const valid = {
	templateId: '12472',
	recipient: { name: 'Ada Lovelace', email: 'Ada@Example.COM', id: 'lms-42' },
	issuedOn: '2025-05-01',
	attributes: { Location: 'London' },
};

function refusal(
	input: unknown,
	platform: 'accredible' | 'credly' | 'certifier' = 'accredible',
): PlatformError {
	try {
		parseIssueRequest(input, platform);
	} catch (error) {
		if (isPlatformError(error)) return error;
		throw error;
	}
	throw new Error('expected a refusal');
}

describe('issue request validation', () => {
	it('lowercases the email and trims text', () => {
		const request = parseIssueRequest(
			{ ...valid, recipient: { ...valid.recipient, name: '  Ada Lovelace ' } },
			'accredible',
		);
		expect(request.recipient).toEqual({
			name: 'Ada Lovelace',
			email: 'ada@example.com',
			id: 'lms-42',
		});
	});

	it.each<[string, unknown, string, RegExp]>([
		[
			'missing email',
			{ ...valid, recipient: { name: 'Ada' } },
			'recipient.email',
			/missing; expected text/,
		],
		[
			'invalid email',
			{ ...valid, recipient: { name: 'Ada', email: 'ada-at-example' } },
			'recipient.email',
			/"ada-at-example"; expected an email address/,
		],
		[
			'over-long name',
			{ ...valid, recipient: { name: 'x'.repeat(256), email: 'a@b.co' } },
			'recipient.name',
			/at most 255 character/,
		],
		[
			'wrong-type attribute',
			{ ...valid, attributes: { Credits: 4 } },
			'attributes.Credits',
			/received the number 4; expected text/,
		],
		['bad date', { ...valid, issuedOn: '01/05/2025' }, 'issuedOn', /expected a date as YYYY-MM-DD/],
		['impossible date', { ...valid, issuedOn: '2025-02-30' }, 'issuedOn', /real calendar date/],
		['missing template', { recipient: valid.recipient }, 'templateId', /missing/],
		['misspelt field', { ...valid, recipent: {} }, 'recipent', /did you mean "recipient"/],
	])('%s names the field', (_case, input, field, message) => {
		const error = refusal(input);
		expect(error.code).toBe('invalid_request');
		expect(error.retryable).toBe(false);
		expect(error.issues.map((i) => i.path)).toContain(field);
		expect(error.issues.find((i) => i.path === field)?.message).toMatch(message);
		expect(error.message).toMatch(/nothing was sent/);
	});

	it('wants a numeric Accredible group id', () => {
		expect(refusal({ ...valid, templateId: 'intro' }).field).toBe('templateId');
		expect(parseIssueRequest({ ...valid, templateId: 12472 }, 'accredible').templateId).toBe(
			'12472',
		);
	});

	it('wants a first and a last name for Credly', () => {
		const input = {
			...valid,
			templateId: 'cfaf2910',
			recipient: { name: 'Cher', email: 'cher@example.test' },
		};
		expect(refusal(input, 'credly').field).toBe('recipient.lastName');
		expect(() =>
			parseIssueRequest(
				{ ...input, recipient: { ...input.recipient, lastName: 'Sarkisian' } },
				'credly',
			),
		).not.toThrow();
	});
});

describe('template mapping', () => {
	const templates: CredentialTemplate[] = [
		{ platform: 'credly', id: 't-active', name: 'Active', active: true, raw: {} },
		{ platform: 'credly', id: 't-archived', name: 'Old badge', active: false, raw: {} },
	];

	it('names the course that has no template', () => {
		expect(templateForCourse('credly', { 'C-101': 't-active' }, 'C-101')).toBe('t-active');
		let error: PlatformError | undefined;
		try {
			templateForCourse('credly', { 'C-101': 't-active' }, 'C-202');
		} catch (e) {
			error = e as PlatformError;
		}
		expect(error?.code).toBe('missing_template_mapping');
		expect(error?.message).toMatch(/course "C-202"/);
		expect(() => templateForCourse('credly', {}, 'toString')).toThrow(/toString/);
	});

	it('refuses unknown and archived templates before sending', () => {
		expect(requireIssuableTemplate('credly', 't-active', templates).id).toBe('t-active');
		expect(() => requireIssuableTemplate('credly', 't-gone', templates)).toThrow(
			expect.objectContaining({ code: 'template_not_found', field: 'templateId' }),
		);
		expect(() => requireIssuableTemplate('credly', 't-archived', templates)).toThrow(
			expect.objectContaining({ code: 'template_archived' }),
		);
	});
});
