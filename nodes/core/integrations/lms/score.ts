import type { ScoreOriginal } from '../../domain/model/completion-event';

/** A score on the 0-100 scale, with the value and scale the source used. */
export interface NormalisedScore {
	score: number;
	maxScore: 100;
	scoreOriginal: ScoreOriginal;
}

/**
 * Puts a score on the 0-100 scale that rules compare against, keeping the original for audits.
 * (value - min) / (max - min) * 100, rounded to two decimals. Scores above the maximum (extra
 * credit, Canvas final scores over 100) stay above 100 rather than being capped: capping would
 * hide what the LMS said. Undefined when the reading cannot be a score (no range, not finite,
 * below the minimum).
 */
export function normaliseScore(
	value: number,
	range: { min?: number; max: number },
	text?: string,
): NormalisedScore | undefined {
	const min = range.min ?? 0;
	const { max } = range;
	if (![value, min, max].every(Number.isFinite) || max <= min || value < min) return undefined;
	const percent = Math.round(((value - min) / (max - min)) * 100 * 100) / 100;
	return {
		score: percent,
		maxScore: 100,
		scoreOriginal: { value, min, max, ...(text !== undefined ? { text } : {}) },
	};
}

const PERCENT_TEXT = /^\s*([+-]?\d+(?:[.,]\d+)?)\s*%?\s*$/;

/**
 * Reads the percentage texts LMSs send ("85", "85.00%", "85,5 %", 85) as a 0-100 score.
 * Undefined for empty strings and non-numeric grades ("B+", "Pass"): those are not guessed at.
 */
export function percentScore(input: unknown): NormalisedScore | undefined {
	if (typeof input === 'number') return normaliseScore(input, { max: 100 });
	if (typeof input !== 'string') return undefined;
	const m = PERCENT_TEXT.exec(input);
	if (!m) return undefined;
	return normaliseScore(Number(m[1].replace(',', '.')), { max: 100 }, input);
}
