import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';

import { invalidField } from './errors';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

const MAX_TEXT = 2000;
const text = (max = 200) => z.string().trim().min(1).max(max);
const uri = z
	.string()
	.trim()
	.max(2048)
	.regex(/^[a-z][a-z0-9+.-]*:\S+$/i, 'expected an absolute URI such as https://...');
// Images may be embedded as data: URIs (a rendered certificate, a configured PNG or SVG).
const imageUri = z
	.string()
	.trim()
	.max(2_000_000)
	.regex(
		/^(https:\/\/\S+|data:image\/(png|svg\+xml);base64,[A-Za-z0-9+/=]+)$/,
		'expected an https:// URL or a data:image/png or data:image/svg+xml base64 URI',
	);
const timestamp = z.string().datetime({
	offset: true,
	message: 'expected an ISO-8601 date-time with a time zone, e.g. 2026-01-31T12:00:00Z',
});

export const BadgeRequestSchema = z
	.object({
		achievement: z
			.object({
				id: uri.optional(),
				name: text(),
				description: text(MAX_TEXT),
				criteria: text(MAX_TEXT),
				criteriaUrl: uri.optional(),
				image: imageUri.optional(),
				achievementType: text(60).optional(),
			})
			.strict(),
		recipient: z
			.object({
				email: z.string().trim().email('expected an e-mail address').max(320).optional(),
				learnerId: text(200).optional(),
			})
			.strict()
			.refine((r) => r.email !== undefined || r.learnerId !== undefined, {
				message: 'give the learner e-mail or the learner id',
				path: ['email'],
			}),
		issuer: z.object({ name: text(), url: uri.optional() }).strict(),
		issuedOn: timestamp,
		expiresOn: timestamp.optional(),
		evidenceUrl: uri.optional(),
		creditsEarned: z.number().finite().min(0).max(10_000).optional(),
	})
	.strict()
	.refine((r) => r.expiresOn === undefined || Date.parse(r.expiresOn) > Date.parse(r.issuedOn), {
		message: 'must be after issuedOn',
		path: ['expiresOn'],
	});

export type BadgeRequest = z.infer<typeof BadgeRequestSchema>;

/** Where a credential's revocation (or suspension) bit lives. */
export interface StatusEntry {
	listUrl: string;
	index: number;
	purpose: 'revocation' | 'suspension';
}

export function checkBadgeRequest(input: unknown): BadgeRequest {
	const parsed = BadgeRequestSchema.safeParse(input);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	throw invalidField(issue.path.join('.') || 'request', issue.message);
}

/** An OB 3.0 IdentityObject: the salted SHA-256 of the identifier, never the identifier itself. */
function hashedIdentity(identityType: 'emailAddress' | 'identifier', value: string) {
	const salt = randomBytes(16).toString('hex');
	const normalised = identityType === 'emailAddress' ? value.trim().toLowerCase() : value.trim();
	const digest = createHash('sha256')
		.update(normalised + salt, 'utf8')
		.digest('hex');
	return {
		type: 'IdentityObject',
		identityHash: `sha256$${digest}`,
		identityType,
		hashed: true,
		salt,
	};
}

/** A stable URI for an achievement without one: the same issuer and name give the same id. */
function achievementIdOf(issuerDid: string, name: string): string {
	const hex = createHash('sha256').update(`${issuerDid}\n${name}`, 'utf8').digest('hex');
	return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function statusEntryOf(entry: StatusEntry) {
	return {
		id: `${entry.listUrl}#${entry.index}`,
		type: 'BitstringStatusListEntry',
		statusPurpose: entry.purpose,
		statusListIndex: String(entry.index),
		statusListCredential: entry.listUrl,
	};
}

/** The unsigned AchievementCredential for a checked request. */
export function buildAchievementCredential(
	request: BadgeRequest,
	issuerDid: string,
	statusEntries: ReadonlyArray<StatusEntry>,
	credentialId: string = `urn:uuid:${randomUUID()}`,
): Record<string, unknown> {
	const { achievement, recipient } = request;
	const identifier = [
		...(recipient.email ? [hashedIdentity('emailAddress', recipient.email)] : []),
		...(recipient.learnerId ? [hashedIdentity('identifier', recipient.learnerId)] : []),
	];
	return {
		'@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
		id: credentialId,
		type: ['VerifiableCredential', 'OpenBadgeCredential'],
		name: achievement.name,
		issuer: {
			id: issuerDid,
			type: ['Profile'],
			name: request.issuer.name,
			...(request.issuer.url ? { url: request.issuer.url } : {}),
		},
		validFrom: request.issuedOn,
		...(request.expiresOn ? { validUntil: request.expiresOn } : {}),
		credentialSubject: {
			type: ['AchievementSubject'],
			identifier,
			...(request.creditsEarned !== undefined ? { creditsEarned: request.creditsEarned } : {}),
			achievement: {
				id: achievement.id ?? achievementIdOf(issuerDid, achievement.name),
				type: ['Achievement'],
				...(achievement.achievementType ? { achievementType: achievement.achievementType } : {}),
				name: achievement.name,
				description: achievement.description,
				criteria: {
					narrative: achievement.criteria,
					...(achievement.criteriaUrl ? { id: achievement.criteriaUrl } : {}),
				},
				...(achievement.image ? { image: { id: achievement.image, type: 'Image' } } : {}),
			},
		},
		...(request.evidenceUrl ? { evidence: [{ id: request.evidenceUrl, type: ['Evidence'] }] } : {}),
		...(statusEntries.length > 0
			? {
					credentialStatus:
						statusEntries.length === 1
							? statusEntryOf(statusEntries[0])
							: statusEntries.map(statusEntryOf),
				}
			: {}),
	};
}
