import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { REASON_CODES } from '../../../nodes/credentialing/rules';

// Reason codes are a public interface: the README table must list exactly the codes the code
// can produce, each with the outcome it leads to.
const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
const OUTCOME_LABEL = {
	verified: 'Verified (informational)',
	needs_review: 'Needs Review',
	not_eligible: 'Not Eligible',
} as const;

function documentedRows(): Map<string, string> {
	const rows = new Map<string, string>();
	for (const match of readme.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)) {
		rows.set(match[1], match[2].trim());
	}
	return rows;
}

describe('README reason-code table', () => {
	const rows = documentedRows();

	it.each(Object.entries(REASON_CODES))('documents %s with its outcome', (code, info) => {
		expect(rows.get(code)).toBe(OUTCOME_LABEL[info.outcome]);
	});

	it('documents no code the rules cannot produce', () => {
		expect([...rows.keys()].sort()).toEqual(Object.keys(REASON_CODES).sort());
	});
});
