import type { INodeProperties } from 'n8n-workflow';

/** Where the ledger lives: a folder in n8n's user folder, or PostgreSQL; shared with Open Badge. */
export const storage: INodeProperties[] = [
	{
		displayName: 'Storage',
		name: 'storage',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Embedded (Folder on This Server)',
				value: 'embedded',
				description:
					'No database needed; for one n8n instance in regular mode (refused in queue mode)',
			},
			{
				name: 'Postgres',
				value: 'postgres',
				description: 'For queue mode and several instances: every worker shares one chain',
			},
		],
		default: 'embedded',
	},
	{
		displayName: 'Folder Path',
		name: 'folderPath',
		type: 'string',
		default: '',
		placeholder: '/home/node/.n8n-files/credential-ledger',
		description:
			"Where the ledger is kept. Empty: credential-ledger in n8n's own folder (&lt;N8N_USER_FOLDER or home&gt;/.n8n), the one place there this node may use. Any other folder must pass n8n's file restrictions, as in the Read/Write Files node, so give an absolute path (a relative one is taken from n8n's folder). A folder belongs to the signing key that created it.",
		displayOptions: { show: { storage: ['embedded'] } },
	},
	{
		displayName: 'Table Prefix',
		name: 'tablePrefix',
		type: 'string',
		default: 'credential_ledger',
		description: 'Tables &lt;prefix&gt;_entries, _head and _evidence are created on first use',
		displayOptions: { show: { storage: ['postgres'] } },
	},
	{
		displayName: 'Schema',
		name: 'schema',
		type: 'string',
		default: '',
		placeholder: 'public',
		description: "Leave empty for the connection's search path",
		displayOptions: { show: { storage: ['postgres'] } },
	},
];
