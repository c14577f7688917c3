import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import type { KeyedCompletion } from '../core/integrations/lms';
import { enrichCompletions, fetchMoodleCompletions } from '../core/integrations/lms';
import { completedSinceProperty, courseIdsOf, pollCompletions } from '../kit/lms/completion-poll';
import { enrichProperty } from '../kit/lms/enrichment';
import { moodleClient, moodleLearnerSource, moodleNodeError } from './moodle-ws';

export class MoodlePollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Moodle Poll Trigger',
		name: 'moodlePollTrigger',
		icon: { light: 'file:moodle.svg', dark: 'file:moodle.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Course completions (web services)',
		description:
			'Starts the workflow when learners complete Moodle courses, polling the web services, one CompletionEvent each',
		defaults: { name: 'Moodle Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'moodleApi', required: true }],
		properties: [
			{
				displayName:
					'Polls Moodle web services where no webhook plugin is installed: each poll reads every active learner’s completion status in the chosen courses (one request per learner and course), so keep the course list and the poll interval reasonable. "Fetch Test Event" shows the latest completion.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Course Names or IDs',
				name: 'courseIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getCourses' },
				default: [],
				description:
					'Courses to watch; none = every course the token can see that tracks completion. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			completedSinceProperty,
			// Name, email and course name come with the poll already; the lookup adds the rest.
			enrichProperty('Moodle', 'final grade, prerequisites'),
		],
	};

	methods = {
		loadOptions: {
			async getCourses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				try {
					const courses = await (await moodleClient.call(this)).courses();
					return courses
						.filter((c) => c.format !== 'site' && c.id !== '1')
						.map((c) => ({
							name: `${c.fullname ?? c.shortname ?? 'Course'} (${c.id})`,
							value: c.id,
						}));
				} catch (error) {
					throw moodleNodeError.call(this, error);
				}
			},
		},
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const courseIds = courseIdsOf.call(
			this,
			'Moodle',
			/^\d+$/,
			'use the numeric id (the "id=" in the course URL)',
		);
		return await pollCompletions.call(this, {
			read: async () => {
				try {
					return await fetchMoodleCompletions(await moodleClient.call(this), { courseIds });
				} catch (error) {
					throw moodleNodeError.call(this, error);
				}
			},
			enrich: async (emit) => await enrich.call(this, emit),
		});
	}
}

/** Looks up only what is about to be emitted, never every completion the poll read. */
async function enrich(this: IPollFunctions, emit: KeyedCompletion[]): Promise<KeyedCompletion[]> {
	if (!this.getNodeParameter('enrich', false)) return emit;
	return await enrichCompletions(emit, await moodleLearnerSource.call(this));
}
