import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import {
	fieldsTable,
	renderFieldPages,
	shippedNames,
	type DocumentedProperty,
} from '../../../scripts/docs/field-tables';

// The Fields table of each credential page is generated from the credential's own properties
// (`npm run docs`); the node pages are checked against the built nodes in test/nodes/docs-fields.
const ROOT = join(__dirname, '../../..');

function sourceOf(fileName: string): string {
	const found: string[] = [];
	const visit = (dir: string) => {
		for (const entry of readdirSync(dir)) {
			const full = join(dir, entry);
			if (statSync(full).isDirectory()) visit(full);
			else if (entry === fileName) found.push(full);
		}
	};
	visit(join(ROOT, 'credentials'));
	visit(join(ROOT, 'nodes'));
	if (found.length !== 1) throw new Error(`expected one ${fileName}, found ${found.length}`);
	return found[0];
}

describe('credential pages: Fields tables', () => {
	it('are what npm run docs writes from the credentials', async () => {
		const properties: Record<string, readonly object[]> = {};
		for (const name of shippedNames(ROOT).credentials) {
			const module = (await import(sourceOf(`${name}.credentials.ts`))) as Record<
				string,
				new () => { properties: object[] }
			>;
			properties[name] = new module[name]().properties;
		}
		const stale = renderFieldPages('credentials', properties, ROOT)
			.filter((page) => page.current !== page.expected)
			.map((page) => `${page.file}: the Fields table differs from the code: run npm run docs`);
		expect(stale).toEqual([]);
	});
});

describe('fieldsTable', () => {
	const properties: DocumentedProperty[] = [
		{
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			default: 'fast',
			options: [
				{ name: 'Fast', value: 'fast' },
				{ name: 'Careful', value: 'careful' },
			],
		},
		{
			displayName: 'Course ID',
			name: 'courseId',
			type: 'string',
			required: true,
			default: '={{ $json.course.id }}',
			description: 'Exact id | as sent',
			displayOptions: { show: { mode: ['careful'] } },
		},
		{ displayName: 'Secret', name: 'secret', type: 'hidden', default: 'x' },
		{ displayName: 'Notify', name: 'notify', type: 'boolean', default: true },
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			default: {},
			options: [
				{
					displayName: 'Folder',
					name: 'folder',
					type: 'string',
					default: '',
					description: 'Empty: &lt;home&gt;/ledger, <code>chain.jsonl</code>',
				} as never,
			],
		},
		{ displayName: 'Rules', name: 'rules', type: 'string', default: 'a\nb' },
	];

	it('names defaults and conditions as the editor shows them, and skips hidden fields', () => {
		expect(fieldsTable(properties).split('\n')).toEqual([
			'| Field | Default | Shown when | What it is for |',
			'|---|---|---|---|',
			'| Mode | Fast | always | Choices: Fast, Careful. |',
			'| Course ID (required) | `{{ $json.course.id }}` | Mode: Careful | Exact id \\| as sent |',
			'| Notify | on | always |  |',
			'| Options | – | always |  |',
			'| Options → Folder | – | – | Empty: `<home>`/ledger, `chain.jsonl` |',
			'| Rules | (see the node) | always |  |',
		]);
	});
});
