import type { INodeProperties } from 'n8n-workflow';

/** Where to get a key, for every credential that asks for an Ed25519 private key. */
export const ED25519_KEY_HINT = 'e.g. from <code>openssl genpkey -algorithm ed25519</code>';

/**
 * The Ed25519 private-key field of the signing credentials (ledger entries, Open Badges): a
 * password field, required, shown as PEM. Each credential names it and says what it signs.
 */
export function privateKeyProperty(
	field: Pick<INodeProperties, 'displayName' | 'description'> & Partial<INodeProperties>,
): INodeProperties {
	return {
		name: 'privateKey',
		type: 'string',
		typeOptions: { password: true, rows: 4 },
		default: '',
		required: true,
		placeholder: '-----BEGIN PRIVATE KEY-----',
		...field,
	};
}
