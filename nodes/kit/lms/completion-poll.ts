import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';

import type { KeyedCompletion } from '../../core/integrations/lms';
import { readCursor, selectNew, startCursor } from '../../core/integrations/lms';

/** What one LMS poll trigger supplies; the cursor, the sample and "Completed Since" are shared. */
export interface CompletionPollSource {
	/** Every completion the chosen courses hold now; the cursor decides what is new. */
	read(): Promise<{ completions: KeyedCompletion[]; warnings: string[] }>;
	/** Looks up learner details for what is about to be emitted (never for all that was read). */
	enrich(emit: KeyedCompletion[]): Promise<KeyedCompletion[]>;
}

/** The label of each poll trigger's course picker (`courseIds`), as messages name it. */
export const COURSES_FIELD = 'Course Names or IDs';

/** The "Completed Since" field pollCompletions reads. */
export const completedSinceProperty: INodeProperties = {
	displayName: 'Completed Since',
	name: 'since',
	type: 'dateTime',
	default: '',
	description:
		'On activation, also emit completions from this time on; empty = only completions after activation. Changing it restarts from the new time.',
};

/**
 * The chosen course ids (a list, or a comma-separated expression result), checked before the LMS
 * is called: an id `isId` refuses stops the node with `fix`, which says what an id looks like.
 */
export function courseIdsOf(
	this: IPollFunctions,
	lms: string,
	isId: RegExp,
	fix: string,
): string[] {
	const value = this.getNodeParameter('courseIds', []) as unknown;
	const list = Array.isArray(value) ? value : String(value ?? '').split(',');
	const ids = list.map((id) => String(id).trim()).filter((id) => id !== '');
	const bad = ids.find((id) => !isId.test(id));
	if (bad !== undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`"${COURSES_FIELD}" holds "${bad}", which is not a ${lms} course id: ${fix}`,
		);
	}
	return ids;
}

export const completionItem = (c: KeyedCompletion): INodeExecutionData => ({
	json: { ...c.event, businessKey: c.businessKey } as unknown as IDataObject,
});

/**
 * poll() of the LMS poll triggers: the first activation starts the cursor without calling the
 * LMS (unless "Completed Since" asks for earlier completions), manual mode returns the latest
 * completion as a real sample and leaves the cursor alone, and each poll emits exactly the
 * completions the boundary-safe cursor has not seen.
 */
export async function pollCompletions(
	this: IPollFunctions,
	source: CompletionPollSource,
): Promise<INodeExecutionData[][] | null> {
	const since = String(this.getNodeParameter('since', '') ?? '');
	const sinceMs = since === '' ? undefined : Date.parse(since);
	if (sinceMs !== undefined && Number.isNaN(sinceMs)) {
		throw new NodeOperationError(
			this.getNode(),
			`"Completed Since" is not a date: "${since}"; pick a date or leave it empty`,
		);
	}
	const state = this.getWorkflowStaticData('node');
	const manual = this.getMode() === 'manual';
	if (!manual && (!readCursor(state.cursor) || state.since !== since) && sinceMs === undefined) {
		state.cursor = startCursor(Date.now());
		state.since = since;
		return null;
	}
	const result = await source.read();
	const name = this.getNode().name;
	for (const warning of result.warnings) this.logger.warn(`${name}: ${warning}`);
	if (manual) {
		const latest = selectNew(startCursor(0), result.completions).emit.slice(-1);
		const sample = await source.enrich(latest);
		return sample.length > 0 ? [sample.map(completionItem)] : null;
	}
	const stored = state.since === since ? readCursor(state.cursor) : undefined;
	const cursor = stored ?? startCursor(sinceMs ?? Date.now());
	const { emit, cursor: next } = selectNew(cursor, result.completions);
	state.cursor = next;
	state.since = since;
	if (emit.length === 0) return null;
	// A failed lookup marks the item, never drops it.
	return [(await source.enrich(emit)).map(completionItem)];
}
