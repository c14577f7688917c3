import { SYSTEM_KEY, type LedgerEntry } from './entry';
import { invalidInput } from './errors';
import { isPlainObject, type JsonObject, type JsonValue } from './json';
import { periodOf } from './metrics-scan';
import { figure, percent, worstStatus, type Figure, type FigureStatus } from './playbook-targets';

/** One manual decision as read from an input item or a CSV row, before it is checked. */
export interface StaffDecisionInput {
	learnerId: unknown;
	courseId: unknown;
	decision: unknown;
	/** Where it came from, for messages: "item 3", "CSV row 12". */
	source: string;
}

const ISSUE_WORDS = ['issue', 'issued', 'yes', 'y', 'true', '1', 'approve', 'approved', 'verified'];
const REFUSE_WORDS = [
	...['refuse', 'refused', 'no', 'n', 'false', '0', 'reject', 'rejected', 'deny', 'denied'],
	...['not_eligible', 'not eligible', 'not issued', 'not_issued', 'hold', 'held'],
];

export interface AutomatedSide {
	/** verified, needs_review, not_eligible; none when the ledger holds no decision for the pair. */
	outcome: string;
	wouldIssue: boolean;
	key?: string;
	decidedAt?: string;
	ruleSetId?: string;
	ruleVersion?: string;
	reasons: JsonValue[];
	dataPoints?: JsonObject;
	/** The go-live mode the decision was recorded in (shadow during the shadow weeks). */
	goLiveMode?: string;
}

export interface Disagreement {
	/** false_positive: automation would issue, staff did not; false_negative: the reverse. */
	kind: 'false_positive' | 'false_negative';
	learnerId: string;
	courseId: string;
	source: string;
	staffDecision: 'issue' | 'refuse';
	staffValue: string;
	automated: AutomatedSide;
}

export interface AgreementReport {
	periodStart: string;
	periodEnd: string;
	status: FigureStatus;
	/** Staff decisions compared: each one agrees or is one disagreement. */
	total: number;
	agreements: number;
	disagreements: number;
	falsePositives: number;
	falseNegatives: number;
	metrics: { agreement: Figure; falsePositiveRate: Figure; falseNegativeRate: Figure };
	/** Learner and course pairs the automation decided in the period that no staff row covers. */
	automatedWithoutStaffDecision: number;
	/** Staff decisions compared with an automated decision recorded in shadow mode. */
	comparedWithShadowDecisions: number;
	disagreementList: Disagreement[];
}

interface StaffDecision {
	learnerId: string;
	courseId: string;
	issue: boolean;
	value: string;
	source: string;
}

const pairOf = (learnerId: string, courseId: string) => `${learnerId}\u0000${courseId}`;

/**
 * Compares the staff's manual decisions with the automated ones the ledger recorded in the period
 * (the latest decision per learner and course): the parallel-running report of the playbook.
 * Automation "would issue" only on Verified; Needs Review and Not Eligible issue nothing. A staff
 * decision with no automated one counts as automation not issuing (a completion it never saw).
 */
