import { generateKeyPairSync } from 'node:crypto';

import type { BadgeRequest } from '../../../../nodes/core/domain/open-badges';

export function ed25519Pem(): string {
	return generateKeyPairSync('ed25519')
		.privateKey.export({ format: 'pem', type: 'pkcs8' })
		.toString();
}

export const badgeRequest = (overrides: Partial<BadgeRequest> = {}): BadgeRequest => ({
	achievement: {
		name: 'Safe Lifting Basics',
		description: 'Completed the Safe Lifting Basics course with a passing score.',
		criteria: 'Pass the final assessment with at least 80%.',
		image: 'https://badges.example.org/images/safe-lifting.png',
	},
	recipient: { email: 'Ada.Learner@example.org', learnerId: 'learner-42' },
	issuer: { name: 'Example Training Ltd', url: 'https://training.example.org' },
	issuedOn: '2026-03-01T10:00:00Z',
	expiresOn: '2029-03-01T10:00:00Z',
	evidenceUrl: 'https://verify.example.org/certificates/CERT-42',
	creditsEarned: 2.5,
	...overrides,
});
