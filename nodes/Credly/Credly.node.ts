import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { OPERATION_SUBTITLE, resourceProperty } from '../kit/node-description';
import * as badge from './actions/badge/Badge.resource';
import * as badgeTemplate from './actions/badgeTemplate/BadgeTemplate.resource';
import { router } from './actions/router';
import { getActiveBadgeTemplates } from './methods/loadOptions';

export class Credly implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Credly',
		name: 'credly',
		icon: { light: 'file:credly.svg', dark: 'file:credly.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: OPERATION_SUBTITLE,
		description: 'Issue, revoke and replace Credly badges, exactly once per recipient and template',
		defaults: { name: 'Credly' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'credlyApi', required: true }],
		properties: [
			resourceProperty(
				[
					{ name: 'Badge', value: 'badge' },
					{ name: 'Badge Template', value: 'badgeTemplate' },
				],
				'badge',
			),
			...badge.description,
			...badgeTemplate.description,
		],
	};

	methods = { loadOptions: { getActiveBadgeTemplates } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
