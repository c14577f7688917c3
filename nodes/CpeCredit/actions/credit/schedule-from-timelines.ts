import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { parseSchedule, type ParsedSchedule } from '../../../core/domain/attendance';
import { canonicalJson } from '../../../core/domain/canonical';
import { describeIssues } from '../../../kit/errors';

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The schedule as the Attendance node described it: every timeline carries its session's
 * definition (and its program's sessions), so only sessions someone attended are needed.
 * Two timelines that disagree about one session stop the node instead of guessing.
 */
export function scheduleFromTimelines(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): ParsedSchedule {
	const sessions = new Map<
		string,
		{ definition: Record<string, unknown>; text: string; item: number }
	>();
	let eventId: string | undefined;
	items.forEach((item, index) => {
		const { session, programSessions } = item.json;
		if (typeof item.json.eventId === 'string') eventId ??= item.json.eventId;
		const definitions = [session, ...(Array.isArray(programSessions) ? programSessions : [])];
		for (const definition of definitions) {
			if (!isObject(definition) || typeof definition.id !== 'string') continue;
			const text = canonicalJson(definition);
			const known = sessions.get(definition.id);
			if (!known) sessions.set(definition.id, { definition, text, item: index });
			else if (known.text !== text) {
				throw new NodeOperationError(
					this.getNode(),
					`Items ${known.item} and ${index} describe session "${definition.id}" differently`,
					{
						itemIndex: index,
						description:
							'Timelines from different schedules were merged. Run one Attendance node per schedule, or set Schedule Source to Parameter.',
					},
				);
			}
		}
	});
	if (sessions.size === 0) {
		throw new NodeOperationError(this.getNode(), 'No input item carries a session definition', {
			description:
				"Connect the Attendance node's Timelines output, or set Schedule Source to Parameter, Input Field or Binary File.",
		});
	}
	const parsed = parseSchedule({
		...(eventId ? { eventId } : {}),
		sessions: [...sessions.values()].map((s) => s.definition),
	});
	if (!parsed.ok) {
		const first = parsed.issues[0];
		throw new NodeOperationError(
			this.getNode(),
			`Invalid session definition on the timelines at "${first.path}": ${first.message}`,
			{ description: describeIssues(parsed.issues) },
		);
	}
	return parsed;
}
