import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

/**
 * Credential test for webhook secrets that no LMS API can check: refuses empty or
 * placeholder-short secrets, so a typo is caught before the first delivery gets a 401.
 */
export function secretFieldsTest(fields: string[], minLength = 8) {
	return async function (
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		const data = credential.data ?? {};
		for (const field of fields) {
			const value = data[field];
			if (typeof value !== 'string' || value.trim().length < minLength) {
				return {
					status: 'Error',
					message: `"${field}" must be at least ${minLength} characters; copy it from the LMS webhook settings`,
				};
			}
		}
		return { status: 'OK', message: 'The secret is set; deliveries will be checked against it' };
	};
}
