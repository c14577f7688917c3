import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { CredentialLedger } from '../../../core/domain/ledger';
import { updateDisplayOptions } from '../../../kit/display-options';
import { optionalText } from '../../../kit/text';

/** Output indexes of List Due Retries, as the node declares them. */
export const DUE_RETRIES_OUTPUT = { retry: 0, escalate: 1, outage: 2, resend: 3 } as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 3,
		description:
			'Attempts per credential, the first one included (issuing, and sending it to the learner, each counted apart). A credential whose last attempt was the last one goes to the Escalate output.',
	},
	{
		displayName: 'Retry Interval (Minutes)',
		name: 'intervalMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 5,
		description: 'How long after a failed attempt the next one is due',
	},
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'string',
		default: '',
		placeholder: 'accredible',
		description:
			'Only failures recorded for this platform (the Failed entry\'s attributes {"platform": ...}). Empty lists every platform.',
	},
	{
		displayName: 'Options',
		name: 'dueRetriesOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Stale Reservations of Unknown Platform',
				name: 'includeUnattributed',
				type: 'boolean',
				default: true,
				description:
					'Whether, with a Platform set, to list too the reservations a crashed run left before any failure named a platform. Turn off in all but one queue when several platforms share this ledger.',
			},
			{
				displayName: 'Outage After (Minutes)',
				name: 'outageMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 30,
				description:
					'A platform with no successful issue since its first failure this long ago is reported on the Outage output',
			},
			{
				displayName: 'Outage Min Credentials',
				name: 'outageMinCredentials',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 2,
				description: 'How many different credentials must be failing on it to call it an outage',
			},
			{
				displayName: 'Pending Timeout (Minutes)',
				name: 'pendingTimeoutMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 15,
				description:
					'For reservations that recorded no timeout of their own: older than this without an outcome counts as abandoned (stale) and is listed for a retry',
			},
			{
				displayName: 'Resend Unsent Credentials After (Minutes)',
				name: 'neverSentGraceMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 15,
				description:
					'An issued credential with neither Delivered nor a failed send this long after its issue (its run stopped before the email) is listed on Resend. The wait leaves the issuing run time to send it itself.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['queue'], operation: ['dueRetries'] } },
	properties,
);

/**
 * Retry, Escalate, Outage and Resend outputs, one item per credential (per platform for
 * outages). Resend lists issued credentials whose delivery failed (stage "delivery") or was
 * never attempted (neverSent: true).
 */
export async function execute(
	this: IExecuteFunctions,
	ledger: CredentialLedger,
): Promise<INodeExecutionData[][]> {
	const options = this.getNodeParameter('dueRetriesOptions', 0, {}) as IDataObject;
	const optionalNumber = (name: string) =>
		options[name] === undefined || options[name] === '' ? undefined : Number(options[name]);
	const listed = await ledger.listDueRetries({
		maxAttempts: this.getNodeParameter('maxAttempts', 0, 3) as number,
		intervalMinutes: this.getNodeParameter('intervalMinutes', 0, 5) as number,
		platform: optionalText(this.getNodeParameter('platform', 0, '')),
		outageMinutes: optionalNumber('outageMinutes'),
		outageMinCredentials: optionalNumber('outageMinCredentials'),
		pendingTimeoutMinutes: optionalNumber('pendingTimeoutMinutes'),
		neverSentGraceMinutes: optionalNumber('neverSentGraceMinutes'),
		includeUnattributed: options.includeUnattributed !== false,
	});
	const items = (list: object[]) => list.map((json) => ({ json: json as IDataObject }));
	return [items(listed.due), items(listed.escalate), items(listed.outages), items(listed.resend)];
}
