import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * A PostgreSQL connection for the Credential Ledger (queue mode, several workers). Tested by the
 * node's credentialTest, which connects and runs one query.
 */
export class CredentialLedgerPostgresApi implements ICredentialType {
	name = 'credentialLedgerPostgresApi';

	displayName = 'Credential Ledger Postgres API';

	icon: Icon = {
		light: 'file:../nodes/CredentialLedger/credentialLedger.svg',
		dark: 'file:../nodes/CredentialLedger/credentialLedger.dark.svg',
	};

	documentationUrl =
		'https://github.com/certificate-delivery/n8n-nodes-certificate-delivery/blob/main/docs/credentials/CredentialLedgerPostgresApi.md';

	properties: INodeProperties[] = [
		{ displayName: 'Host', name: 'host', type: 'string', default: 'localhost' },
		{ displayName: 'Port', name: 'port', type: 'number', default: 5432 },
		{ displayName: 'Database', name: 'database', type: 'string', default: 'postgres' },
		{ displayName: 'User', name: 'user', type: 'string', default: 'postgres' },
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'SSL',
			name: 'ssl',
			type: 'options',
			options: [
				{ name: 'Disable', value: 'disable' },
				{
					name: 'Require',
					value: 'require',
					description: 'TLS with a verified server certificate',
				},
				{
					name: 'Require Without Verifying (Insecure)',
					value: 'no-verify',
					description: 'TLS, but any server certificate is accepted',
				},
			],
			default: 'disable',
		},
		{
			displayName: 'Maximum Number of Connections',
			name: 'maxConnections',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			description:
				'Per n8n process (main or worker); one pool is shared by every workflow using this credential',
		},
		{
			displayName: 'Lock Timeout (Seconds)',
			name: 'lockTimeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 0.001, numberPrecision: 3 },
			default: 10,
			description:
				"Longest wait for the ledger's head row, which one writer holds at a time. When another session (a stuck worker, an open SQL client) holds it longer, the operation fails with an error instead of waiting for ever.",
		},
		{
			displayName: 'Statement Timeout (Seconds)',
			name: 'statementTimeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 0.001, numberPrecision: 3 },
			default: 60,
			description: 'Longest run of one ledger statement before PostgreSQL cancels it',
		},
	];
}
