import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A Docebo API client (Admin Menu → API and SSO → API Credentials). Built on n8n's own OAuth2:
 * n8n fetches the client-credentials token from <site>/oauth2/token, stores it with the
 * credential and fetches a new one when Docebo answers 401 (expired), so no token handling
 * lives in the node.
 */
export class DoceboOAuth2Api implements ICredentialType {
	name = 'doceboOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Docebo OAuth2 API';

	icon: Icon = { light: 'file:icons/docebo.svg', dark: 'file:icons/docebo.dark.svg' };

	documentationUrl =
		'https://github.com/certificate-delivery/n8n-nodes-certificate-delivery/blob/main/docs/credentials/DoceboOAuth2Api.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Site URL',
			name: 'siteUrl',
			type: 'string',
			default: '',
			placeholder: 'https://acme.docebosaas.com',
			description:
				'Your Docebo platform address (or a Docebo-compatible API such as the local simulator)',
			required: true,
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'clientCredentials',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '={{String($self["siteUrl"]).replace(/\\/+$/, "")}}/oauth2/authorize',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{String($self["siteUrl"]).replace(/\\/+$/, "")}}/oauth2/token',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: 'api',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// Docebo's own examples send client_id and client_secret in the token request body.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.siteUrl).replace(/\\/+$/, "")}}',
			url: '/learn/v1/enrollments',
			qs: { page_size: 1 },
		},
	};
}
