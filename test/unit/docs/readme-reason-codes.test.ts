import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CREDIT_REASON_CODES } from '../../../nodes/core/domain/credit';
import { REASON_CODES } from '../../../nodes/core/domain/rules';

// Reason codes are a public interface: each README table must list exactly the codes the code
// can produce, the completion codes with the outcome they lead to, the credit codes with whether
// they send a decision to review.
const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
const OUTCOME_LABEL = {
	verified: 'Verified (informational)',
	needs_review: 'Needs Review',
	not_eligible: 'Not Eligible',
} as const;

/** The text under a heading, up to the next heading of the same or a higher level. */
function section(heading: string): string {
	const level = /^#+/.exec(heading)?.[0].length ?? 2;
	const start = readme.indexOf(`\n${heading}\n`);
	if (start < 0) throw new Error(`README has no "${heading}" section`);
	const rest = readme.slice(start + heading.length + 2);
	const next = rest.search(new RegExp(`^#{1,${level}} `, 'm'));
	return next < 0 ? rest : rest.slice(0, next);
}

function documentedRows(text: string): Map<string, string> {
	const rows = new Map<string, string>();
	for (const match of text.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)) {
		rows.set(match[1], match[2].trim());
	}
	return rows;
}

describe('README reason-code table (completion)', () => {
	const rows = documentedRows(section('## Reason codes'));

	it.each(Object.entries(REASON_CODES))('documents %s with its outcome', (code, info) => {
		expect(rows.get(code)).toBe(OUTCOME_LABEL[info.outcome]);
	});

	it('documents no code the rules cannot produce', () => {
		expect([...rows.keys()].sort()).toEqual(Object.keys(REASON_CODES).sort());
	});
});

describe('README reason-code table (CPE credit)', () => {
	const rows = documentedRows(section('### CPE credit reason codes'));

	it.each(Object.entries(CREDIT_REASON_CODES))(
		'documents %s and whether it asks for review',
		(code, info) => {
			expect(rows.get(code)).toBe(info.review ? 'yes' : 'no');
		},
	);

	it('documents no code the credit engine cannot produce', () => {
		expect([...rows.keys()].sort()).toEqual(Object.keys(CREDIT_REASON_CODES).sort());
	});

	it('keeps credit codes out of the completion table and the other way round', () => {
		const completion = new Set(Object.keys(REASON_CODES));
		expect(Object.keys(CREDIT_REASON_CODES).filter((code) => completion.has(code))).toEqual([]);
	});
});
