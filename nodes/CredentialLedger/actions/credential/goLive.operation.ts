import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { checkGoLiveSettings } from '../../../core/domain/ledger';
import { updateDisplayOptions } from '../../../kit/display-options';
import { optionalText } from '../../../kit/text';
import { actorOf } from '../../helpers/items';
import type { OpenedLedger } from '../../transport/open-ledger';
import { entryResult, keyParameter, keyProperty } from './key.property';

const before = { show: { goLiveStep: ['beforeIssuing'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Step',
		name: 'goLiveStep',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Before Issuing',
				value: 'beforeIssuing',
				description:
					'Put it before Reserve. Shadow: records the credential that would be issued (a would_issue entry) and answers goLive.issue = false; other modes answer true and write nothing.',
			},
			{
				name: 'After Issuing',
				value: 'afterIssuing',
				description:
					'Put it after Record Outcome: Issued. Assisted: the first N issuances open a review (check within 4 h); monitored: a sampled share goes to the spot-check list.',
			},
		],
		default: 'beforeIssuing',
	},
	{ ...keyProperty, description: 'The key the decision was recorded or reserved under' },
	{
		displayName: 'Go-Live Mode',
		name: 'goLiveMode',
		type: 'string',
		default: 'full',
		required: true,
		placeholder: "={{ $('Settings').first().json.goLiveMode }}",
		description:
			'Shadow, assisted, monitored or full: read it from the one Settings node so every step of the run agrees',
	},
	{
		displayName: 'Assisted: First N Issuances to Review',
		name: 'assistedFirstN',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 50,
		description:
			'In assisted mode, how many issuances (counted over the whole ledger) a person checks',
	},
	{
		displayName: 'Monitored: Spot-Check Share (%)',
		name: 'monitoredSampleRate',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100 },
		default: 10,
		description: 'In monitored mode, the share of issuances that goes to the spot-check list',
	},
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'accredible',
		description: 'The platform that would issue it (recorded in shadow mode)',
		displayOptions: before,
	},
	{
		displayName: 'Credential Template',
		name: 'credentialTemplate',
		type: 'string',
		default: '',
		description: 'The credential template that would be issued (recorded in shadow mode)',
		displayOptions: before,
	},
	{
		displayName: 'Actor',
		name: 'actor',
		type: 'string',
		default: '',
		description: 'Who writes the entry, as the chain records it; defaults to this workflow',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['goLive'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ ledger }: OpenedLedger,
	item: INodeExecutionData,
): Promise<IDataObject> {
	const param = (name: string) => this.getNodeParameter(name, itemIndex, undefined) as unknown;
	const settings = checkGoLiveSettings({
		mode: param('goLiveMode'),
		assistedFirstN: param('assistedFirstN'),
		monitoredSampleRate: param('monitoredSampleRate'),
	});
	const key = keyParameter.call(this, itemIndex);
	const actor = actorOf.call(this, param('actor'));
	const result =
		param('goLiveStep') === 'afterIssuing'
			? await ledger.goLiveAfterIssuing(key, settings, { actor })
			: await ledger.goLiveBeforeIssuing(
					key,
					settings,
					{
						platform: optionalText(param('platform')) ?? '',
						credentialTemplate: optionalText(param('credentialTemplate')),
					},
					{ actor },
				);
	const { entry, ...rest } = result;
	const goLive = { ...rest, ...(entry ? { ledger: entryResult(entry) } : {}) };
	return { ...item.json, goLive: goLive as IDataObject };
}
