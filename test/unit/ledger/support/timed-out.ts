// What an issuing workflow leaves when the platform times out: the credential reserved, then its
// attempt recorded failed and retryable, naming the platform, both at `at`. Shared by the unit
// and e2e tests of outages and alerts.
import type { CredentialLedger } from '../../../../nodes/core/domain/ledger';
import { decision } from './fixtures';

export async function recordTimedOut(
	ledger: CredentialLedger,
	learnerId: string,
	at: Date,
	platform = 'accredible',
): Promise<string> {
	const key = `ik_timed_out_${learnerId}`;
	await ledger.reserve(key, decision(learnerId, 'PROG-101', { decidedAt: at.toISOString() }), {
		now: at,
	});
	await ledger.record(
		key,
		'failed',
		{ error: `${platform} timed out`, retryable: true, attempt: 1, attributes: { platform } },
		'issuing workflow',
		{ now: at },
	);
	return key;
}
