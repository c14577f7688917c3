// The Credly Trigger's event memory as several n8n processes load it: each copy of the module is
// one process, with a connection of its own to n8n's queue Redis.
import type { IWebhookFunctions } from 'n8n-workflow';

export type FirstRunFor = (this: IWebhookFunctions, eventId: string) => Promise<boolean>;

/** Each copy's connection to Redis, closed after the tests as the process's exit would. */
const closers: Array<() => void> = [];
afterAll(() => closers.splice(0).forEach((close) => close()));

/** The trigger's check as one n8n process loads it: a module copy of its own. */
export function processCopy(): FirstRunFor {
	let loaded: FirstRunFor | undefined;
	jest.isolateModules(() => {
		/* eslint-disable @typescript-eslint/no-require-imports */
		loaded = require('../../../nodes/Credly/trigger/read-back').firstRunFor;
		closers.push(require('../../../nodes/core/integrations/queue').closeQueueRedisForTests);
		/* eslint-enable @typescript-eslint/no-require-imports */
	});
	return loaded!;
}

/** One posted event reaching a Credly Trigger node of `workflowId`. */
export const trigger = (workflowId: string) =>
	({
		getWorkflow: () => ({ id: workflowId }),
		getNode: () => ({ name: 'Credly Trigger', credentials: { credlyApi: { id: 'cred-1' } } }),
		logger: { warn: () => undefined },
	}) as unknown as IWebhookFunctions;
