import Ajv2019, { type ValidateFunction } from 'ajv/dist/2019';
import addFormats from 'ajv-formats';

import schema from './assets/ob_v3p0_achievementcredential_schema.json';

const MAX_PROBLEMS = 5;
let validate: ValidateFunction | undefined;

/**
 * Complaints of 1EdTech's OB 3.0 AchievementCredential JSON Schema about a credential (empty
 * when it conforms), each naming the path; compiled once, on first use.
 */
export function openBadgeSchemaProblems(credential: unknown): string[] {
	if (!validate) {
		const ajv = new Ajv2019({ allErrors: true, strict: false });
		addFormats(ajv);
		validate = ajv.compile(schema);
	}
	if (validate(credential)) return [];
	return (validate.errors ?? [])
		.slice(0, MAX_PROBLEMS)
		.map((e) =>
			`OB 3.0 schema: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}`.slice(0, 300),
		);
}
