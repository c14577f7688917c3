import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { ED25519_KEY_HINT, privateKeyProperty } from './shared/private-key-property';

/**
 * The organisation's Open Badges issuer: its Ed25519 signing key and how it names itself (a
 * DID). Not an HTTP credential: the Open Badge node tests it by loading the key, and the key
 * never leaves the node.
 */
export class OpenBadgeIssuerApi implements ICredentialType {
	name = 'openBadgeIssuerApi';

	displayName = 'Open Badge Issuer API';

	icon: Icon = {
		light: 'file:../nodes/OpenBadge/openBadge.svg',
		dark: 'file:../nodes/OpenBadge/openBadge.dark.svg',
	};

	documentationUrl =
		'https://github.com/certificate-delivery/n8n-nodes-certificate-delivery/blob/main/docs/credentials/OpenBadgeIssuerApi.md';

	properties: INodeProperties[] = [
		privateKeyProperty({
			displayName: 'Private Key',
			description: `The Ed25519 key badges are signed with: PKCS#8 PEM (${ED25519_KEY_HINT}) or a multibase Multikey secret starting with "z"`,
		}),
		{
			displayName: 'Issuer Identifier',
			name: 'identity',
			type: 'options',
			options: [
				{
					name: 'Did:key (From the Key)',
					value: 'key',
					description: 'Nothing to publish; a new key is a new issuer identifier',
				},
				{
					name: 'Did:web (Your Domain)',
					value: 'web',
					description:
						'Publish the DID document at https://&lt;domain&gt;/.well-known/did.json; keys can rotate under one identifier',
				},
			],
			default: 'key',
		},
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'badges.example.org',
			description: 'The host that serves /.well-known/did.json',
			displayOptions: { show: { identity: ['web'] } },
		},
		{
			displayName: 'Issuer Name',
			name: 'issuerName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Example Training Ltd',
			description: 'The organisation name every badge shows as its issuer',
		},
		{
			displayName: 'Issuer URL',
			name: 'issuerUrl',
			type: 'string',
			default: '',
			placeholder: 'https://training.example.org',
		},
	];
}
