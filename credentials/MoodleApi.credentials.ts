import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** A Moodle web-service token; Moodle reads it from the `wstoken` query parameter, not a header. */
export class MoodleApi implements ICredentialType {
	name = 'moodleApi';

	displayName = 'Moodle API';

	icon: Icon = { light: 'file:icons/moodle.svg', dark: 'file:icons/moodle.dark.svg' };

	documentationUrl =
		'https://github.com/certificate-delivery/n8n-nodes-certificate-delivery/blob/main/docs/credentials/MoodleApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Site URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://lms.example.edu',
			description:
				'The root of the Moodle site (without /webservice), or a Moodle-compatible server such as the local simulator (http://127.0.0.1:5711)',
		},
		{
			displayName: 'Web Service Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Site administration → Server → Web services → Manage tokens: a token for a service with the functions listed in the docs',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { qs: { wstoken: '={{$credentials.token}}' } },
	};

	// Moodle answers a bad token with HTTP 200 and an exception body, so the rules read the body.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{String($credentials.baseUrl).replace(/\\/+$/, "")}}',
			url: '/webservice/rest/server.php',
			qs: { wsfunction: 'core_webservice_get_site_info', moodlewsrestformat: 'json' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errorcode',
					value: 'invalidtoken',
					message: 'Moodle does not know this token (invalidtoken): check it under Manage tokens',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errorcode',
					value: 'accessexception',
					message:
						'Moodle refused core_webservice_get_site_info (accessexception): add it to the token’s external service',
				},
			},
		],
	};
}
