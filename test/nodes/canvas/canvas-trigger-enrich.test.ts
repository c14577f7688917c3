// Canvas Trigger with "Add Learner Details From Canvas API": a signed live event is looked up
// in the Canvas REST simulator (final score, time on task) before the workflow starts; with the
// API down the completion is still emitted, marked "failed".
import { CANVAS_API_TOKEN } from '../../simulators/lms/sample-data';
import { deliverLiveEvent, liveEvent } from './canvas-live-events';
import { useLmsSimulator } from '../lms/support';

// Nothing here changes the simulator's data: no reset between tests.
const { url } = useLmsSimulator('canvas', { reset: false });

async function deliver(completedAt: string, canvasUrl: string, enrich = true) {
	return await deliverLiveEvent(liveEvent(completedAt), {
		parameters: { enrich },
		extraCredentials: { canvasApi: { baseUrl: canvasUrl, accessToken: CANVAS_API_TOKEN } },
		extraNodeCredentials: { canvasApi: { id: '2', name: 'Canvas account' } },
	});
}

test('with the switch on, the final score and time on task are filled in and marked', async () => {
	const outcome = await deliver('2019-11-05T13:38:00.218Z', url());
	expect(outcome.items).toHaveLength(1);
	expect(outcome.items[0]).toMatchObject({
		source: 'canvas',
		learner: { id: '123', email: 'inewton@example.com', name: 'Isaac Newton' },
		course: { id: '565', name: 'Computer Science I' },
		score: 92.5,
		maxScore: 100,
		scoreOriginal: { value: 92.5, min: 0, max: 100 },
		timeSpentMinutes: 342,
		enrichment: {
			status: 'enriched',
			source: 'canvas rest api',
			fields: ['score', 'timeSpentMinutes'],
		},
		businessKey: 'canvas|123|565|2019-11-05T13:38:00Z',
	});
	expect(JSON.stringify(outcome.items)).not.toContain(CANVAS_API_TOKEN);
});

test('with the Canvas API down the completion is still emitted, marked failed', async () => {
	const outcome = await deliver('2019-11-06T08:00:00Z', 'http://127.0.0.1:9');
	expect(outcome.items).toHaveLength(1);
	const item = outcome.items[0];
	expect(item).toMatchObject({
		learner: { id: '123', email: 'inewton@example.com' },
		enrichment: {
			status: 'failed',
			source: 'canvas rest api',
			fields: [],
			errors: [{ step: 'lookup', message: expect.stringContaining('Could not reach Canvas') }],
		},
	});
	expect(item.score).toBeUndefined();
	expect(JSON.stringify(item)).not.toContain(CANVAS_API_TOKEN);
});

test('with the switch off nothing is looked up', async () => {
	const outcome = await deliver('2019-11-07T08:00:00Z', 'http://127.0.0.1:9', false);
	expect(outcome.items).toHaveLength(1);
	expect(outcome.items[0].enrichment).toBeUndefined();
	expect(outcome.items[0].score).toBeUndefined();
});
