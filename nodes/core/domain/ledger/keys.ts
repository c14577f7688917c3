import { canonicalJson, sha256Hex } from '../canonical';
import { invalidInput } from './errors';

export interface IdempotencyKeyParts {
	learnerId: string;
	templateId: string;
	courseId: string;
	/** What identifies this completion: its business key or the completion time. */
	completion: string;
}

/**
 * The default idempotency key: learner + credential template + course + completion, hashed so
 * the key (which stays on the public chain) never spells out an email or a name used as an id.
 */
export function deriveIdempotencyKey(parts: IdempotencyKeyParts): string {
	const names = ['learnerId', 'templateId', 'courseId', 'completion'] as const;
	const issues = names
		.filter((name) => typeof parts[name] !== 'string' || parts[name].trim() === '')
		.map((name) => ({ path: name, message: 'missing; expected non-empty text' }));
	if (issues.length > 0) throw invalidInput('idempotency key parts', issues);
	const { learnerId, templateId, courseId, completion } = parts;
	return `ik_${sha256Hex(canonicalJson({ learnerId, templateId, courseId, completion }))}`;
}
