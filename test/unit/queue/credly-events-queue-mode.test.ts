// The Credly Trigger remembers the events that started a run, so a re-post is a duplicate. In
// queue mode a re-post may reach another webhook process: the memory is then the one they share
// in n8n's queue Redis. Each module copy below stands for one n8n process.
import type { IWebhookFunctions } from 'n8n-workflow';

import { queueMode, useProcessSettings } from '../../support/queue-mode-settings';
import { freshId } from './support';

type FirstRunFor = (this: IWebhookFunctions, eventId: string) => Promise<boolean>;

/** Each copy's connection to Redis, closed after the tests as the process's exit would. */
const closers: Array<() => void> = [];
afterAll(() => closers.splice(0).forEach((close) => close()));

/** The trigger's check as one n8n process loads it: a module copy of its own. */
function processCopy(): FirstRunFor {
	let loaded: FirstRunFor | undefined;
	jest.isolateModules(() => {
		/* eslint-disable @typescript-eslint/no-require-imports */
		loaded = require('../../../nodes/Credly/trigger/read-back').firstRunFor;
		closers.push(require('../../../nodes/core/integrations/queue').closeQueueRedisForTests);
		/* eslint-enable @typescript-eslint/no-require-imports */
	});
	return loaded!;
}

const setMode = useProcessSettings(() => undefined);

/** One posted event reaching a Credly Trigger node of `workflowId`. */
const trigger = (workflowId: string) =>
	({
		getWorkflow: () => ({ id: workflowId }),
		getNode: () => ({ name: 'Credly Trigger', credentials: { credlyApi: { id: 'cred-1' } } }),
		logger: { warn: () => undefined },
	}) as unknown as IWebhookFunctions;

test('queue mode: an event that started a run on one process is a duplicate on another', async () => {
	setMode(queueMode());
	const [a, b] = [processCopy(), processCopy()];
	const node = trigger(freshId());
	expect(await a.call(node, 'evt-1')).toBe(true);
	expect(await b.call(node, 'evt-1')).toBe(false);
	expect(await b.call(node, 'evt-2')).toBe(true);
	// Another workflow's trigger has a memory of its own.
	expect(await a.call(trigger(freshId()), 'evt-1')).toBe(true);
});

test('regular mode: the memory is the process’s own (one n8n process receives every post)', async () => {
	setMode({ EXECUTIONS_MODE: 'regular' });
	const [a, b] = [processCopy(), processCopy()];
	const node = trigger(freshId());
	expect(await a.call(node, 'evt-1')).toBe(true);
	expect(await a.call(node, 'evt-1')).toBe(false);
	expect(await b.call(node, 'evt-1')).toBe(true);
});
