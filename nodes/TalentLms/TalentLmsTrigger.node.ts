import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import type { KeyedCompletion } from '../core/integrations/lms';
import {
	enrichCompletions,
	readCursor,
	selectNew,
	startCursor,
	TalentLmsLearnerRecordSource,
} from '../core/integrations/lms';
import { completionItem } from '../kit/lms/completion-poll';
import { enrichProperty } from '../kit/lms/enrichment';
import { n8nTransport } from '../kit/n8n-transport';
import { baseUrl, fetchTimelineCompletions, TIMELINE_CAP } from './timeline';

export class TalentLmsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TalentLMS Trigger',
		name: 'talentLmsTrigger',
		icon: { light: 'file:talentLms.svg', dark: 'file:talentLms.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Course completions (polling)',
		description:
			'Starts the workflow when learners complete TalentLMS courses, polling the timeline, one CompletionEvent each',
		defaults: { name: 'TalentLMS Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'talentLmsApi', required: true }],
		properties: [
			{
				displayName: `TalentLMS sends no webhooks, so this node polls the timeline for course completions. The timeline only returns the last ${TIMELINE_CAP} completions: poll often enough that fewer than ${TIMELINE_CAP} learners finish between two polls. On activation it starts from now; "Fetch Test Event" shows the latest completion.`,
				name: 'notice',
				type: 'notice',
				default: '',
			},
			enrichProperty('TalentLMS', 'time on task, the course test score'),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const completions = await fetchTimelineCompletions.call(this);
		if (this.getMode() === 'manual') {
			// A real sample for the editor; the cursor is left alone.
			const latest = selectNew(startCursor(0), completions).emit.pop();
			return latest ? [(await enrich.call(this, [latest])).map(completionItem)] : null;
		}
		const state = this.getWorkflowStaticData('node');
		const cursor = readCursor(state.cursor);
		if (!cursor) {
			state.cursor = startCursor(Date.now());
			return null;
		}
		if (completions.length >= TIMELINE_CAP) {
			const oldest = Math.min(...completions.map((c) => Date.parse(c.event.completedAt)));
			if (oldest > cursor.since) {
				this.logger.warn(
					`TalentLMS Trigger: the timeline returned its maximum of ${TIMELINE_CAP} completions, all newer than the last poll; older ones may have been missed. Poll more often.`,
				);
			}
		}
		const { emit, cursor: next } = selectNew(cursor, completions);
		state.cursor = next;
		return emit.length > 0 ? [(await enrich.call(this, emit)).map(completionItem)] : null;
	}
}

/** Looks up only what is about to be emitted, never every event the timeline returned. */
async function enrich(this: IPollFunctions, emit: KeyedCompletion[]): Promise<KeyedCompletion[]> {
	if (!this.getNodeParameter('enrich', false)) return emit;
	// The timeline call already checked the credential's base URL.
	const source = new TalentLmsLearnerRecordSource({
		transport: n8nTransport(this, 'talentLmsApi'),
		baseUrl: await baseUrl.call(this),
	});
	return await enrichCompletions(emit, source);
}
