import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { issueJson } from '../../../kit/issuing/credential-output';
import { updateDisplayOptions } from '../../../kit/display-options';
import type { CertifierRun } from '../context';
import { checkGroupOption, newCredentialProperties, newCredentialRequest } from './common';

const properties: INodeProperties[] = [
	...newCredentialProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'API Calls',
				name: 'apiCalls',
				type: 'options',
				default: 'threeStep',
				options: [
					{
						name: 'Three Calls (Create, Issue, Send)',
						value: 'threeStep',
						description: 'Safest: after a lost answer the next try finds the draft and finishes it',
					},
					{
						name: 'One Call (Create-Issue-Send)',
						value: 'singleCall',
						description: 'Fewer requests; always emails the recipient',
					},
				],
			},
			checkGroupOption,
			{
				displayName: 'Send Email',
				name: 'sendEmail',
				type: 'boolean',
				default: true,
				description:
					'Whether Certifier emails the credential to the recipient (three calls only; one call always sends)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['create'] } },
	properties,
);

/**
 * Create, issue and send exactly once. Certifier has no duplicate rule of its own, so the
 * recipient's credential of the group is looked up before creating and before every retry; an
 * existing one comes back with alreadyIssued: true.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: CertifierRun,
): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const request = await newCredentialRequest.call(
		this,
		itemIndex,
		run,
		options.sendEmail !== false,
	);
	const client = await run.client(options.apiCalls === 'singleCall' ? 'single-call' : 'three-step');
	return issueJson(await client.issue(request));
}
