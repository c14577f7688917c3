import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { OPERATION_SUBTITLE, resourceProperty } from '../kit/node-description';
import * as credential from './actions/credential/Credential.resource';
import * as group from './actions/group/Group.resource';
import { router } from './actions/router';
import { getGroups } from './methods/loadOptions';

export class Certifier implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Certifier',
		name: 'certifier',
		icon: { light: 'file:certifier.svg', dark: 'file:certifier.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: OPERATION_SUBTITLE,
		description:
			'Create, issue and send Certifier credentials exactly once; expire, update or delete them',
		defaults: { name: 'Certifier' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'certifierApi', required: true }],
		properties: [
			resourceProperty(
				[
					{ name: 'Credential', value: 'credential' },
					{ name: 'Group', value: 'group' },
				],
				'credential',
			),
			...credential.description,
			...group.description,
		],
	};

	methods = { loadOptions: { getGroups } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
