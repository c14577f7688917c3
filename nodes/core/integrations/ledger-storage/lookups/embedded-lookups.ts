import { createReadStream } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import {
	hourStart,
	isLookupSubject,
	type LookupCounter,
	type LookupTally,
	type VerificationLookup,
} from '../../../domain/ledger/lookups';
import type { MetricsPeriod } from '../../../domain/ledger/metrics-scan';

const LINE = /^(\d{4}-\d{2}-\d{2}T\d{2}) ([a-z_]+)$/;

/**
 * Lookups of an embedded ledger, in `lookups.log` beside its chain: one short line per lookup
 * ("2026-12-07T17 valid", "2026-12-07T17 status_list"), appended with O_APPEND so several
 * processes on the folder never interleave lines. Not signed and not part of the chain: a lost
 * or torn line loses one count, never a credential's history.
 */
export class EmbeddedLookupCounter implements LookupCounter {
	readonly path: string;

	constructor(folder: string) {
		this.path = join(folder, 'lookups.log');
	}

	async count({ at, subject }: VerificationLookup): Promise<void> {
		const hour = new Date(hourStart(at)).toISOString().slice(0, 13);
		await appendFile(this.path, `${hour} ${subject}\n`, { flag: 'a' });
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
				const tally = counts.get(id);
				if (tally) tally.count++;
				else
					counts.set(id, {
						hour: new Date(start).toISOString(),
						subject: match[2],
						count: 1,
					});
			}
		} catch (error) {
			// No file yet: nothing was looked up.
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		}
		return [...counts.values()];
	}
}
