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
import { loadOptions } from './methods';

export class Accredible implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Accredible',
		name: 'accredible',
		icon: { light: 'file:accredible.svg', dark: 'file:accredible.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: OPERATION_SUBTITLE,
		description:
			'Issue Accredible credentials exactly once, and read, search, correct, expire or delete them',
		defaults: { name: 'Accredible' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'accredibleApi', required: true }],
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

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
