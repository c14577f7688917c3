import { isOpenBadgeError } from '../../core/domain/open-badges';
import { explainLedgerError } from '../../CredentialLedger/helpers/errors';
import { itemPrefix, type Explain } from '../../kit/node-errors';

const HINTS: Record<string, string> = {
	invalid_input: 'Fix the named field; nothing was signed or written.',
	invalid_issuer_key:
		'Open the Open Badge Issuer API credential: the private key must be an Ed25519 key (PKCS#8 PEM or multibase).',
	unknown_credential:
		'Check the Credential ID: it must be the id the Issue operation returned, on the same ledger.',
	invalid_state: 'The badge is not in a state that allows this; nothing was written.',
};

/** Open Badge errors name their field and fix; ledger errors read as the Credential Ledger's. */
export const explainBadgeError: Explain = (cause, itemIndex) => {
	if (!isOpenBadgeError(cause)) return explainLedgerError(cause, itemIndex);
	return { message: `${itemPrefix(itemIndex)}${cause.message}`, description: HINTS[cause.code] };
};
