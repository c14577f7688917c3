import type { CertificateInput } from '../../../nodes/core/domain/certificate';
import { deriveCertificateId, verificationUrlFor } from '../../../nodes/core/domain/certificate';

export const TIME_STATEMENT =
	'In accordance with the standards of the National Registry of CPE Sponsors, CPE credits have been granted based on a 50-minute hour.';

export function sampleInput(overrides: Partial<CertificateInput> = {}): CertificateInput {
	const certificateId =
		overrides.certificateId ?? deriveCertificateId(['learner-42', 'REV-2026', '2026-05-14']);
	return {
		recipientName: 'José Müller-Łukasiewicz',
		recipientEmail: 'jose@example.org',
		courseTitle: 'Revenue Recognition Update: ASC 606 in Practice',
		courseId: 'REV-2026',
		credits: [
			{ credits: '2.8', fieldOfStudy: 'Accounting' },
			{ credits: 1, fieldOfStudy: 'Taxes' },
		],
		deliveryMethod: 'group-internet',
		completedOn: '2026-05-14',
		location: 'Chicago, IL',
		sponsorName: 'Example CPE Institute',
		sponsorContact: '100 Main Street, Chicago IL 60601',
		sponsorRegistryId: '108765',
		signerName: 'Dana Lee',
		signerTitle: 'Director of Continuing Education',
		statements: [TIME_STATEMENT],
		certificateId,
		verificationUrl: verificationUrlFor('https://verify.example.org/c/{{id}}', certificateId),
		issuedAt: '2026-05-15T09:30:00Z',
		decisionRef: 'policy cpe-2026 v3',
		...overrides,
	};
}
