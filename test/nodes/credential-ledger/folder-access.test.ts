// Folder Path obeys n8n's file restrictions (only the default folder may sit inside n8n's own
// folder), and a folder belongs to the signing key that created it: another workflow's key can
// neither read, export nor erase it. The node-test setup allows the temp folder through
// N8N_RESTRICT_FILE_ACCESS_TO (see pinned-n8n.ts).
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

import { generateEd25519KeyPair } from '../../../nodes/core/domain/ledger';
import {
	RESERVE,
	RESERVE_PARAMS,
	completionItem,
	ed25519Key,
	issuedLedger,
	runLedger,
} from '../support/credential-ledger';
import { REPO_ROOT } from '../support/pinned-n8n';

// In the repository, whose test/fixtures alone the node tests allow.
const OUTSIDE = path.join(REPO_ROOT, '.ledger-outside-allowed-folders');
afterAll(() => rmSync(OUTSIDE, { recursive: true, force: true }));

const n8nFolder = () => path.join(process.env.N8N_USER_FOLDER ?? '', '.n8n');
const STRANGER = ed25519Key('stranger-key', generateEd25519KeyPair().privateKeyPem);

/** Every file of the folder with its bytes and modification time. */
function snapshot(folder: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
		const file = path.join(entry.parentPath, entry.name);
		if (entry.isFile()) out[file] = `${statSync(file).mtimeMs}|${readFileSync(file, 'base64')}`;
	}
	return out;
}

describe('Folder Path: n8n file restrictions', () => {
	test.each([
		["a folder inside n8n's own folder", () => path.join(n8nFolder(), 'other-ledger')],
		["a relative path (taken from n8n's folder)", () => 'nodes'],
		['.. out of the default folder', () => path.join(n8nFolder(), 'credential-ledger', '..', 'x')],
		['a folder outside N8N_RESTRICT_FILE_ACCESS_TO', () => OUTSIDE],
	])('%s is refused and not created', async (_name, folderOf) => {
		const folder = folderOf();
		const run = await runLedger({ folder, items: [completionItem()], parameters: RESERVE_PARAMS });
		expect(run.error?.message).toMatch(/Folder Path: access to .* is not allowed/);
		const absolute = path.isAbsolute(folder) ? folder : path.join(n8nFolder(), folder);
		expect(existsSync(path.join(absolute, 'chain.jsonl'))).toBe(false);
	});

	test("the default folder, inside n8n's folder, keeps working", async () => {
		const defaultFolder = path.join(n8nFolder(), 'credential-ledger');
		try {
			const run = await runLedger({
				folder: '',
				items: [completionItem()],
				parameters: RESERVE_PARAMS,
			});
			expect(run.error).toBeUndefined();
			expect(run.outputs[RESERVE.new]).toHaveLength(1);
			expect(existsSync(path.join(defaultFolder, 'chain.jsonl'))).toBe(true);
			// The default folder is shared by every workflow of the instance: it too is bound to its key.
			const stranger = await runLedger({
				folder: '',
				items: [{}],
				parameters: { resource: 'ledger', operation: 'export', format: 'jsonl' },
				signing: STRANGER,
			});
			expect(stranger.error?.message).toMatch(/belongs to another signing key/);
		} finally {
			rmSync(defaultFolder, { recursive: true, force: true });
		}
	});
});

describe('a ledger folder is bound to its signing key', () => {
	test.each([
		['Export', { resource: 'ledger', operation: 'export', format: 'jsonl' }],
		['Erase Personal Data', { resource: 'ledger', operation: 'erase', retentionDays: 0 }],
		['Reserve', RESERVE_PARAMS],
	])(
		'%s with another key is refused and nothing in the folder changes',
		async (_name, parameters) => {
			const folder = await issuedLedger();
			const before = snapshot(folder);
			const run = await runLedger({
				folder,
				items: [completionItem()],
				parameters,
				signing: STRANGER,
			});
			expect(run.error?.message).toMatch(/belongs to another signing key/);
			expect(snapshot(folder)).toEqual(before);
		},
	);
});
