import { createReadStream } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import {
	isLookupSubject,
	type LookupCounter,
	type LookupTally,
} from '../../../domain/ledger/lookups';
import type { MetricsPeriod } from '../../../domain/ledger/metrics-scan';

const LINE = /^(\d{4}-\d{2}-\d{2}T\d{2}) ([a-z_]+)(?: ([1-9]\d{0,8}))?$/;

/**
 * Lookups of an embedded ledger, in `lookups.log` beside its chain: one short line per hour and
 * subject written ("2026-12-07T17 valid", "2026-12-07T17 status_list 3" for three counted
 * together), appended with O_APPEND so several processes on the folder never interleave lines.
 * Not signed and not part of the chain: a lost or torn line loses its counts, never a
 * credential's history.
 */
export class EmbeddedLookupCounter implements LookupCounter {
	readonly path: string;

	constructor(folder: string) {
		this.path = join(folder, 'lookups.log');
	}

	async add(tallies: ReadonlyArray<LookupTally>): Promise<void> {
		const lines = tallies.map(({ hour, subject, count }) =>
			count === 1
				? `${hour.slice(0, 13)} ${subject}\n`
				: `${hour.slice(0, 13)} ${subject} ${count}\n`,
		);
		// One append for the batch: one write, so its lines stay together.
		if (lines.length > 0) await appendFile(this.path, lines.join(''), { flag: 'a' });
	}

	async tallies(period: MetricsPeriod): Promise<LookupTally[]> {
		const counts = new Map<string, LookupTally>();
		const lines = createInterface({ input: createReadStream(this.path), crlfDelay: Infinity });
		try {
			for await (const line of lines) {
				const match = LINE.exec(line);
				if (!match || !isLookupSubject(match[2])) continue;
				const start = Date.parse(`${match[1]}:00:00Z`);
				if (!(start >= period.from && start < period.to)) continue;
				const id = `${match[1]} ${match[2]}`;
				const count = match[3] === undefined ? 1 : Number(match[3]);
				const tally = counts.get(id);
				if (tally) tally.count += count;
				else counts.set(id, { hour: new Date(start).toISOString(), subject: match[2], count });
			}
		} catch (error) {
			// No file yet: nothing was looked up.
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		}
		return [...counts.values()];
	}
}
