import { parse as parseYaml } from 'yaml';

import { findReservedKey, reservedKeyMessage } from '../../core/domain/safe-keys';

/**
 * JSON or YAML text to a value; YAML 1.2 is a superset of JSON, so one parser reads both. Keys
 * such as __proto__ are refused with their path: the sessions and policies are copied into
 * plain objects later.
 */
export function parseStructuredText(
	text: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
	let value: unknown;
	try {
		value = parseYaml(text) as unknown;
	} catch (error) {
		return { ok: false, message: `is not valid JSON or YAML (${(error as Error).message})` };
	}
	const reserved = findReservedKey(value);
	return reserved === undefined
		? { ok: true, value }
		: { ok: false, message: reservedKeyMessage(reserved) };
}
