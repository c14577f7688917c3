// Template 18's two follow-ups in the real engine: each Settings switch turns its own follow-up
// off and leaves the other. The ledger, the downstream call and the mails are stood in for by
// pass-through nodes (the e2e run in test/e2e/claim-downstream.test.ts covers them for real).
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from './support/pinned-n8n';
import { runWorkflow, type WorkflowJson, type WorkflowNodeJson } from './support/run-workflow';

const template = JSON.parse(
	readFileSync(path.join(REPO_ROOT, 'workflows', '18-claim-to-downstream.json'), 'utf8'),
) as WorkflowJson;

const STAND_INS = [
	'Ledger: Get Credential',
	'Notify Downstream System',
	'Email Learner: Testimonial Request',
	'Email Learner: Re-enrolment Prompt',
];
/** The run starts at the Credly trigger; the Certifier one joins at Settings. */
const ONLY_CERTIFIER = ['Certifier Trigger', 'Certifier Claim'];
const TRIGGER = 'Credly Trigger';
const FOLLOW_UP_NODES = {
	testimonial: ['Wait: Testimonial Delay', 'Email Learner: Testimonial Request'],
	reenrolment: ['Wait: Re-enrolment Delay', 'Email Learner: Re-enrolment Prompt'],
};

/** The claim a minute ago, recorded for the first time, as Record Claimed outputs it. */
const claimed: WorkflowNodeJson = {
	name: 'Ledger: Record Claimed',
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	position: [0, 0],
	parameters: {
		mode: 'raw',
		jsonOutput: `={{ { ledger: { alreadyRecorded: false, key: 'ik_1', at: $now.toISO(), entry: { payload: { claimedAt: $now.minus({ minutes: 1 }).toISO() } } } } }}`,
		options: {},
	},
};

/** Template 18 with follow-up switches set, delays of 0 s and stand-ins for the outside world. */
function withFollowUps(switches: { testimonialOn: boolean; reenrolmentOn: boolean }): WorkflowJson {
	const nodes = (JSON.parse(JSON.stringify(template.nodes)) as WorkflowNodeJson[])
		.filter(
			(node) => node.type !== 'n8n-nodes-base.stickyNote' && !ONLY_CERTIFIER.includes(node.name),
		)
		.map((node): WorkflowNodeJson => {
			// A webhook trigger cannot start an in-process run: a Manual Trigger with its output pinned.
			if (node.name === TRIGGER) {
				const { webhookId: _unused, ...trigger } = node as WorkflowNodeJson & {
					webhookId?: string;
				};
				return { ...trigger, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
			}
			if (node.name === claimed.name) return { ...claimed, position: node.position };
			if (STAND_INS.includes(node.name))
				return { ...node, type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
			return node;
		});
	const settings = nodes.find((node) => node.name === 'Settings')!.parameters.assignments as {
		assignments: Array<{ name: string; value: unknown }>;
	};
	for (const field of settings.assignments) {
		if (field.name in switches) field.value = switches[field.name as keyof typeof switches];
		if (field.name.endsWith('Delay')) field.value = 0;
		if (field.name.endsWith('DelayUnit')) field.value = 'seconds';
	}
	const connections = Object.fromEntries(
		Object.entries(template.connections).filter(([from]) => !ONLY_CERTIFIER.includes(from)),
	);
	return { ...template, nodes, connections, pinData: {} };
}

async function followUpsRun(switches: { testimonialOn: boolean; reenrolmentOn: boolean }) {
	const result = await runWorkflow(withFollowUps(switches), {
		pinData: {
			[TRIGGER]: [
				{
					json: {
						eventId: 'evt-1',
						occurredAt: new Date().toISOString(),
						badge: {
							id: 'b-1',
							recipientEmail: 'ana@example.org',
							recipientName: 'Ana',
							url: 'https://b',
						},
					},
				},
			],
		},
	});
	if (result.status !== 'success')
		throw new Error(`run ${result.status}: ${result.error?.message}`);
	const ran = (names: string[]) => names.filter((name) => result.order.includes(name));
	return {
		testimonial: ran(FOLLOW_UP_NODES.testimonial),
		reenrolment: ran(FOLLOW_UP_NODES.reenrolment),
	};
}

describe('template 18 follow-ups', () => {
	test('both on: the testimonial request, then the re-enrolment prompt', async () => {
		const ran = await followUpsRun({ testimonialOn: true, reenrolmentOn: true });
		expect(ran).toEqual(FOLLOW_UP_NODES);
	});

	test('testimonial switched off: only the re-enrolment prompt', async () => {
		const ran = await followUpsRun({ testimonialOn: false, reenrolmentOn: true });
		expect(ran).toEqual({ testimonial: [], reenrolment: FOLLOW_UP_NODES.reenrolment });
	});

	test('re-enrolment switched off: only the testimonial request', async () => {
		const ran = await followUpsRun({ testimonialOn: true, reenrolmentOn: false });
		expect(ran).toEqual({ testimonial: FOLLOW_UP_NODES.testimonial, reenrolment: [] });
	});
});
