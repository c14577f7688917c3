import { LedgerError } from './errors';
import { isDeliveryFailure, wasIssued, type CredentialStatus } from './credential-state';
import type { EntryType } from './entry';
import type { JsonObject } from './json';

/** Refuses an entry that does not fit the credential's current state, naming both. */
export function checkTransition(
	type: EntryType,
	key: string,
	status: CredentialStatus,
	details: JsonObject,
): void {
	const refuse = (message: string, path = 'key'): never => {
		throw new LedgerError('invalid_state', `Cannot record ${type} for "${key}": ${message}`, {
			issues: [{ path, message }],
			details: { key, state: status.state },
		});
	};
	const issued = wasIssued(status);
	const attempt = details.attempt;
	const checkAttempt = () => {
		if (typeof attempt === 'number' && attempt !== status.attempts) {
			refuse(
				`attempt ${attempt} is not the current one (attempt ${status.attempts} holds the reservation)`,
				'details.attempt',
			);
		}
	};
	switch (type) {
		case 'issued':
			if (issued) {
				refuse(
					`it was already issued as ${status.credential.platform} ${status.credential.externalId} (entry ${status.credential.seq})`,
				);
			}
			if (status.attempts === 0) refuse('it was never reserved');
			checkAttempt();
			return;
		case 'failed':
			if (isDeliveryFailure(details)) {
				// Only an issued credential still waiting for its learner can fail to reach them.
				if (!issued) refuse('it has not been issued, so there is nothing to deliver');
				if (status.state !== 'issued')
					refuse(`it is ${status.state}: a failed delivery is recorded only before delivery`);
				return;
			}
			if (issued)
				refuse(
					'it was already issued (a delivery that failed is recorded with attributes {"stage": "delivery"})',
				);
			if (status.state !== 'reserved')
				refuse(`no reservation is in flight (state ${status.state})`);
			checkAttempt();
			return;
		case 'delivered':
		case 'claimed':
			if (!issued) refuse('it has not been issued');
			if (status.state === 'revoked' || status.state === 'superseded')
				refuse(`it is ${status.state}`);
			return;
		case 'revoked':
			if (!issued) refuse('it has no issued credential to revoke');
			if (status.state === 'revoked')
				refuse(`it was already revoked (entry ${status.revocation?.seq ?? '?'})`);
			return;
		case 'superseded':
			if (!issued) refuse('it has no issued credential to supersede');
			if (status.supersession)
				refuse(`it was already superseded (entry ${status.supersession.seq})`);
			return;
		default:
			return;
	}
}

export function unknownKey(key: string, path: string): LedgerError {
	return new LedgerError('unknown_key', `No credential with key "${key}" in the ledger`, {
		issues: [{ path, message: `no credential with key "${key}"; reserve it first` }],
		details: { key },
	});
}
