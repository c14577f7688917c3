import { randomBytes } from 'node:crypto';

import { canonicalJson, sha256Hex } from '../canonical';
import { invalidInput } from './errors';
import { nestingIssue, type JsonObject, type JsonValue } from './json';
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
	const salt = randomBytes(16).toString('hex');
	const record: JsonObject = Object.freeze({ salt, data: JSON.parse(text) as JsonObject });
	// The record's canonical text from the data's, without serialising the data again: keys in
	// order ("data" < "salt"), and canonical text reads back to the same canonical text.
	const recordText = `{"data":${text},"salt":${JSON.stringify(salt)}}`;
	sealedTexts.set(record, recordText);
	return { hash: sha256Hex(recordText), record };
}

/** Canonical text of the records sealEvidence made, so a store need not serialise them again. */
const sealedTexts = new WeakMap<object, string>();

/**
 * The canonical JSON of an evidence record: remembered for a record sealEvidence made (frozen,
 * its data a parse of its own that only the ledger's store receives), computed for any other.
 */
export function evidenceRecordText(record: JsonValue): string {
	const sealed = typeof record === 'object' && record !== null ? sealedTexts.get(record) : undefined;
	return sealed ?? canonicalJson(record);
}

export async function storeEvidence(
	view: StoreView,
	evidence: SealedEvidence | undefined,
): Promise<void> {
	if (evidence) await view.putEvidence(evidence.hash, evidence.record);
}