export async function agreementReport(
	entries: AsyncIterable<LedgerEntry>,
	staffInput: ReadonlyArray<StaffDecisionInput>,
	options: { periodStart: string; periodEnd: string },
): Promise<AgreementReport> {
	const period = periodOf(options.periodStart, options.periodEnd);
	const staff = checkStaffDecisions(staffInput);
	const automated = new Map<string, LedgerEntry>();
	const uncovered = new Set<string>();
	for await (const entry of entries) {
		if (entry.type !== 'decided' || entry.key === SYSTEM_KEY) continue;
		const at = Date.parse(entry.at);
		if (!(at >= period.from && at < period.to)) continue;
		const subject = isPlainObject(entry.payload.subject) ? entry.payload.subject : {};
		const pair = pairOf(String(subject.learnerId ?? ''), String(subject.courseId ?? ''));
		if (staff.has(pair)) automated.set(pair, entry);
		else uncovered.add(pair);
	}
	const disagreementList: Disagreement[] = [];
	for (const decision of staff.values()) {
		const side = automatedSide(automated.get(pairOf(decision.learnerId, decision.courseId)));
		if (side.wouldIssue === decision.issue) continue;
		disagreementList.push({
			kind: side.wouldIssue ? 'false_positive' : 'false_negative',
			learnerId: decision.learnerId,
			courseId: decision.courseId,
			source: decision.source,
			staffDecision: decision.issue ? 'issue' : 'refuse',
			staffValue: decision.value,
			automated: side,
		});
	}
	const total = staff.size;
	let comparedWithShadowDecisions = 0;
	for (const entry of automated.values())
		if (entry.payload.goLiveMode === 'shadow') comparedWithShadowDecisions++;
	const falsePositives = disagreementList.filter((d) => d.kind === 'false_positive').length;
	const falseNegatives = disagreementList.length - falsePositives;
	const metrics = {
		agreement: figure(percent(total - disagreementList.length, total), {
			label: 'Agreement with staff decisions',
			unit: '%',
			target: { op: '>', value: 98 },
			ifMissed: 'Review the disagreements and adjust the rules.',
		}),
		falsePositiveRate: figure(percent(falsePositives, total), {
			label: 'False positives (automation would issue, staff did not)',
			unit: '%',
			target: { op: '<', value: 0.5 },
			ifMissed: 'Halt automated issuing and investigate each false positive.',
		}),
		falseNegativeRate: figure(percent(falseNegatives, total), {
			label: 'False negatives (staff issued, automation would not)',
			unit: '%',
			target: { op: '<', value: 1 },
			ifMissed: 'Review the verification logic against the false negatives.',
		}),
	};
	return {
		periodStart: options.periodStart,
		periodEnd: options.periodEnd,
		status: worstStatus(Object.values(metrics)),
		total,
		agreements: total - disagreementList.length,
		disagreements: disagreementList.length,
		falsePositives,
		falseNegatives,
		metrics,
		automatedWithoutStaffDecision: uncovered.size,
		comparedWithShadowDecisions,
		disagreementList,
	};
}

function automatedSide(entry: LedgerEntry | undefined): AutomatedSide {
	if (!entry) return { outcome: 'none', wouldIssue: false, reasons: [] };
	const p = entry.payload;
	const text = (value: JsonValue | undefined) => (typeof value === 'string' ? value : undefined);
	const outcome = text(p.outcome) ?? 'none';
	return {
		outcome,
		wouldIssue: outcome === 'verified',
		key: entry.key,
		decidedAt: text(p.decidedAt) ?? entry.at,
		...(text(p.ruleSetId) !== undefined ? { ruleSetId: text(p.ruleSetId) } : {}),
		...(text(p.ruleVersion) !== undefined ? { ruleVersion: text(p.ruleVersion) } : {}),
		reasons: Array.isArray(p.reasons) ? p.reasons : [],
		...(isPlainObject(p.dataPoints) ? { dataPoints: p.dataPoints } : {}),
		...(text(p.goLiveMode) !== undefined ? { goLiveMode: text(p.goLiveMode) } : {}),
	};
}

/** Checks every row and refuses the lot, naming each bad row and field, if any is wrong. */
function checkStaffDecisions(rows: ReadonlyArray<StaffDecisionInput>): Map<string, StaffDecision> {
	const checked = new Map<string, StaffDecision>();
	const issues: Array<{ path: string; message: string }> = [];
	for (const row of rows) {
		const learnerId = idText(row.learnerId);
		const courseId = idText(row.courseId);
		const value = idText(row.decision) ?? '';
		const word = value.toLowerCase();
		const issue = ISSUE_WORDS.includes(word) ? true : REFUSE_WORDS.includes(word) ? false : null;
		if (learnerId === undefined)
			issues.push({ path: `${row.source}.learner`, message: 'is empty; expected the learner ID' });
		if (courseId === undefined)
			issues.push({ path: `${row.source}.course`, message: 'is empty; expected the course ID' });
		if (issue === null)
			issues.push({
				path: `${row.source}.decision`,
				message: `received ${JSON.stringify(value)}; expected issue (${ISSUE_WORDS.join(', ')}) or refuse (${REFUSE_WORDS.join(', ')})`,
			});
		if (learnerId === undefined || courseId === undefined || issue === null) continue;
		const pair = pairOf(learnerId, courseId);
		const first = checked.get(pair);
		if (first) {
			issues.push({
				path: `${row.source}.learner`,
				message: `repeats learner "${learnerId}" and course "${courseId}" of ${first.source}; keep one decision per learner and course`,
			});
			continue;
		}
		checked.set(pair, { learnerId, courseId, issue, value, source: row.source });
	}
	if (issues.length > 0) throw invalidInput('staff decisions', issues);
	return checked;
}

function idText(value: unknown): string | undefined {
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}
