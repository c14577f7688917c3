import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	COURSE_NOT_MAPPED,
	parseCourseMapping,
	templateForCourse,
	type CourseMapping,
	type CourseMappingRow,
} from '../../core/integrations/platforms/course-mapping';
import type { OperationModule } from '../operation-router';
import { checkedId, type FieldLabels } from './issue-input';

const SOURCE = 'templateSource';
const FROM_MAPPING = 'courseMapping';
const COURSE_ID = 'mappingCourseId';
const TABLE = 'courseMapping';
const UNMAPPED = 'unmappedCourse';
const HOLD = 'hold';

/** Reads the course id from Verify Completion's decision, or from a completion as the LMS sent it. */
export const DEFAULT_COURSE_ID_EXPRESSION =
	'={{ $json.decision?.subject?.courseId ?? $json.course?.id }}';

export interface CourseMappingFields {
	/** The platform, for "Nothing was sent to …". */
	platform: string;
	/** What the template is called on this platform: "Group", "Badge Template". */
	templateNoun: string;
	/** The single-template field the node has always had (same name, same dropdown). */
	templateField: INodeProperties;
}

const showFor = (source: string) => ({ show: { [SOURCE]: [source] } });

/**
 * The template choice of an issuing operation: the single field (the default, so existing
 * workflows keep working) or a table course id → template that an operator edits, plus the
 * item's course id. The table's template column uses the single field's dropdown.
 */
export function templateChoiceProperties(fields: CourseMappingFields): INodeProperties[] {
	const { templateField, templateNoun } = fields;
	const templateColumn: INodeProperties = { ...templateField, name: 'templateId', required: false };
	delete templateColumn.displayOptions;
	return [
		{
			displayName: `Choose ${templateNoun}`,
			name: SOURCE,
			type: 'options',
			default: 'single',
			options: [
				{
					name: 'Same for Every Item',
					value: 'single',
					description: `One ${templateNoun.toLowerCase()}, from the list or an expression`,
				},
				{
					name: 'From a Course Mapping Table',
					value: FROM_MAPPING,
					description: `A row per course: Course ID → ${templateNoun.toLowerCase()}. A course without a row is not issued and fails with its course ID.`,
				},
			],
		},
		{ ...templateField, displayOptions: showFor('single') },
		{
			displayName: 'Course ID',
			name: COURSE_ID,
			type: 'string',
			required: true,
			default: DEFAULT_COURSE_ID_EXPRESSION,
			displayOptions: showFor(FROM_MAPPING),
			description:
				"The item's course ID, looked up in the table below (exact text, spaces around it ignored). The default reads Verify Completion's decision or the completion's course ID.",
		},
		{
			displayName: 'Course Mapping',
			name: TABLE,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Course',
			default: {},
			displayOptions: showFor(FROM_MAPPING),
			description:
				'One row per course. A course listed twice stops the run before anything is sent.',
			options: [
				{
					displayName: 'Course',
					name: 'rows',
					values: [
						{
							displayName: 'Course ID',
							name: 'courseId',
							type: 'string',
							default: '',
							placeholder: 'PROG-101',
							description: 'The course ID as your LMS sends it',
						},
						templateColumn,
					],
				},
			],
		},
		{
			displayName: 'Course Without a Row',
			name: UNMAPPED,
			type: 'options',
			default: 'fail',
			displayOptions: showFor(FROM_MAPPING),
			options: [
				{
					name: 'Fail the Item',
					value: 'fail',
					description: 'An error naming the course (to the error output with Continue On Fail)',
				},
				{
					name: 'Output It as Held',
					value: HOLD,
					description: `Nothing is issued; the item comes out with held: true, code "${COURSE_NOT_MAPPED}", courseId and message, for an IF to branch on`,
				},
			],
		},
	];
}

/** A course without a row: a NodeOperationError that says so in `code`, not only in its text. */
export class CourseNotMappedError extends NodeOperationError {
	readonly code = COURSE_NOT_MAPPED;

	constructor(
		node: INode,
		message: string,
		readonly courseId: string,
		options: { itemIndex: number; description: string },
	) {
		super(node, message, options);
	}
}

function mappingError(
	context: IExecuteFunctions,
	fields: Pick<CourseMappingFields, 'platform'>,
	problem: string,
	fix: string,
	itemIndex?: number,
): NodeOperationError {
	const prefix = itemIndex === undefined ? '' : `Item ${itemIndex}: `;
	const nothingSent = `Nothing was sent to ${fields.platform}.`;
	// The description matters beyond the editor: n8n 1.x routes a Continue On Fail item to the
	// error output only when it carries both the error and a non-empty message.
	const description = `${fix.charAt(0).toUpperCase()}${fix.slice(1)}, then send the item again. ${nothingSent}`;
	return new NodeOperationError(
		context.getNode(),
		`${prefix}"Course Mapping": ${problem}; ${fix}. ${nothingSent}`,
		itemIndex === undefined ? { description } : { itemIndex, description },
	);
}

