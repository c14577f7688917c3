import { SYSTEM_KEY, type LedgerEntry } from './entry';
import { invalidInput } from './errors';
import { periodOf } from './metrics-scan';

const DAY = 24 * 60 * 60_000;
/** A dashboard draws one bar per day; past a quarter the bars are too thin to read. */
export const MAX_DAYS = 92;

export interface DayVolume {
	/** The UTC day, YYYY-MM-DD. */
	day: string;
	decided: number;
	issued: number;
	failed: number;
}

/**
 * Decisions, issuances and failed attempts per UTC day of [periodStart, periodEnd): every day
 * of the period is present, with zeros when nothing happened, so a chart has no gaps.
 */
export async function dailyVolume(
	entries: AsyncIterable<LedgerEntry>,
	options: { periodStart: string; periodEnd: string },
): Promise<DayVolume[]> {
	const period = periodOf(options.periodStart, options.periodEnd);
	const firstDay = Math.floor(period.from / DAY) * DAY;
	const dayCount = Math.ceil((period.to - firstDay) / DAY);
	if (dayCount > MAX_DAYS)
		throw invalidInput('period', [
			{
				path: 'periodStart',
				message: `the period spans ${dayCount} days; a daily series covers at most ${MAX_DAYS}: move Period Start later`,
			},
		]);
	const days: DayVolume[] = [];
	for (let i = 0; i < dayCount; i++)
		days.push({
			day: new Date(firstDay + i * DAY).toISOString().slice(0, 10),
			decided: 0,
			issued: 0,
			failed: 0,
		});
	for await (const entry of entries) {
		if (entry.key === SYSTEM_KEY) continue;
		if (entry.type !== 'decided' && entry.type !== 'issued' && entry.type !== 'failed') continue;
		const at = Date.parse(entry.at);
		if (!(at >= period.from && at < period.to)) continue;
		days[Math.floor((at - firstDay) / DAY)][entry.type]++;
	}
	return days;
}
