import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ListedCourse } from '../../../core/domain/rules';
import { optionalText } from '../../../kit/text';
import { canvasClient, canvasNodeError } from '../../../Canvas/canvas-api';
import { moodleClient, moodleNodeError } from '../../../Moodle/moodle-ws';

interface CourseReader {
	lms: string;
	read(this: IExecuteFunctions): Promise<ListedCourse[]>;
	/** The LMS's own errors as node errors that name its error code and the fix. */
	nodeError(this: IExecuteFunctions, error: unknown): Error;
}

/** The LMSs whose APIs list courses (the ones the triggers' course pickers read), by source. */
const COURSE_READERS = {
	moodle: {
		lms: 'Moodle',
		async read() {
			const courses = await (await moodleClient.call(this)).courses();
			return (
				courses
					// The front page is course 1, format "site": nobody completes it.
					.filter((c) => c.format !== 'site' && c.id !== '1')
					.map((c) => ({ id: c.id, name: c.fullname ?? c.shortname, code: c.shortname }))
			);
		},
		nodeError: moodleNodeError,
	},
	canvas: {
		lms: 'Canvas',
		async read() {
			const courses = await (await canvasClient.call(this)).courses();
			return courses.map((c) => ({ id: c.id, name: c.name, code: c.courseCode }));
		},
		nodeError: canvasNodeError,
	},
} satisfies Record<string, CourseReader>;

export interface LmsCourseList {
	/** As people name the LMS, e.g. "Moodle". */
	lms: string;
	/** As completion decisions name it in subject.source, e.g. "moodle". */
	source: string;
	courses: ListedCourse[];
}

const fromInput = { show: { courseSource: ['input'] } };

export const courseSourceProperties: INodeProperties[] = [
	{
		displayName: 'Courses From',
		name: 'courseSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Canvas API', value: 'canvas', description: 'Every course the token’s user sees' },
			{
				name: 'Input Items',
				value: 'input',
				description: 'One item per course, from any LMS (e.g. an HTTP Request listing its courses)',
			},
			{ name: 'Moodle API', value: 'moodle', description: 'Every course the token can see' },
		],
		default: 'moodle',
	},
	{
		displayName: 'LMS',
		name: 'lmsName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'thinkific',
		description:
			'The LMS the courses belong to, as its completion events name it in source; only its completions are compared',
		displayOptions: fromInput,
	},
	{
		displayName: 'Course ID',
		name: 'listedCourseId',
		type: 'string',
		required: true,
		default: '={{ $json.id }}',
		description:
			'The course ID, exactly as the LMS sends it in completions and the rule set names it',
		displayOptions: fromInput,
	},
	{
		displayName: 'Course Name',
		name: 'listedCourseName',
		type: 'string',
		default: '={{ $json.name }}',
		description: 'Shown in the report beside the ID',
		displayOptions: fromInput,
	},
];

/** Shows the LMS's API credential only when the drift report reads that LMS. */
export const readsLms = (source: keyof typeof COURSE_READERS) => ({
	show: { resource: ['report'], operation: ['drift'], courseSource: [source] },
});

/** The chosen LMS's courses: read through its API, or one per input item. */
export async function listLmsCourses(this: IExecuteFunctions): Promise<LmsCourseList> {
	const source = this.getNodeParameter('courseSource', 0) as string;
	if (source !== 'moodle' && source !== 'canvas') return coursesOfInput.call(this);
	const reader: CourseReader = COURSE_READERS[source];
	try {
		return { lms: reader.lms, source, courses: await reader.read.call(this) };
	} catch (error) {
		throw reader.nodeError.call(this, error);
	}
}

function coursesOfInput(this: IExecuteFunctions): LmsCourseList {
	const lms = optionalText(this.getNodeParameter('lmsName', 0, ''));
	if (lms === undefined)
		throw new NodeOperationError(this.getNode(), 'LMS is empty', {
			description:
				'Set LMS to the name your completion events carry in source (e.g. thinkific), so the report compares that LMS’s completions.',
		});
	const courses = this.getInputData().map((_item, itemIndex) => {
		const id = optionalText(this.getNodeParameter('listedCourseId', itemIndex, ''));
		if (id === undefined)
			throw new NodeOperationError(this.getNode(), `Course ID is empty in item ${itemIndex}`, {
				itemIndex,
				description:
					'Map Course ID to the field of each input item that holds the course id (default {{ $json.id }}).',
			});
		return { id, name: optionalText(this.getNodeParameter('listedCourseName', itemIndex, '')) };
	});
	return { lms, source: lms.toLowerCase(), courses };
}
