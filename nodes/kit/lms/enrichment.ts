import type { INodeProperties } from 'n8n-workflow';

/**
 * The "Add Learner Details" switch every LMS trigger shows. Off by default: the lookup costs API
 * calls and needs an API credential, and some payloads (Canvas, Thinkific) already carry name
 * and email.
 */
export function enrichProperty(lms: string, adds: string): INodeProperties {
	return {
		displayName: `Add Learner Details From ${lms} API`,
		name: 'enrich',
		type: 'boolean',
		default: false,
		description: `Whether to look up what the event lacks (${adds}) through the ${lms} API before the workflow starts. A failed lookup still emits the completion, marked in "enrichment".`,
	};
}
