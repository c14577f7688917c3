// The Credly Trigger remembers the events that started a run, so a re-post is a duplicate. In
// queue mode a re-post may reach another webhook process: the memory is then the one they share
// in n8n's queue Redis. Each module copy below stands for one n8n process.
import { queueMode, useProcessSettings } from '../../support/queue-mode-settings';
import { processCopy, trigger } from './credly-trigger-copies';
import { freshId } from './support';

const setMode = useProcessSettings(() => undefined);

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
