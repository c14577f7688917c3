import { defaultVerificationUrl, verificationUrlFor } from '../../../nodes/core/domain/certificate';

describe('defaultVerificationUrl', () => {
	it.each<[string, string]>([
		['http://localhost:5678', 'http://localhost:5678/webhook/verify/{{id}}'],
		['http://localhost:5678/', 'http://localhost:5678/webhook/verify/{{id}}'],
		[
			'https://n8n.example.org/automation//',
			'https://n8n.example.org/automation/webhook/verify/{{id}}',
		],
	])('%s -> %s', (base, url) => {
		expect(defaultVerificationUrl(base)).toBe(url);
	});

	it.each(['', '   ', 'localhost:5678', 'ftp://example.org'])(
		'%j is not a public base URL',
		(base) => {
			expect(defaultVerificationUrl(base)).toBeUndefined();
		},
	);

	it('puts the certificate id in as one path segment', () => {
		const base = defaultVerificationUrl('https://n8n.example.org') as string;
		expect(verificationUrlFor(base, 'C-7K3M-9QXH-2B4N-T8VW')).toBe(
			'https://n8n.example.org/webhook/verify/C-7K3M-9QXH-2B4N-T8VW',
		);
	});
});
