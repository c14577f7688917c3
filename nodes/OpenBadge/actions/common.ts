import type { IExecuteFunctions } from 'n8n-workflow';

import { OpenBadgeLedger, type SignedCredential } from '../../core/domain/open-badges';
import type { OpenedLedger } from '../../CredentialLedger/transport/open-ledger';
import { optionalText } from '../../kit/text';
import type { Issuer } from '../transport/issuer';

/** What every item of one execution shares. */
export interface BadgeRun {
	opened: OpenedLedger;
	issuer: Issuer;
	/** The ledger's badges, with the status purposes new badges carry. */
	badges: (purposes?: Array<'revocation' | 'suspension'>) => OpenBadgeLedger;
	/** Undefined when Status List Base URL is empty (Verify and Revoke need none). */
	statusBaseUrl?: string;
}

// Signed status lists survive between executions of this n8n process (bounded in the domain).
const statusListCache = new Map<string, { head: string; credential: SignedCredential }>();

export function badgeRun(this: IExecuteFunctions, opened: OpenedLedger, issuer: Issuer): BadgeRun {
	const statusBaseUrl = optionalText(this.getNodeParameter('statusBaseUrl', 0, ''));
	// One per purpose set for the whole run: where new lists start is read from the ledger once.
	const byPurposes = new Map<string, OpenBadgeLedger>();
	return {
		opened,
		issuer,
		statusBaseUrl,
		badges: (statusPurposes) => {
			const purposes = (statusPurposes ?? []).join(',');
			let badges = byPurposes.get(purposes);
			if (badges === undefined) {
				badges = new OpenBadgeLedger(opened.ledger, {
					key: issuer.key,
					statusBaseUrl: statusBaseUrl ?? '',
					actor: 'open-badge',
					statusPurposes,
					cache: statusListCache,
				});
				byPurposes.set(purposes, badges);
			}
			return badges;
		},
	};
}
