import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

const DAY_MS = 24 * 60 * 60_000;

/** Period Start and Period End, shared by the report operations. */
export const periodProperties: INodeProperties[] = [
	{
		displayName: 'Period Start',
		name: 'periodStart',
		type: 'dateTime',
		default: '',
		description: 'First instant counted. Empty: 30 days before Period End.',
	},
	{
		displayName: 'Period End',
		name: 'periodEnd',
		type: 'dateTime',
		default: '',
		description: 'First instant no longer counted (entries from then on are not read). Empty: now.',
	},
];

/**
 * The period as ISO UTC. An unreadable date is passed on as typed, so the ledger's error names
 * the field; empty fields take their defaults.
 */
export function periodOf(this: IExecuteFunctions): { periodStart: string; periodEnd: string } {
	const read = (name: string) => String(this.getNodeParameter(name, 0, '') ?? '').trim();
	const iso = (text: string) => {
		const parsed = Date.parse(text);
		return Number.isNaN(parsed) ? text : new Date(parsed).toISOString();
	};
	const end = read('periodEnd');
	const periodEnd = end === '' ? new Date().toISOString() : iso(end);
	const start = read('periodStart');
	const endMs = Date.parse(periodEnd);
	const periodStart =
		start !== ''
			? iso(start)
			: Number.isNaN(endMs)
				? ''
				: new Date(endMs - 30 * DAY_MS).toISOString();
	return { periodStart, periodEnd };
}
