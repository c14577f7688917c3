import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CREDIT_REASON_CODES } from '../../../nodes/core/domain/credit';
import { REASON_CODES } from '../../../nodes/core/domain/rules';
import {
	findRegistryFiles,
	renderPages,
	replaceBetweenMarkers,
	TABLES,
} from '../../../scripts/docs/reason-code-tables';

// Reason codes are a public interface: the tables in the node docs are generated from the
// registries the code decides with, and must be committed exactly as `npm run docs` writes them.
const ROOT = join(__dirname, '../../..');
const registries = { REASON_CODES, CREDIT_REASON_CODES };
const OUTCOME_LABEL = {
	verified: 'Verified (informational)',
	needs_review: 'Needs Review',
	not_eligible: 'Not Eligible',
} as const;

/** code → first column after the code, from the rows of a committed Markdown table. */
function documentedRows(file: string): Map<string, string> {
	const rows = new Map<string, string>();
	const text = readFileSync(join(ROOT, file), 'utf8');
	for (const match of text.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)) {
		rows.set(match[1], match[2].trim());
	}
	return rows;
}

describe('generated reason-code tables', () => {
	it.each(renderPages(registries).map((page) => [page.file, page] as const))(
		'%s is up to date',
		(file, page) => {
			if (page.current !== page.expected) {
				throw new Error(`${file}: the reason-code table differs from the code: run npm run docs`);
			}
		},
	);

	it('lists every completion code with the outcome it leads to, and no other', () => {
		const rows = documentedRows('docs/nodes/VerifyCompletion.md');
		for (const [code, info] of Object.entries(REASON_CODES)) {
			expect([code, rows.get(code)]).toEqual([code, OUTCOME_LABEL[info.outcome]]);
		}
		expect([...rows.keys()].sort()).toEqual(Object.keys(REASON_CODES).sort());
	});

	it('lists every credit code with whether it asks for review, and no other', () => {
		const rows = documentedRows('docs/nodes/CpeCredit.md');
		for (const [code, info] of Object.entries(CREDIT_REASON_CODES)) {
			expect([code, rows.get(code)]).toEqual([code, info.review ? 'yes' : 'no']);
		}
		expect([...rows.keys()].sort()).toEqual(Object.keys(CREDIT_REASON_CODES).sort());
	});

	it('keeps credit codes and completion codes apart', () => {
		const completion = new Set(Object.keys(REASON_CODES));
		expect(Object.keys(CREDIT_REASON_CODES).filter((code) => completion.has(code))).toEqual([]);
	});

	it('notices a stale table: an edited description no longer matches', () => {
		const edited = {
			...registries,
			REASON_CODES: {
				...REASON_CODES,
				SCORE_MET: { ...REASON_CODES.SCORE_MET, description: 'Reworded.' },
			},
		};
		const page = renderPages(edited).find((p) => p.file.endsWith('VerifyCompletion.md'));
		expect(page?.expected).not.toBe(page?.current);
		expect(page?.expected).toContain('| `SCORE_MET` | Verified (informational) | Reworded. |');
	});

	it('refuses a page without its markers, naming the file and the markers', () => {
		expect(() =>
			replaceBetweenMarkers('# No table here\n', 'reason-codes:cpe-credit', '| x |', 'page.md'),
		).toThrow(
			'page.md needs exactly one "<!-- reason-codes:cpe-credit:start -->" followed by "<!-- reason-codes:cpe-credit:end -->"',
		);
	});

	it('finds the registries `npm run docs` loads without a build', () => {
		const files = findRegistryFiles(ROOT);
		expect(Object.keys(files).sort()).toEqual(TABLES.map((t) => t.registry).sort());
		for (const [registry, file] of Object.entries(files)) {
			expect(readFileSync(file, 'utf8')).toContain(`export const ${registry} `);
		}
	});
});
