import type { INodeProperties } from 'n8n-workflow';

// Shown when the node is first added: a rule for a course id that will not match a real course,
// so a forgotten example can only send learners to review (COURSE_RULE_MISSING), never verify them.
export const EXAMPLE_RULE_SET = `# One entry per course id, exactly as your LMS sends it.
id: completion-rules
version: "1"
defaults:
  reviewMargin: 2
courses:
  EXAMPLE-COURSE:
    name: Example course
    passingScore: 80
    minTimeOnTaskMinutes: 60
    requiredModules: [introduction, final-assessment]
`;

const mapFieldsOnly = { show: { inputMode: ['mapFields'] } };

const mappedFields: INodeProperties[] = [
	{
		displayName: 'Learner ID',
		name: 'learnerId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '={{ $json.relateduserid }}',
		description: "The learner's ID in the source system",
		displayOptions: mapFieldsOnly,
	},
	{
		displayName: 'Course ID',
		name: 'courseId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '={{ $json.courseid }}',
		description: 'The course ID as the rule set names it',
		displayOptions: mapFieldsOnly,
	},
	{
		displayName: 'Completed At',
		name: 'completedAt',
		type: 'string',
		required: true,
		default: '',
		placeholder: '={{ $json.timecreated }}',
		description:
			'When the learner completed the course: ISO-8601 with an offset, or Unix time in seconds or milliseconds',
		displayOptions: mapFieldsOnly,
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'moodle',
		description: 'Which system reported the completion (part of the duplicate-detection key)',
		displayOptions: mapFieldsOnly,
	},
	{
		displayName: 'Score',
		name: 'score',
		type: 'string',
		default: '',
		description: 'The final score; leave empty when the course has no graded assessment',
		displayOptions: mapFieldsOnly,
	},
	{
		displayName: 'Max Score',
		name: 'maxScore',
		type: 'string',
		default: '100',
		description: 'The highest possible score, so scores on any scale become percentages',
		displayOptions: mapFieldsOnly,
	},
	{
		displayName: 'Time Spent (Minutes)',
		name: 'timeSpentMinutes',
		type: 'string',
		default: '',
		description: 'Time on task in minutes, when the LMS reports it',
		displayOptions: mapFieldsOnly,
	},
	{
		displayName: 'Learner Name',
		name: 'learnerName',
		type: 'string',
		default: '',
		description: 'The name the LMS holds for the learner (compared with the recipient name)',
		displayOptions: mapFieldsOnly,
	},
	{
		displayName: 'Learner Email',
		name: 'learnerEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		displayOptions: mapFieldsOnly,
	},
	{
		displayName: 'Course Name',
		name: 'courseName',
		type: 'string',
		default: '',
		displayOptions: mapFieldsOnly,
	},
	{
		displayName: 'Evidence',
		name: 'evidence',
		type: 'collection',
		placeholder: 'Add Evidence',
		default: {},
		displayOptions: mapFieldsOnly,
		options: [
			{
				displayName: 'Approvals',
				name: 'approvals',
				type: 'json',
				default: '{}',
				description:
					'Assessor decisions for subjective criteria, e.g. {"capstone": "approved"}; each value is approved, rejected or pending',
			},
			{
				displayName: 'Integrity Hold',
				name: 'integrityHold',
				type: 'boolean',
				default: false,
				description: 'Whether an academic-integrity hold is on the learner or attempt',
			},
			{
				displayName: 'Investigation Active',
				name: 'investigationActive',
				type: 'boolean',
				default: false,
				description: 'Whether an investigation into the attempt is still open',
			},
			{
				displayName: 'LMS Lookup Score',
				name: 'lookupScore',
				type: 'number',
				default: 0,
				description:
					"The score (0-100) an LMS API lookup returned; held for review when it differs from Score by more than the rule set's scoreMismatchTolerance (default 5 points)",
			},
			{
				displayName: 'LMS Profile Email',
				name: 'profileEmail',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description:
					"The e-mail of the learner's LMS profile; held for review when it differs from Learner Email or Recipient Email (case and spaces aside)",
			},
			{
				displayName: 'Modules',
				name: 'modules',
				type: 'json',
				default: '[]',
				hint: 'Example: [{"id": "final-quiz", "status": "completed"}]',
				description:
					'Module results as a JSON list: each entry names the module and its status (completed, incomplete or exempt)',
			},
			{
				displayName: 'Prerequisites',
				name: 'prerequisites',
				type: 'json',
				default: '[]',
				description:
					'Prerequisite results, e.g. [{"courseId": "SAFE-100", "status": "completed"}]; status is completed, in_appeal or incomplete',
			},
			{
				displayName: 'Recipient Email',
				name: 'recipientEmail',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description:
					'The address the credential goes to; held for review when it differs from Learner Email or LMS Profile Email',
			},
			{
				displayName: 'Recipient Name',
				name: 'recipientName',
				type: 'string',
				default: '',
				description: 'The name to print on the credential; compared with the LMS name',
			},
			{
				displayName: 'Source Event ID',
				name: 'sourceEventId',
				type: 'string',
				default: '',
				description: 'The delivery ID the source gave this event (kept for tracing only)',
			},
		],
	},
];

/** Where the rules come from; the Credential Ledger's drift report reads the same fields. */
export const ruleSetProperties: INodeProperties[] = [
	{
		displayName: 'Rule Set Source',
		name: 'ruleSetSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'File',
				value: 'file',
				description: 'Read a JSON or YAML file on the n8n server (keep it under version control)',
			},
			{
				name: 'Parameter',
				value: 'parameter',
				description: 'Write the rules in this node, as JSON or YAML',
			},
		],
		default: 'parameter',
	},
	{
		displayName: 'Rule Set',
		name: 'ruleSet',
		type: 'string',
		typeOptions: { rows: 14 },
		default: EXAMPLE_RULE_SET,
		description:
			'Completion rules per course, as JSON or YAML. The rule set is checked before any learner is judged.',
		displayOptions: { show: { ruleSetSource: ['parameter'] } },
	},
	{
		displayName: 'Rule Set File Path',
		name: 'ruleSetFilePath',
		type: 'string',
		required: true,
		default: '',
		placeholder: '/home/node/.n8n-files/rules/completion-rules.yaml',
		description:
			"Absolute path of a JSON or YAML rule-set file on the n8n server. n8n's file restrictions apply as in the Read/Write Files node: nothing inside n8n's own folder, and only folders in N8N_RESTRICT_FILE_ACCESS_TO when set (n8n 2 defaults it to ~/.n8n-files).",
		displayOptions: { show: { ruleSetSource: ['file'] } },
	},
];

export const verifyCompletionProperties: INodeProperties[] = [
	{
		displayName: 'Input',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Completion Event',
				value: 'completionEvent',
				description:
					'Each item already is a completion event, as this package’s LMS triggers emit it',
			},
			{
				name: 'Map Fields',
				value: 'mapFields',
				description: 'Pick each field from any input with expressions',
			},
		],
		default: 'completionEvent',
	},
	...mappedFields,
	...ruleSetProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Completed Prerequisites',
				name: 'completedPrerequisites',
				type: 'json',
				default: '[]',
				description:
					'Prerequisite results known outside the event, e.g. from a spreadsheet: [{"learnerId": "42", "courseId": "SAFE-100", "status": "completed"}]',
			},
			{
				displayName: 'Put Decision in Field',
				name: 'decisionField',
				type: 'string',
				default: 'decision',
				description: 'The output field that receives the decision',
			},
		],
	},
];
