// Canvas Trigger with "Include Course Grade Changes": a signed course_grade_change starts the
// workflow with the new final score; with the switch off the same delivery is refused (422)
// and nothing runs.
import type { IDataObject } from 'n8n-workflow';

import { fixture } from '../../unit/lms/fixtures';
import { deliverLiveEvent } from './canvas-live-events';

async function deliver(gradeChanges: boolean, updatedAt: string) {
	const event = fixture('canvas-course-grade-change.json').json as IDataObject;
	return await deliverLiveEvent(
		{ ...event, body: { ...(event.body as IDataObject), updated_at: updatedAt } },
		{ parameters: { gradeChanges } },
	);
}

test('a grade change is one item with the final score on 0-100', async () => {
	const outcome = await deliver(true, '2019-11-06T09:12:03Z');
	expect(outcome.items).toEqual([
		expect.objectContaining({
			source: 'canvas',
			learner: { id: '124' },
			course: { id: '566' },
			completedAt: '2019-11-06T09:12:03.000Z',
			score: 86.4,
			maxScore: 100,
			scoreOriginal: { value: 86.4, min: 0, max: 100 },
			businessKey: 'canvas|124|566|2019-11-06T09:12:03Z',
		}),
	]);
});

test('without the switch a grade change is refused with the way to accept it', async () => {
	const outcome = await deliver(false, '2019-11-07T10:00:00Z');
	expect(outcome.items).toEqual([]);
	expect(outcome.response).toMatchObject({
		status: 422,
		body: {
			reason: 'unknown_event',
			field: 'metadata.event_name',
			error: expect.stringContaining('Include Course Grade Changes'),
		},
	});
});
