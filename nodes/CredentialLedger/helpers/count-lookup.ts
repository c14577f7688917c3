import type { IExecuteFunctions } from 'n8n-workflow';

import type { LookupSummary, UnreadableLookups } from '../../core/domain/ledger';
import type { OpenedLedger } from '../transport/open-ledger';

/** The period's lookups; counts that cannot be read are logged and named, never a failed report. */
export async function readLookups(
	this: IExecuteFunctions,
	ledger: OpenedLedger['ledger'],
	period: { periodStart: string; periodEnd: string },
): Promise<LookupSummary | UnreadableLookups | undefined> {
	try {
		return await ledger.lookups.summary(period);
	} catch (error) {
		const problem = `the verification lookup counts could not be read (${(error as Error).message})`;
		this.logger.warn(`Credential Ledger: ${problem}`);
		return { unavailable: problem };
	}
}
