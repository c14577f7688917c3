// One fuzzed delivery to a trigger's webhook(), through the stand-in webhook context the LMS
// trigger unit tests use, and the checks every answer must pass.
import { parse as parseForm } from 'node:querystring';

import type { IDataObject, INodeType } from 'n8n-workflow';

import { webhookContext } from '../../lms/webhook-context';
import { preview, prototypePollution, unclearMessage } from './fuzz';

export interface Delivery {
	body: Buffer;
	headers: Record<string, string>;
}

export interface TriggerUnderTest {
	name: string;
	node: INodeType;
	parameters: Record<string, unknown>;
	credentials: Record<string, object>;
	/** Values that must never reach an answer or an item. */
	secrets: string[];
	helpers?: Record<string, unknown>;
}

export interface Outcome {
	/** The status the node answered itself; undefined when it left the answer to n8n (a run). */
	status?: number;
	answer?: IDataObject;
	items: IDataObject[];
	thrown?: unknown;
	pollution?: string;
}

/** What n8n's body parser hands a node as getBodyData() for these bytes ({} when it cannot). */
function n8nBodyData(body: Buffer, contentTypeHeader: string | undefined): unknown {
	const contentType = (contentTypeHeader ?? '').split(';')[0].trim().toLowerCase();
	try {
		if (contentType === 'application/json') return JSON.parse(body.toString('utf8')) as unknown;
		if (contentType === 'application/x-www-form-urlencoded')
			return parseForm(body.toString('utf8'), undefined, undefined, { maxKeys: 1000 });
		if (contentType === 'text/plain') return body.toString('utf8');
	} catch {
		// n8n answers 422 itself; a node called anyway must cope with an empty body.
	}
	return {};
}

let deliveries = 0;

export async function deliver(trigger: TriggerUnderTest, delivery: Delivery): Promise<Outcome> {
	const { ctx, sent } = webhookContext(delivery, {
		// A workflow per delivery: a replayed key would otherwise hide a fuzzed body's outcome.
		workflowId: `fuzz-${trigger.name}-${deliveries++}`,
		responseMode: 'onReceived',
		nodeName: trigger.name,
		parameters: trigger.parameters,
		credentials: trigger.credentials,
		bodyData: n8nBodyData(delivery.body, delivery.headers['content-type']),
		helpers: trigger.helpers,
	});
	let outcome: Outcome;
	try {
		const result = await trigger.node.webhook!.call(ctx);
		outcome = {
			status: sent.status,
			answer: sent.body as IDataObject | undefined,
			items: (result.workflowData?.[0] ?? []).map((item) => item.json),
		};
	} catch (error) {
		outcome = { items: [], thrown: error };
	}
	return { ...outcome, pollution: prototypePollution() };
}

const messageOf = (answer: IDataObject | undefined) =>
	typeof answer?.message === 'string' ? answer.message : answer?.error;

/** Problems every answer must be free of: a throw, a 5xx, pollution, an unclear refusal, a secret. */
function commonProblems(trigger: TriggerUnderTest, outcome: Outcome): string[] {
	const problems: string[] = [];
	if (outcome.thrown !== undefined) {
		const error = outcome.thrown as Error;
		problems.push(`webhook() threw ${error?.name}: ${error?.message}`);
	}
	if (outcome.pollution) problems.push(`prototype polluted: ${outcome.pollution}`);
	if (outcome.status !== undefined && outcome.status >= 500) {
		problems.push(`answered ${outcome.status} ${preview(outcome.answer)}`);
	}
	if (outcome.status !== undefined && outcome.status >= 400) {
		const unclear = unclearMessage(messageOf(outcome.answer), trigger.secrets);
		if (unclear) problems.push(`refusal ${outcome.status}: ${unclear}`);
	}
	const everything = JSON.stringify({ answer: outcome.answer, items: outcome.items }) ?? '';
	if (trigger.secrets.some((secret) => everything.includes(secret))) {
		problems.push('a secret value reached the answer or the items');
	}
	return problems;
}

/** A delivery without valid authentication: refused (4xx, or `status` when given), never a run. */
export function unauthenticatedProblems(
	trigger: TriggerUnderTest,
	outcome: Outcome,
	status?: number,
): string[] {
	const problems = commonProblems(trigger, outcome);
	if (outcome.items.length > 0) problems.push('started a run without valid authentication');
	if (outcome.thrown === undefined && (outcome.status ?? 0) < 400) {
		problems.push(`answered ${outcome.status ?? 'nothing (a run)'} instead of refusing`);
	}
	if (status !== undefined && outcome.status !== undefined && outcome.status !== status) {
		problems.push(`answered ${outcome.status} ${preview(outcome.answer)} instead of ${status}`);
	}
	return problems;
}

/** An authentic delivery of an adversarial body: a run, a clear 4xx, or a 200 acknowledgement. */
export function authenticProblems(trigger: TriggerUnderTest, outcome: Outcome): string[] {
	const problems = commonProblems(trigger, outcome);
	const acknowledged =
		outcome.status === 200 &&
		(outcome.answer?.status === 'duplicate' || outcome.answer?.ignored !== undefined);
	if (outcome.status !== undefined && outcome.status < 400 && !acknowledged) {
		problems.push(`answered ${outcome.status} ${preview(outcome.answer)} without a run`);
	}
	return problems;
}
