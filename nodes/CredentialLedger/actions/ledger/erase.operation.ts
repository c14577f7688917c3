import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OpenedLedger } from '../../transport/open-ledger';
import {
	DEFAULT_RETENTION_DAYS,
	retentionCutoffs,
	retentionDaysOf,
} from '../../../core/domain/ledger';
import { updateDisplayOptions } from '../../../kit/display-options';
import { optionalText } from '../../../kit/text';
import { actorOf } from '../../helpers/items';

const properties: INodeProperties[] = [
	{
		// The name predates record kinds: a value set when it covered all evidence still applies.
		displayName: 'Course Credential Retention (Days)',
		name: 'retentionDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 2557,
		description:
			'Private evidence of a course credential recorded more than this many days ago is deleted. 2557 days = 7 years (the audit-trail period of the operations playbook), leap days included. The chain keeps its hashes and still verifies.',
	},
	{
		displayName: 'CPE Record Retention (Days)',
		name: 'cpeRetentionDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1827,
		description:
			'The same for CPE records: credentials whose decision carries credits (CPE Credit) or whose Issued entry lists credits. 1827 days = 5 years from program completion (NASBA, Texas 22 TAC 523.143), leap days included; South Dakota asks 4 years.',
	},
	{
		displayName: 'Actor',
		name: 'actor',
		type: 'string',
		default: '',
		description: 'Who erases, as the chain records it; empty means this workflow',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['ledger'], operation: ['erase'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	opened: OpenedLedger,
): Promise<{ json: IDataObject }> {
	const days = retentionDaysOf({
		courseCredential: Number(
			this.getNodeParameter('retentionDays', 0, DEFAULT_RETENTION_DAYS.courseCredential),
		),
		cpeRecord: Number(
			this.getNodeParameter('cpeRetentionDays', 0, DEFAULT_RETENTION_DAYS.cpeRecord),
		),
	});
	const now = new Date().toISOString();
	const report = await opened.ledger.erasePersonalData({
		retentionDays: days,
		now,
		actor: actorOf.call(this, optionalText(this.getNodeParameter('actor', 0, ''))),
	});
	const json = { ...report, olderThan: retentionCutoffs(now, days), retentionDays: days };
	return { json: json as unknown as IDataObject };
}
