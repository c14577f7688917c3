import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { reconcileTable, type PlannedChange } from '../../../core/domain/ledger';
import { updateDisplayOptions } from '../../../kit/display-options';
import { fileNamePart } from '../../../kit/file-output';
import { pairedWithAll } from '../../../kit/per-item';
import { optionalText } from '../../../kit/text';
import type { OpenedLedger } from '../../transport/open-ledger';

const properties: INodeProperties[] = [
	{
		displayName: 'Event ID',
		name: 'eventId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'SPRING-CPE-2026',
		description:
			"The event being run again: the schedule's eventId. An input item of another event stops the run, naming the item.",
	},
	{
		displayName: 'Attendance File Is Complete',
		name: 'fileIsComplete',
		type: 'boolean',
		default: false,
		description:
			'Whether the input lists every attendee of the event. Only then is a certificate holder missing from it revoked; leave off for a file that carries corrections only, whose missing attendees keep their certificates.',
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to output only the planned changes: one item with a CSV and an HTML table (attendee, action, old and new credits, reason) for an organiser to check. Reconcile itself never writes to the ledger.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['credential'], operation: ['reconcileCpe'] } },
	properties,
);

/** What routes and feeds the next nodes; the `supersedes…` fields are empty unless superseding. */
function reconcileField(change: PlannedChange, eventId: string): IDataObject {
	return {
		action: change.action,
		key: change.key,
		eventId,
		attendeeId: change.attendeeId ?? '',
		attendeeName: change.attendeeName ?? '',
		certificateId: change.certificateId ?? '',
		oldCredits: change.oldCredits ?? '',
		newCredits: change.newCredits ?? '',
		supersedesKey: change.supersedes?.key ?? '',
		supersedesCertificateId: change.supersedes?.certificateId ?? '',
		supersessionReason: change.supersedes?.reason ?? '',
		reason: change.reason,
	};
}

/** One item per planned change (an attendee, or an old certificate of theirs to supersede), each with its `action`; the item CPE Credit made, evidence file kept. */
function changeItem(
	this: IExecuteFunctions,
	change: PlannedChange,
	eventId: string,
	items: INodeExecutionData[],
): INodeExecutionData {
	const reconcile = reconcileField(change, eventId);
	if (change.itemIndex === undefined) {
		// A holder missing from the file: only the ledger knows them.
		return {
			json: {
				subject: { attendeeId: change.attendeeId ?? '', eventId },
				attendeeName: change.attendeeName ?? '',
				action: change.action,
				reconcile,
			},
			pairedItem: pairedWithAll.call(this),
		};
	}
	const input = items[change.itemIndex];
	return {
		json: { ...input.json, action: change.action, reconcile },
		...(input.binary ? { binary: input.binary } : {}),
		pairedItem: { item: change.itemIndex },
	};
}

/** The dry run: one item with the table as CSV (`plan`) and as a web page (`planPage`). */
async function dryRunItem(
	this: IExecuteFunctions,
	plan: PlannedChange[],
	eventId: string,
): Promise<INodeExecutionData> {
	const table = reconcileTable(eventId, plan);
	const file = (text: string, extension: string, mimeType: string) =>
		this.helpers.prepareBinaryData(
			Buffer.from(text, 'utf8'),
			`planned-changes-${fileNamePart(eventId)}.${extension}`,
			mimeType,
		);
	return {
		json: {
			action: 'dry_run',
			eventId,
			counts: table.counts,
			changes: table.changes.map((change) => ({ ...change })),
		},
		binary: {
			plan: await file(table.csv, 'csv', 'text/csv'),
			planPage: await file(table.html, 'html', 'text/html'),
		},
		pairedItem: pairedWithAll.call(this),
	};
}

/** Runs once over every input item: a re-run is judged as a whole (missing attendees, merged ids). */
export async function execute(
	this: IExecuteFunctions,
	{ ledger }: OpenedLedger,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const eventId = optionalText(this.getNodeParameter('eventId', 0, '')) ?? '';
	const plan = await ledger.reconcileCpeEvent({
		eventId,
		rollUps: items.map((item) => item.json),
		fileIsComplete: this.getNodeParameter('fileIsComplete', 0, false) as boolean,
	});
	if (this.getNodeParameter('dryRun', 0, false) as boolean)
		return [[await dryRunItem.call(this, plan, eventId)]];
	return [plan.map((change) => changeItem.call(this, change, eventId, items))];
}
