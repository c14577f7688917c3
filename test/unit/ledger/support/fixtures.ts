import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CredentialLedger, hmacSigner, type LedgerSigner } from '../../../../nodes/core/domain/ledger';
import { EmbeddedStore, type EmbeddedStoreOptions } from '../../../../nodes/core/integrations/ledger-storage';

export const SECRET = 'dummy-test-hmac-0123456789abcdef';
export const RULE_HASH = 'a'.repeat(64);

export function testSigner(keyId = 'k1', secret = SECRET): LedgerSigner {
	return hmacSigner({ keyId, secret });
}

export function decision(
	learnerId = 'L-1',
	courseId = 'C-101',
	extra: Record<string, unknown> = {},
) {
	return {
		subject: {
			learnerId,
			courseId,
			source: 'moodle',
			businessKey: `moodle:${learnerId}:${courseId}`,
		},
		outcome: 'verified',
		reasons: [{ code: 'ALL_CRITERIA_MET', detail: 'score 92 >= 80' }],
		dataPoints: { score: 92, passingScore: 80 },
		ruleSetId: 'rules-1',
		ruleVersion: '3',
		ruleHash: RULE_HASH,
		decidedAt: '2026-01-05T10:00:00.000Z',
		...extra,
	};
}

const folders: string[] = [];

export function tempFolder(prefix = 'ledger-'): string {
	const folder = mkdtempSync(join(tmpdir(), prefix));
	folders.push(folder);
	return folder;
}

export function removeTempFolders(): void {
	for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

export interface OpenedLedger {
	ledger: CredentialLedger;
	store: EmbeddedStore;
	folder: string;
}

/** A ledger in a fresh folder; `write` durability keeps unit tests fast (fsync is tested apart). */
export async function openTestLedger(
	options: Partial<EmbeddedStoreOptions> & { clock?: () => Date } = {},
): Promise<OpenedLedger> {
	const folder = options.folder ?? tempFolder();
	const store = await EmbeddedStore.open({
		folder,
		signer: options.signer ?? testSigner(),
		durability: options.durability ?? 'write',
		...options,
	});
	const ledger = new CredentialLedger({ store, clock: options.clock });
	return { ledger, store, folder };
}

export const ISSUED = {
	platform: 'accredible',
	externalId: 'cred-1',
	url: 'https://example.org/c/1',
};
