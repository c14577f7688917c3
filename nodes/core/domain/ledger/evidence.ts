import { randomBytes } from 'node:crypto';

import { canonicalJson, sha256Hex } from '../canonical';
import { invalidInput } from './errors';
import { nestingIssue, type JsonObject } from './json';
import type { StoreView } from './store';

export interface SealedEvidence {
	hash: string;
	record: JsonObject;
}

/**
 * Wraps private evidence with a random salt before hashing. The hash stays on the public chain
 * forever; without the salt, a guessable value (an email, a name) could be confirmed from its
 * hash long after the evidence itself was erased.
 */
export function sealEvidence(data: unknown, field = 'evidence'): SealedEvidence {
	const tooDeep = nestingIssue(data);
	if (tooDeep) throw invalidInput('evidence', [tooDeep], field);
	let text: string;
	try {
		text = canonicalJson(data);
	} catch (error) {
		throw invalidInput('evidence', [
			{ path: field, message: (error as Error).message.replace(/^canonicalJson: /, '') },
		]);
	}
	const record: JsonObject = {
		salt: randomBytes(16).toString('hex'),
		data: JSON.parse(text) as JsonObject,
	};
	return { hash: sha256Hex(canonicalJson(record)), record };
}

export async function storeEvidence(
	view: StoreView,
	evidence: SealedEvidence | undefined,
): Promise<void> {
	if (evidence) await view.putEvidence(evidence.hash, evidence.record);
}
