import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { dashboardResponse } from '../../../core/domain/dashboard';
import type { AgreementReport, CredentialLedger } from '../../../core/domain/ledger';
import { updateDisplayOptions } from '../../../kit/display-options';
import { optionalText } from '../../../kit/text';
import { readLookups } from '../../helpers/count-lookup';
import { periodOf, periodProperties } from './period';

const properties: INodeProperties[] = [
	...periodProperties,
	{
		displayName: 'Agreement Field',
		name: 'agreementField',
		type: 'string',
		default: '',
		placeholder: 'agreement',
		description:
			'While shadow running: the input field holding the output of Get Agreement With Staff, drawn as a gauge. Empty: no agreement chart.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['report'], operation: ['dashboard'] } },
	properties,
);

function agreementOf(this: IExecuteFunctions, field: string): AgreementReport | undefined {
	const value = this.getInputData()[0]?.json[field] as IDataObject | undefined;
	const figure = (value?.metrics as IDataObject | undefined)?.agreement as IDataObject | undefined;
	if (figure && typeof value?.total === 'number') return value as unknown as AgreementReport;
	throw new NodeOperationError(
		this.getNode(),
		`The input has no agreement report in field "${field}"`,
		{
			description:
				'Put Get Agreement With Staff before this node and name its output field here, or leave Agreement Field empty.',
		},
	);
}

/** One item: the page (field "response", for Respond to Webhook), the figures and the series. */
export async function execute(
	this: IExecuteFunctions,
	ledger: CredentialLedger,
): Promise<INodeExecutionData[][]> {
	const period = periodOf.call(this);
	const [metrics] = await ledger.metrics({ ...period, groupBy: 'none' });
	const daily = await ledger.dailyVolume(period);
	const field = optionalText(this.getNodeParameter('agreementField', 0, ''));
	const agreement = field === undefined ? undefined : agreementOf.call(this, field);
	const lookups = await readLookups.call(this, ledger, period);
	const response = dashboardResponse({
		metrics,
		daily,
		agreement,
		lookups,
		generatedAt: new Date().toISOString(),
	});
	return [[{ json: { response, metrics, daily } as unknown as IDataObject }]];
}
