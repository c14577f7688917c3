import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { OPERATION_SUBTITLE } from '../kit/node-description';
import { readsLms } from './actions/report/lms-courses';
import { properties } from './actions/resources';
import { router } from './actions/router';
import {
	credentialLedgerPostgresTest,
	credentialLedgerSigningKeyTest,
} from './methods/credentialTest';

// Reserve routes to New / Already Issued / Pending, List Due Retries to Retry / Escalate /
// Outage; every other operation has one output.
// `||` rather than `??`: n8n 1.x's legacy expression engine does not parse `??`.
const main = (displayName: string) =>
	`{ "type": "${NodeConnectionTypes.Main}", "displayName": "${displayName}" }`;
const OUTPUTS: `={{${string}}}` = `={{ ($parameter.resource || "credential") === "credential" && ($parameter.operation || "reserve") === "reserve" ? [${main('New')}, ${main('Already Issued')}, ${main('Pending')}] : $parameter.resource === "queue" && $parameter.operation === "dueRetries" ? [${main('Retry')}, ${main('Escalate')}, ${main('Outage')}] : [{ "type": "${NodeConnectionTypes.Main}" }] }}`;

export class CredentialLedger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Credential Ledger',
		name: 'credentialLedger',
		icon: { light: 'file:credentialLedger.svg', dark: 'file:credentialLedger.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: OPERATION_SUBTITLE,
		description:
			'Issue each credential exactly once and keep a hash-chained, signed audit trail: reserve, record, revoke, verify, export',
		defaults: { name: 'Credential Ledger' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUTS,
		credentials: [
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
			// Get Configuration Drift reads the course list of one LMS.
			{ name: 'moodleApi', required: true, displayOptions: readsLms('moodle') },
			{ name: 'canvasApi', required: true, displayOptions: readsLms('canvas') },
		],
		properties,
	};

	methods = { credentialTest: { credentialLedgerSigningKeyTest, credentialLedgerPostgresTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
