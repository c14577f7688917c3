// A CPE attendee in review through the nodes a conference template wires, in the real engine:
// CPE Credit's Needs Review → Ledger Record Decision → Review View → Ledger Record (review opened)
// → the reviewer's answer (a Set node stands in for the Wait node's form submission) → Ledger
// Record (override) → back to the attendee → Reserve. The chain then holds who decided what,
// and the approved attendee continues on Reserve's New output.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { deriveAttendeeEventKey } from '../../../nodes/core/domain/ledger';
import {
	LEDGER_TYPE,
	RESERVE,
	SIGNING,
	chainEntries,
	ed25519Key,
	ledgerFolder,
} from '../support/credential-ledger';
import {
	ATTENDANCE_TYPE,
	CPE_CREDIT_TYPE,
	IDENTITY_MAP,
	NEEDS_REVIEW,
	POLICIES,
	SCHEDULE,
	cpeFixture,
	inputItems,
} from '../support/cpe';
import { runWorkflow, type WorkflowNodeJson } from '../support/run-workflow';

const REVIEWED = "$('Review View').item.json";
const KEY = `={{ $('Ledger: Record Decision').item.json.ledger.key }}`;

function node(
	name: string,
	type: string,
	parameters: INodeParameters,
	x: number,
): WorkflowNodeJson {
	return {
		name,
		type,
		typeVersion: type === 'n8n-nodes-base.set' ? 3.4 : 1,
		position: [x, 0],
		parameters,
		...(type === LEDGER_TYPE
			? { credentials: { [SIGNING]: { id: SIGNING, name: 'signing' } } }
			: {}),
	};
}

function reviewWorkflow(folder: string): WorkflowNodeJson[] {
	const ledger = (name: string, parameters: INodeParameters, x: number) =>
		node(name, LEDGER_TYPE, { folderPath: folder, resource: 'credential', ...parameters }, x);
	return [
		node('Start', 'n8n-nodes-base.manualTrigger', {}, 0),
		{
			...node(
				'Attendance',
				ATTENDANCE_TYPE,
				{ schedule: SCHEDULE, evidenceInput: 'binary', options: { identityMap: IDENTITY_MAP } },
				200,
			),
			// The fixture has two bad rows on purpose; they go to Not Used.
			onError: 'continueRegularOutput',
		},
		node(
			'CPE Credit',
			CPE_CREDIT_TYPE,
			{ policySource: 'json', policies: POLICIES, decisionOutput: 'attendee' },
			400,
		),
		ledger(
			'Ledger: Record Decision',
			{ operation: 'recordDecision', keySource: 'attendeeEvent', decision: '={{ $json }}' },
			600,
		),
		node('Review View', CPE_CREDIT_TYPE, { resource: 'report', operation: 'reviewView' }, 800),
		ledger(
			'Ledger: Record Review Opened',
			{
				operation: 'record',
				idempotencyKey: KEY,
				outcome: 'review',
				reason: `={{ 'review opened: ' + ${REVIEWED}.review.sessionsInReview.join(', ') }}`,
				actor: 'CPE review desk',
			},
			1000,
		),
		// What the Wait node's form returns when the reviewer submits it.
		node(
			'Form Answer',
			'n8n-nodes-base.set',
			{
				mode: 'raw',
				jsonOutput: JSON.stringify({
					Decision: 'Approve',
					Reviewer: 'Dana Lee',
					Note: 'left through the side door, confirmed by the room monitor',
				}),
				options: {},
			},
			1200,
		),
		ledger(
			'Ledger: Record Override',
			{
				operation: 'record',
				idempotencyKey: KEY,
				outcome: 'override',
				reason: '={{ $json.Note }}',
				action: 'approve_issue',
				actor: '={{ $json.Reviewer }}',
			},
			1400,
		),
		node(
			'Back to the Attendee',
			'n8n-nodes-base.set',
			{ mode: 'raw', jsonOutput: `={{ ${REVIEWED} }}`, includeBinary: true, options: {} },
			1600,
		),
		ledger(
			'Reserve Certificate',
			{ operation: 'reserve', keySource: 'attendeeEvent', decision: '={{ $json }}' },
			1800,
		),
	];
}

function connections(nodes: WorkflowNodeJson[]) {
	const links: Record<
		string,
		{ main: Array<Array<{ node: string; type: 'main'; index: number }>> }
	> = {};
	for (let k = 1; k < nodes.length; k++) {
		const from = nodes[k - 1].name;
		const output = from === 'CPE Credit' ? NEEDS_REVIEW : 0;
		const main = (links[from] ??= { main: [] }).main;
		while (main.length <= output) main.push([]);
		main[output].push({ node: nodes[k].name, type: 'main', index: 0 });
	}
	return links;
}

describe('CPE review: the reviewer decision in the ledger, and the run goes on', () => {
	test('review opened and override recorded under the attendee key; approved attendees reach Reserve', async () => {
		const folder = ledgerFolder();
		const nodes = reviewWorkflow(folder);
		const run = await runWorkflow(
			{ name: 'cpe review', nodes, connections: connections(nodes) },
			{
				pinData: { Start: inputItems([{ files: { data: cpeFixture('badge-scans.csv') } }]) },
				credentials: { [SIGNING]: ed25519Key() },
			},
		);
		expect(run.error).toBeUndefined();
		expect(run.status).toBe('success');
		const inReview = run.outputs['CPE Credit'][NEEDS_REVIEW];
		expect(inReview.length).toBeGreaterThan(0);
		const reserved = run.outputs['Reserve Certificate'][RESERVE.new];
		expect(reserved.map((i) => (i.json.subject as IDataObject).attendeeId)).toEqual(
			inReview.map((i) => (i.json.subject as IDataObject).attendeeId),
		);

		const entries = chainEntries(folder);
		for (const item of inReview) {
			const subject = item.json.subject as { attendeeId: string; eventId: string };
			const key = deriveAttendeeEventKey(subject);
			const own = entries.filter((e) => e.key === key);
			expect(own.map((e) => e.type)).toEqual(['decided', 'review', 'override', 'reserved']);
			const [, opened, decided] = own;
			expect(opened.actor).toBe('CPE review desk');
			expect(JSON.stringify(opened.payload)).toContain('review opened: ');
			expect(decided.actor).toBe('Dana Lee');
			expect(decided.payload).toMatchObject({
				action: 'approve_issue',
				reason: 'left through the side door, confirmed by the room monitor',
			});
		}
	});
});
