import type { CheckResult } from '../result';
import { reject } from '../result';
import { optionalText } from '../values';

/** The Canvas instances whose live events a trigger accepts. */
export interface CanvasAllowList {
	/** Root account ids (global, as metadata.root_account_id) or root account UUIDs. */
	rootAccounts: string[];
	/** Canvas host names (metadata.hostname), compared without case. */
	hosts: string[];
}

/** Entries separated by commas, spaces or new lines; blanks dropped. */
function entries(text: unknown): string[] {
	return typeof text === 'string' ? text.split(/[\s,]+/).filter((entry) => entry !== '') : [];
}

export function parseCanvasAllowList(rootAccounts: unknown, hosts: unknown): CanvasAllowList {
	return {
		rootAccounts: entries(rootAccounts),
		hosts: entries(hosts).map((host) => host.toLowerCase()),
	};
}

/**
 * Ties a verified live event to *this* Canvas. The JWKS that signs live events is shared by every
 * Canvas tenant, so a valid signature only says "some Canvas sent this": anyone with a Canvas
 * account (a free one will do) could subscribe this URL and send signed completions. The event's
 * root account (metadata.root_account_id, or root_account_uuid) must be listed; when hosts are
 * listed, an event naming its host (metadata.hostname) must name a listed one. Events raised by
 * background jobs may carry no hostname [INFERRED: the facts sheet shows job events without
 * request fields], so the root account is what is required; both fields come from the signed
 * claims, so they cannot be forged without Instructure's key.
 */
export function checkCanvasAccount(event: unknown, allow: CanvasAllowList): CheckResult {
	if (allow.rootAccounts.length === 0) {
		return reject(
			'foreign_account',
			'rootAccounts',
			'The Canvas Live Events credential lists no allowed root account, so every event is refused: add your root account id (metadata.root_account_id of an event, e.g. 21070000000000001) to "Allowed Root Accounts"',
		);
	}
	const rootId = optionalText(event, 'metadata.root_account_id');
	const rootUuid = optionalText(event, 'metadata.root_account_uuid');
	const host = optionalText(event, 'metadata.hostname')?.toLowerCase();
	const from = `root account ${rootId ?? rootUuid ?? '(none)'}${host ? `, host ${host}` : ''}`;
	const accountListed = [rootId, rootUuid].some(
		(value) => value !== undefined && allow.rootAccounts.includes(value),
	);
	if (!accountListed) {
		return reject(
			'foreign_account',
			'metadata.root_account_id',
			`The event comes from a Canvas this trigger does not accept (${from}): its root account is not in the credential's "Allowed Root Accounts"`,
		);
	}
	if (host !== undefined && allow.hosts.length > 0 && !allow.hosts.includes(host)) {
		return reject(
			'foreign_account',
			'metadata.hostname',
			`The event comes from a Canvas host this trigger does not accept (${from}): add it to the credential's "Allowed Hosts" or clear that list`,
		);
	}
	return { ok: true };
}
