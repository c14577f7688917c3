import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';

import schema from '../../../../nodes/core/domain/open-badges/assets/ob_v3p0_achievementcredential_schema.json';

const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The 1EdTech OB 3.0 AchievementCredential JSON Schema's complaints; empty when valid. */
export function schemaErrors(credential: unknown): string[] {
	if (validate(credential)) return [];
	return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
