// The ledger of a running single-process n8n, opened by the test beside it: tests seed entries
// and read what the templates wrote. The embedded store's folder lock serialises the two
// processes; entries are signed with the demo signing key the instance's credential holds.
import * as path from 'path';
import { CredentialLedger, ed25519Signer } from '../../../nodes/core/domain/ledger';
import { EmbeddedStore } from '../../../nodes/core/integrations/ledger-storage';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const demo = require('../../simulators/n8n-credentials.js') as {
	demoCredentials(
		urls: Record<string, string>,
	): Array<{ name: string; data: Record<string, string> }>;
};

export async function openLedgerBeside(
	userFolder: string,
	simulatorUrls: Record<string, string>,
): Promise<{ store: EmbeddedStore; ledger: CredentialLedger }> {
	const key = demo
		.demoCredentials(simulatorUrls)
		.find((c) => c.name === 'Credential Ledger signing key')!;
	const store = await EmbeddedStore.open({
		folder: path.join(userFolder, '.n8n', 'credential-ledger'),
		signer: ed25519Signer({ privateKeyPem: key.data.privateKey, keyId: key.data.keyId }),
	});
	return { store, ledger: new CredentialLedger({ store }) };
}