function usesMapping(context: IExecuteFunctions, itemIndex: number): boolean {
	return context.getNodeParameter(SOURCE, itemIndex, 'single') === FROM_MAPPING;
}

function mappingOf(
	context: IExecuteFunctions,
	fields: Pick<CourseMappingFields, 'platform'>,
	itemIndex: number,
	failAsItem: boolean,
): CourseMapping {
	const table = context.getNodeParameter(TABLE, itemIndex, {}) as IDataObject;
	const rows = Array.isArray(table.rows) ? (table.rows as CourseMappingRow[]) : [];
	const parsed = parseCourseMapping(rows);
	if (parsed.ok) return parsed.mapping;
	throw mappingError(
		context,
		fields,
		parsed.problem,
		parsed.fix,
		failAsItem ? itemIndex : undefined,
	);
}

/**
 * Refuses a broken table (a course listed twice, a row half filled in) before any item is
 * issued: it is a setting to correct, not one learner's problem.
 */
export function refuseBrokenCourseMapping(
	context: IExecuteFunctions,
	fields: Pick<CourseMappingFields, 'platform'>,
): void {
	if (context.getInputData().length === 0 || !usesMapping(context, 0)) return;
	mappingOf(context, fields, 0, false);
}

/**
 * The item's template from the table, or undefined when the node uses the single field. A course
 * without a row fails the item (never issued, never dropped) naming the course and the fix.
 */
export function mappedTemplate(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: Pick<CourseMappingFields, 'platform'>,
): string | undefined {
	if (!usesMapping(context, itemIndex)) return undefined;
	const mapping = mappingOf(context, fields, itemIndex, true);
	const found = templateForCourse(mapping, context.getNodeParameter(COURSE_ID, itemIndex, ''));
	if (found.ok) return found.templateId;
	const error = mappingError(context, fields, found.problem, found.fix, itemIndex);
	if (found.code !== COURSE_NOT_MAPPED || found.courseId === undefined) throw error;
	throw new CourseNotMappedError(context.getNode(), error.message, found.courseId, {
		itemIndex,
		description: error.description ?? '',
	});
}

/**
 * The item's template as given: the table's row when the node uses the Course Mapping table,
 * otherwise the value of the single-template field (`singleField`), for the node to check.
 */
export function chosenTemplate(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: Pick<CourseMappingFields, 'platform'>,
	singleField: string,
): unknown {
	return (
		mappedTemplate(context, itemIndex, fields) ?? context.getNodeParameter(singleField, itemIndex)
	);
}

/**
 * The item's template id (see chosenTemplate) checked for the platform's id shape: a wrong one
 * is refused as Template ID before anything is sent.
 */
export function checkedTemplateId(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: Pick<CourseMappingFields, 'platform'>,
	singleField: string,
	labels: FieldLabels,
	shape: { pattern: RegExp; expected: string },
): string {
	const chosen = chosenTemplate(context, itemIndex, fields, singleField);
	return checkedId(context.getNode(), itemIndex, chosen, 'templateId', labels, shape);
}

/**
 * The held item of a course without a row when the node is set to output it (never issued, never
 * dropped); undefined for any other failure, which stays an error.
 */
export function heldForUnmappedCourse(
	context: IExecuteFunctions,
	itemIndex: number,
	error: unknown,
): IDataObject | undefined {
	if (!(error instanceof CourseNotMappedError)) return undefined;
	if (context.getNodeParameter(UNMAPPED, itemIndex, 'fail') !== HOLD) return undefined;
	return { held: true, code: error.code, courseId: error.courseId, message: error.message };
}

/** An issuing operation whose course-without-a-row failure becomes a held item when so set. */
export function holdingUnmappedCourse<Run>(module: OperationModule<Run>): OperationModule<Run> {
	const execute = module.execute;
	if (!execute) return module;
	return {
		...module,
		async execute(this: IExecuteFunctions, itemIndex: number, run: Run, item: INodeExecutionData) {
			// Any other failure is passed on untouched: the router turns it into the node's error.
			return await execute
				.call(this, itemIndex, run, item)
				.catch(
					async (error: unknown) =>
						heldForUnmappedCourse(this, itemIndex, error) ?? (await Promise.reject(error)),
				);
		},
	};
}
