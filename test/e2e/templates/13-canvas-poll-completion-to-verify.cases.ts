// Template 13 runs as "Execute workflow" does in the editor: the Canvas Poll Trigger fetches the
// latest completion of course 565 from the Canvas REST simulator as its sample (Ada Lovelace,
// final score 88 with 4 h 15 min on task) and Verify Completion decides on it.
import type { TemplateCase } from '../support/cases';
import * as lmsSamples from '../../simulators/lms/sample-data';

export const cases: TemplateCase = {
	poll: {
		nodeOutputs: {
			'Canvas Poll Trigger': [
				{
					source: 'canvas',
					learner: { id: '124', name: 'Ada Lovelace', email: 'ada.lovelace@example.org' },
					course: { id: '565', name: 'Computer Science I' },
					businessKey: 'canvas|124|565|2024-06-03T16:00:00Z',
					enrichment: { status: 'enriched', source: 'canvas rest api' },
				},
			],
			Verified: [
				{
					outcome: 'verified',
					subject: { learnerId: '124', courseId: '565', source: 'canvas' },
					businessKey: 'canvas|124|565|2024-06-03T16:00:00Z',
					learner: { id: '124', name: 'Ada Lovelace', email: 'ada.lovelace@example.org' },
					completedAt: '2024-06-03T16:00:00.000Z',
					score: 88,
					scoreOriginal: { value: 88, min: 0, max: 100 },
					timeSpentMinutes: 255,
					enrichment: 'enriched',
					ruleSetId: 'demo-canvas-poll-rules',
					ruleVersion: '2026.1',
				},
			],
		},
		check: (run, output) => {
			// One sample, one decision: nothing reached the other outcomes.
			expect(output('Canvas Poll Trigger')).toHaveLength(1);
			expect(output('Verified')).toHaveLength(1);
			for (const node of ['Needs Review', 'Not Eligible', 'Invalid Completion'])
				expect({ node, ran: output(node) }).toEqual({ node, ran: undefined });
			expect(JSON.stringify(run)).not.toContain(lmsSamples.CANVAS_API_TOKEN);
		},
	},
};
