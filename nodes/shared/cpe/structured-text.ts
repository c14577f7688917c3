import { parse as parseYaml } from 'yaml';

/** JSON or YAML text to a value; YAML 1.2 is a superset of JSON, so one parser reads both. */
export function parseStructuredText(
	text: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
	try {
		return { ok: true, value: parseYaml(text) as unknown };
	} catch (error) {
		return { ok: false, message: `is not valid JSON or YAML (${(error as Error).message})` };
	}
}
