import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { ED25519_KEY_HINT, privateKeyProperty } from './shared/private-key-property';

/**
 * The key that signs every ledger entry. Not an HTTP credential: the Credential Ledger node
 * tests it by parsing the key (see the node's credentialTest), and it never leaves the node.
 */
export class CredentialLedgerSigningApi implements ICredentialType {
	name = 'credentialLedgerSigningApi';

	displayName = 'Credential Ledger Signing Key API';

	icon: Icon = {
		light: 'file:../nodes/CredentialLedger/credentialLedger.svg',
		dark: 'file:../nodes/CredentialLedger/credentialLedger.dark.svg',
	};

	documentationUrl =
		'https://github.com/certificate-delivery/n8n-nodes-certificate-delivery/blob/main/docs/credentials/CredentialLedgerSigningApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Algorithm',
			name: 'algorithm',
			type: 'options',
			options: [
				{
					name: 'Ed25519 (Public Key Verifiable)',
					value: 'ed25519',
					description: 'Auditors verify exports with the public key alone',
				},
				{
					name: 'HMAC-SHA256 (Shared Secret)',
					value: 'hmac-sha256',
					description: 'Whoever verifies needs the secret itself',
				},
			],
			default: 'ed25519',
		},
		privateKeyProperty({
			displayName: 'Private Key (PEM)',
			description: `An Ed25519 private key in PKCS#8 PEM, ${ED25519_KEY_HINT}`,
			displayOptions: { show: { algorithm: ['ed25519'] } },
		}),
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'At least 16 bytes; 32 random bytes recommended, e.g. from <code>openssl rand -hex 32</code>',
			displayOptions: { show: { algorithm: ['hmac-sha256'] } },
		},
		{
			displayName: 'Key ID',
			name: 'keyId',
			type: 'string',
			default: '',
			placeholder: 'ledger-2026',
			description:
				'Names the key in every entry (1-64 letters, digits or . _ : -). Required for HMAC; for Ed25519 it defaults to the public key fingerprint. Give a new key a new ID.',
		},
		{
			displayName: 'Retired Keys',
			name: 'retiredSecrets',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			placeholder:
				'[{ "keyId": "ledger-2025", "algorithm": "ed25519", "publicKey": "-----BEGIN PUBLIC KEY-----..." }]',
			description:
				'Keys used before a rotation, so Verify still checks older entries: a JSON array of { keyId, algorithm: "ed25519", publicKey } or { keyId, algorithm: "hmac-sha256", secret }',
		},
		{
			displayName: 'Evidence Encryption Key',
			name: 'evidenceSecretKeys',
			type: 'string',
			typeOptions: { password: true, rows: 3 },
			default: '',
			description:
				'Optional: encrypts private evidence (names, emails, raw events) at rest with AES-256-GCM. Base64 of 32 random bytes, e.g. from <code>openssl rand -base64 32</code>. To rotate, put the new key on the first line and keep older ones on the lines below: the first line encrypts, every line decrypts. Empty: evidence is stored as plain JSON.',
		},
	];
}
