import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import {
	credentialLedgerSigningKeyTest,
	credentialLedgerPostgresTest,
} from '../CredentialLedger/methods/credentialTest';
import { OPERATION_SUBTITLE } from '../kit/node-description';
import { router } from './actions/router';
import { properties } from './description';
import { issuerOf } from './transport/issuer';

/** Loads the key and derives the DID: what a badge would say its issuer is. */
async function openBadgeIssuerTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const issuer = await issuerOf(credential.data ?? {});
		return { status: 'OK', message: `Badges will be issued by ${issuer.key.did}` };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}

export class OpenBadge implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Open Badge',
		name: 'openBadge',
		icon: { light: 'file:openBadge.svg', dark: 'file:openBadge.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: OPERATION_SUBTITLE,
		description:
			'Issue, revoke and verify self-signed Open Badges 3.0 credentials, exactly once through the Credential Ledger',
		defaults: { name: 'Open Badge' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'openBadgeIssuerApi', required: true, testedBy: 'openBadgeIssuerTest' },
			{
				name: 'credentialLedgerSigningApi',
				required: true,
				testedBy: 'credentialLedgerSigningKeyTest',
			},
			{
				name: 'credentialLedgerPostgresApi',
				required: true,
				testedBy: 'credentialLedgerPostgresTest',
				displayOptions: { show: { storage: ['postgres'] } },
			},
		],
		properties,
	};

	methods = {
		credentialTest: {
			openBadgeIssuerTest,
			credentialLedgerSigningKeyTest,
			credentialLedgerPostgresTest,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
