import type { IExecuteFunctions } from 'n8n-workflow';

import {
	STATUS_LIST_FETCH,
	type LookupSubject,
	type LookupSummary,
	type UnreadableLookups,
} from '../../core/domain/ledger';
import type { OpenedLedger } from '../transport/open-ledger';

/**
 * Counts a verification page or status list served. A count that fails is logged, never the end
 * of the answer: verification must not depend on its own statistics.
 */
export async function countLookupQuietly(
	this: IExecuteFunctions,
	ledger: OpenedLedger['ledger'],
	subject: LookupSubject,
): Promise<void> {
	try {
		await ledger.countLookup(subject);
	} catch (error) {
		this.logger.warn(
			`Credential Ledger: a ${subject === STATUS_LIST_FETCH ? 'status list' : 'verification page'} was served but not counted (${(error as Error).message})`,
		);
	}
}

/** The period's lookups; counts that cannot be read are logged and named, never a failed report. */
export async function readLookups(
	this: IExecuteFunctions,
	ledger: OpenedLedger['ledger'],
	period: { periodStart: string; periodEnd: string },
): Promise<LookupSummary | UnreadableLookups | undefined> {
	try {
		return await ledger.lookupSummary(period);
	} catch (error) {
		const problem = `the verification lookup counts could not be read (${(error as Error).message})`;
		this.logger.warn(`Credential Ledger: ${problem}`);
		return { unavailable: problem };
	}
}
