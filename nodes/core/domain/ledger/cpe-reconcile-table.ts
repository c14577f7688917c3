import { toCsv } from '../report/csv';
import { escapeHtml } from '../verification/page';
import { RECONCILE_ACTIONS, type PlannedChange, type ReconcileAction } from './cpe-reconcile';

/** Actions that send or record something: what a dry run lists for the organiser to check. */
const CHANGES: ReadonlySet<ReconcileAction> = new Set([
	'issue',
	'supersede',
	'revoke',
	'resend',
	'complete_supersession',
]);

const HEADER = [
	'attendee',
	'name',
	'action',
	'old_credits',
	'new_credits',
	'certificate_id',
	'reason',
];

/** One planned change as the organiser reads it. */
export interface ReconcileRow {
	attendee: string;
	name: string;
	action: ReconcileAction;
	oldCredits: string;
	newCredits: string;
	certificateId: string;
	reason: string;
}

export interface ReconcileTable {
	/** How many planned changes of each action, every action named. */
	counts: Record<ReconcileAction, number>;
	/** The planned changes that send or record something, in the CSV's column order. */
	changes: ReconcileRow[];
	csv: string;
	html: string;
}

/** The dry run of a reconcile: the changes it would make as a table an organiser can read. */
export function reconcileTable(eventId: string, plan: readonly PlannedChange[]): ReconcileTable {
	const counts = Object.fromEntries(RECONCILE_ACTIONS.map((action) => [action, 0])) as Record<
		ReconcileAction,
		number
	>;
	for (const change of plan) counts[change.action]++;
	const changes: ReconcileRow[] = plan
		.filter((change) => CHANGES.has(change.action))
		.map((change) => ({
			attendee: change.attendeeId ?? '(unknown: evidence erased)',
			name: change.attendeeName ?? '',
			action: change.action,
			oldCredits: change.oldCredits ?? '',
			newCredits: change.newCredits ?? '',
			certificateId: change.certificateId ?? '',
			reason: change.reason,
		}));
	const rows = changes.map((change) => Object.values(change));
	const cells = (cellsOf: string[], tag: string) =>
		cellsOf.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join('');
	const summary = RECONCILE_ACTIONS.map((action) => `${action}: ${counts[action]}`).join(' · ');
	const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Planned changes: ${escapeHtml(eventId)}</title>
<style>body{font-family:sans-serif;margin:2em 1em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3em .4em;text-align:left;overflow-wrap:anywhere}</style>
</head><body>
<h1>Planned changes for ${escapeHtml(eventId)} (dry run: nothing was sent or recorded)</h1>
<p>${escapeHtml(summary)}</p>
${rows.length === 0 ? '<p>No certificate would be issued, superseded, revoked or sent again.</p>' : `<table><thead><tr>${cells(HEADER, 'th')}</tr></thead><tbody>\n${rows.map((r) => `<tr>${cells(r, 'td')}</tr>`).join('\n')}\n</tbody></table>`}
</body></html>
`;
	return { counts, changes, csv: toCsv([HEADER, ...rows]), html };
}
