import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { sha256Hex } from '../../../core/domain/canonical';
import { approvalRange } from '../../../core/domain/credit';
import { findReservedKey, RESERVED_KEY_ISSUE } from '../../../core/domain/safe-keys';
import { CreditDecisionSchema, type CreditDecision } from '../../../core/domain/model';
import {
	attendeeEvidence,
	reviewView,
	type EvidenceSignal,
	type ReportEntry,
} from '../../../core/domain/report';
import { EVIDENCE_PROPERTY } from '../credit/attendee-items';
import { failedItems, readDecisions } from './decision-input';

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function notEvidence(this: IExecuteFunctions, itemIndex: number, message: string) {
	return new NodeOperationError(
		this.getNode(),
		`Item ${itemIndex}: the evidence file (binary "${EVIDENCE_PROPERTY}") ${message}`,
		{
			itemIndex,
			description:
				"Connect CPE Credit's Needs Review output (One Item per Attendee keeps the evidence as that file) without changing the item or its file.",
		},
	);
}

/** Titles of the sessions an attendee roll-up lists, credited or not. */
function titlesOf(json: IDataObject): Map<string, string> {
	const lines = [json.sessionCredits, json.uncreditedSessions].flatMap((list) =>
		Array.isArray(list) ? list.filter(isObject) : [],
	);
	return new Map(lines.map((line) => [String(line.sessionId), String(line.title)] as const));
}

/** A per-attendee item's decisions and signals from the evidence file its digest names, or why not. */
async function rollUpEntries(
	this: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<ReportEntry[] | NodeOperationError> {
	const text = (await this.helpers.getBinaryDataBuffer(itemIndex, EVIDENCE_PROPERTY)).toString();
	if (item.json.evidenceDigest !== sha256Hex(text))
		return notEvidence.call(this, itemIndex, "does not match the item's evidenceDigest");
	let file: unknown;
	try {
		file = JSON.parse(text);
	} catch {
		return notEvidence.call(this, itemIndex, 'is not JSON');
	}
	const reserved = findReservedKey(file);
	if (reserved !== undefined)
		return notEvidence.call(this, itemIndex, `has a key at ${reserved} that ${RESERVED_KEY_ISSUE}`);
	const decisions = isObject(file) && Array.isArray(file.decisions) ? file.decisions : undefined;
	const signals = isObject(file) && Array.isArray(file.signals) ? file.signals : [];
	const parsed = decisions?.map((d) => CreditDecisionSchema.safeParse(d));
	if (!parsed || parsed.some((result) => !result.success))
		return notEvidence.call(this, itemIndex, 'does not hold credit decisions');
	const titles = titlesOf(item.json);
	return parsed.map((result) => {
		const decision = result.data as CreditDecision;
		const ids = new Set(decision.subject.sessionIds);
		const title = titles.get(decision.subject.sessionId);
		return {
			decision,
			...(title ? { sessionTitle: title } : {}),
			evidence: signals.filter(
				(s) => isObject(s) && ids.has(String(s.sessionId)),
			) as unknown as EvidenceSignal[],
		};
	});
}

/**
 * Each item in review with `review`: its evidence as a reviewer reads it (`text` for an email,
 * `html` for an n8n Form page's description), the rest of the item and its files unchanged.
 */
export async function review(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	// Per-session decisions carry their evidence on the item; roll-ups carry it as a file.
	const read = readDecisions.call(this, items);
	const entryOf = new Map(read.itemOf.map((index, k) => [index, read.entries[k]] as const));
	const out: INodeExecutionData[] = [];
	const errors: NodeOperationError[] = [];
	for (const [index, item] of items.entries()) {
		const entry = entryOf.get(index);
		const entries = item.binary?.[EVIDENCE_PROPERTY]
			? await rollUpEntries.call(this, item, index)
			: entry
				? [entry]
				: (read.errors.find((error) => error.context.itemIndex === index) as NodeOperationError);
		if (entries instanceof NodeOperationError) {
			errors.push(entries);
			continue;
		}
		const [evidence] = attendeeEvidence(entries);
		const subject = isObject(item.json.subject) ? item.json.subject : {};
		const range = approvalRange(item.json);
		const view = reviewView(evidence, {
			...(typeof subject.eventId === 'string' ? { eventId: subject.eventId } : {}),
			...(typeof item.json.attendeeName === 'string'
				? { attendeeName: item.json.attendeeName }
				: {}),
			// A roll-up in review: what an approval may grant.
			...(range === undefined ? {} : { creditRange: range }),
		});
		out.push({
			json: { ...item.json, review: view as unknown as IDataObject },
			...(item.binary ? { binary: item.binary } : {}),
			pairedItem: { item: index },
		});
	}
	return [[...out, ...failedItems.call(this, errors)]];
}
