import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import {
	CanvasApiError,
	canvasLearnerRecords,
	enrichCompletions,
	fetchCanvasCompletions,
} from '../core/integrations/lms';
import { canvasClient, canvasNodeError } from './canvas-api';
import {
	COURSES_FIELD,
	completedSinceProperty,
	courseIdsOf,
	pollCompletions,
} from '../kit/lms/completion-poll';

export class CanvasPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Canvas Poll Trigger',
		name: 'canvasPollTrigger',
		icon: { light: 'file:canvas.svg', dark: 'file:canvas.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Course completions (REST API)',
		description:
			'Starts the workflow when learners complete Canvas courses, polling the REST API: a backstop for Live Events, one CompletionEvent each',
		defaults: { name: 'Canvas Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'canvasApi', required: true }],
		properties: [
			{
				displayName:
					'Reads module progress through the Canvas REST API: per course and poll one request plus one per 100 students, and one enrollment lookup (final score, time on task, email) per new completion. Completions are keyed like the Canvas Trigger’s, so running both emits each completion once in the ledger. "Fetch Test Event" shows the latest completion.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: COURSES_FIELD,
				name: 'courseIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getCourses' },
				default: [],
				description:
					'Courses to watch (with module requirements: Canvas records completion only there); none = every course the token’s user is enrolled in. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			completedSinceProperty,
		],
	};

	methods = {
		loadOptions: {
			async getCourses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				try {
					const courses = await (await canvasClient.call(this)).courses();
					return courses.map((c) => ({
						name: `${c.name ?? c.courseCode ?? 'Course'} (${c.id})`,
						value: c.id,
					}));
				} catch (error) {
					throw canvasNodeError.call(this, error);
				}
			},
		},
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const courseIds = courseIdsOf.call(
			this,
			'Canvas',
			/^(\d+|sis_course_id:.+)$/,
			"use the number after /courses/ in the course's address (or sis_course_id:<SIS id>)",
		);
		// Built on the first read: the first activation starts the cursor without Canvas.
		let client: Awaited<ReturnType<typeof canvasClient>> | undefined;
		return await pollCompletions.call(this, {
			read: async () => {
				client = await canvasClient.call(this);
				try {
					return await fetchCanvasCompletions(client, { courseIds });
				} catch (error) {
					throw courseError.call(this, error, courseIds.length > 0);
				}
			},
			enrich: async (emit) =>
				client ? await enrichCompletions(emit, canvasLearnerRecords(client)) : emit,
		});
	}
}

/** An unknown named course is the field's fault: say which field and which id. */
function courseError(this: IPollFunctions, error: unknown, named: boolean): Error {
	if (named && error instanceof CanvasApiError && error.kind === 'not_found') {
		return new NodeOperationError(
			this.getNode(),
			`"${COURSES_FIELD}": Canvas does not know ${error.what} (HTTP 404)`,
			{ description: error.fix },
		);
	}
	return canvasNodeError.call(this, error);
}
