import type { AttendeeEvidence, EvidenceDecision } from './evidence';
import type { EvidenceSignal } from './entries';

/** What a reviewer reads before deciding: the same facts as plain text (email) and HTML (form). */
export interface ReviewView {
	title: string;
	text: string;
	html: string;
	/** Sessions (or programs) whose decision is in review. */
	sessionsInReview: string[];
}

export interface ReviewContext {
	eventId?: string;
	attendeeName?: string;
	/** What an approval may grant (reviewCreditLimits' range), for a roll-up in review. */
	creditRange?: string;
}

/** One block of the view: a heading, label/value facts, lists and a signal table. */
interface Block {
	heading: string;
	facts: Array<[string, string]>;
	lists: Array<{ label: string; items: string[] }>;
	signals: EvidenceSignal[];
}

/** "2026-05-12 13:03:00 UTC": unambiguous in any reviewer's locale. */
function utc(iso: string): string {
	return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') + ' UTC';
}

function windowsText(d: EvidenceDecision): string {
	if (d.windowsUsed.length === 0) return 'none';
	return d.windowsUsed
		.map((w) => `${utc(w.start)} to ${utc(w.end)} (${w.sources.join(', ')})`)
		.join('; ');
}

function signalNote(s: EvidenceSignal): string {
	const parts: string[] = [];
	if (s.sessionId) parts.push(`session ${s.sessionId}`);
	if (s.row !== undefined) parts.push(`row ${s.row}`);
	if (s.room) parts.push(`room ${s.room}`);
	if (s.pollId) parts.push(`poll ${s.pollId}${s.answered === false ? ' (not answered)' : ''}`);
	return parts.join(', ');
}

function decisionBlock(d: EvidenceDecision): Block {
	const name = d.sessionTitle ? `${d.sessionId} ${d.sessionTitle}` : d.sessionId;
	return {
		heading: `${d.outcome === 'needs_review' ? 'In review' : 'Decided'}: ${name}`,
		facts: [
			['Outcome', `${d.outcome}, ${d.credits} of ${d.maxCredits} credits`],
			[
				'Attended',
				`${d.attendedMinutes} of ${d.contentMinutes} minutes (${d.attendedPercent} %), ${d.deliveryMethod}`,
			],
			['Rule', `${d.policy.id} version ${d.policy.version}, hash ${d.policy.hash.slice(0, 12)}`],
			['Windows counted', windowsText(d)],
		],
		lists: [{ label: 'Reasons', items: d.reasons.map((r) => `${r.code}: ${r.detail}`) }],
		signals: d.signals,
	};
}

function blockText(block: Block): string[] {
	const lines = [block.heading];
	for (const [label, value] of block.facts) lines.push(`  ${label}: ${value}`);
	for (const list of block.lists) {
		lines.push(`  ${list.label}:`);
		for (const item of list.items) lines.push(`    - ${item}`);
	}
	lines.push(`  Source signals (${block.signals.length}):`);
	for (const s of block.signals) {
		const note = signalNote(s);
		lines.push(
			`    - ${utc(s.at)}  ${s.kind}  ${s.source} (confidence ${s.confidence})${note ? `, ${note}` : ''}${s.use ? `: ${s.use}` : ''}`,
		);
	}
	return lines;
}

const escapeHtml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function blockHtml(block: Block): string {
	const facts = block.facts
		.map(([label, value]) => `<li><b>${escapeHtml(label)}:</b> ${escapeHtml(value)}</li>`)
		.join('');
	const lists = block.lists
		.map(
			(list) =>
				`<p><b>${escapeHtml(list.label)}</b></p><ul>${list.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`,
		)
		.join('');
	const rows = block.signals
		.map(
			(s) =>
				`<tr>${[utc(s.at), s.kind, s.source, String(s.confidence), signalNote(s), s.use ?? '']
					.map((cell) => `<td>${escapeHtml(cell)}</td>`)
					.join('')}</tr>`,
		)
		.join('');
	const table = `<table><thead><tr><th>Time</th><th>Kind</th><th>Source</th><th>Confidence</th><th>Where</th><th>Use</th></tr></thead><tbody>${rows}</tbody></table>`;
	return `<h3>${escapeHtml(block.heading)}</h3><ul>${facts}</ul>${lists}<p><b>Source signals (${block.signals.length})</b></p>${table}`;
}

/**
 * The evidence of one attendee as a reviewer reads it: every decision in review in full
 * (outcome, attendance, rule, windows counted, reasons, each source signal and what it
 * contributed), then the attendee's other decisions in one line each with their reason codes.
 */
export function reviewView(evidence: AttendeeEvidence, context: ReviewContext = {}): ReviewView {
	const inReview = evidence.decisions.filter((d) => d.outcome === 'needs_review');
	const others = evidence.decisions.filter((d) => d.outcome !== 'needs_review');
	const who = context.attendeeName
		? `${evidence.attendeeId} (${context.attendeeName})`
		: evidence.attendeeId;
	const title = `CPE review: ${who}${context.eventId ? `, event ${context.eventId}` : ''}`;
	const summary = `${inReview.length} of ${evidence.decisions.length} decisions in review; ${evidence.creditsAwarded} credits awarded by the others.${context.creditRange ? ` An approval grants a total ${context.creditRange}; no amount keeps the computed credit.` : ''}`;
	const blocks = inReview.map(decisionBlock);
	const otherLines = others.map(
		(d) =>
			`${d.sessionId}${d.sessionTitle ? ` ${d.sessionTitle}` : ''}: ${d.outcome}, ${d.credits} credits (${d.reasons.map((r) => r.code).join(', ')})`,
	);
	const text = [
		title,
		summary,
		...blocks.flatMap((block) => ['', ...blockText(block)]),
		...(otherLines.length > 0
			? ['', 'Other decisions:', ...otherLines.map((l) => `  - ${l}`)]
			: []),
	].join('\n');
	const html = [
		`<h2>${escapeHtml(title)}</h2><p>${escapeHtml(summary)}</p>`,
		...blocks.map(blockHtml),
		otherLines.length > 0
			? `<p><b>Other decisions</b></p><ul>${otherLines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`
			: '',
	].join('');
	return { title, text, html, sessionsInReview: inReview.map((d) => d.sessionId) };
}
