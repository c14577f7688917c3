import { foldCredential, wasIssued, type CredentialStatus } from './credential-state';
import { draftOf, type EntryDraft, type LedgerEntry } from './entry';
import { LedgerError, invalidInput, parseOrThrow } from './errors';
import { sealEvidence, storeEvidence } from './evidence';
import { withGoLiveMode } from './go-live';
import {
	RECORD_KINDS,
	RecordDetailsSchemas,
	RevokeRequestSchema,
	SupersedeRequestSchema,
	checkActor,
	checkKey,
	instantOf,
	requirePublic,
	type RecordKind,
} from './inputs';
import type { JsonObject } from './json';
import { describeValue } from '../rules/issues';
import type { LedgerStore, StoreView } from './store';
import { checkTransition, unknownKey } from './transitions';

export interface RecordOutcomeResult {
	/** recorded: an entry was appended; existing: the credential was already claimed. */
	status: 'recorded' | 'existing';
	entry: LedgerEntry;
}

/** Outcomes and governed changes of existing credentials: each appends one entry or nothing. */
export class CredentialChanges {
	constructor(
		private readonly store: LedgerStore,
		private readonly clock: () => Date,
	) {}

	/** Records an outcome for a reserved credential. */
	async record(
		key: string,
		kind: RecordKind,
		details: unknown,
		actor: string,
		options: { now?: Date | string; evidence?: unknown; goLiveMode?: unknown } = {},
	): Promise<LedgerEntry> {
		return (await this.recordOutcome(key, kind, details, actor, options)).entry;
	}

	/**
	 * Records an outcome and says whether it was new. A claim is recorded once: platforms deliver
	 * "badge accepted" / "credential claimed" more than once, and what follows a claim (a call to a
	 * downstream system) must run once, so a credential already claimed appends nothing and
	 * answers its first claim (status existing). The check and the append share one transaction,
	 * so two deliveries at once still record one claim.
	 */
	async recordOutcome(
		key: string,
		kind: RecordKind,
		details: unknown,
		actor: string,
		options: { now?: Date | string; evidence?: unknown; goLiveMode?: unknown } = {},
	): Promise<RecordOutcomeResult> {
		const checkedKey = checkKey(key);
		if (!(RECORD_KINDS as ReadonlyArray<string>).includes(kind)) {
			throw invalidInput('record kind', [
				{
					path: 'kind',
					message: `received ${describeValue(kind)}; expected one of ${RECORD_KINDS.join(', ')}`,
				},
			]);
		}
		const checked = parseOrThrow(
			RecordDetailsSchemas[kind],
			details,
			`${kind} details`,
			'details',
		) as JsonObject;
		requirePublic(checked, `${kind} details`, 'details');
		const payload = withGoLiveMode(checked, options.goLiveMode);
		const checkedActor = checkActor(actor);
		const at = instantOf(options.now, this.clock);
		const evidence = options.evidence === undefined ? undefined : sealEvidence(options.evidence);
		const { value, entries } = await this.store.transact<LedgerEntry | undefined>(async (view) => {
			const history = await view.entriesFor(checkedKey);
			const status = foldCredential(history);
			if (!status) throw unknownKey(checkedKey, 'key');
			const firstClaim = kind === 'claimed' ? status.claimed : undefined;
			if (firstClaim) {
				return { drafts: [], value: history.find((entry) => entry.seq === firstClaim.seq) };
			}
			checkTransition(kind, checkedKey, status, checked);
			await storeEvidence(view, evidence);
			return {
				drafts: [draftOf(kind, checkedKey, at, checkedActor, payload, evidence?.hash)],
				value: undefined,
			};
		});
		return value ? { status: 'existing', entry: value } : { status: 'recorded', entry: entries[0] };
	}

	/** A governed revocation; the issued entry stays in the chain. */
	async revoke(
		key: string,
		request: { reason: string; operator: string; at?: string; category?: string },
		options: { now?: Date | string } = {},
	): Promise<LedgerEntry> {
		const checkedKey = checkKey(key);
		const checked = parseOrThrow(RevokeRequestSchema, request, 'revocation');
		const at = instantOf(options.now, this.clock);
		return this.appendOne(checkedKey, async (_view, status) => {
			checkTransition('revoked', checkedKey, status, {});
			const payload = {
				reason: checked.reason,
				operator: checked.operator,
				revokedAt: checked.at ?? at,
				...(checked.category !== undefined ? { category: checked.category } : {}),
			};
			return draftOf('revoked', checkedKey, at, checked.operator, payload);
		});
	}

	/** Points a credential at its replacement (another ledger key or an external credential). */
	async supersede(
		key: string,
		request: {
			newKey?: string;
			newCredential?: { platform: string; externalId: string; url?: string };
			reason: string;
			operator: string;
			at?: string;
		},
		options: { now?: Date | string } = {},
	): Promise<LedgerEntry> {
		const checkedKey = checkKey(key);
		const checked = parseOrThrow(SupersedeRequestSchema, request, 'supersession');
		if (checked.newKey === checkedKey) {
			throw invalidInput('supersession', [
				{ path: 'newKey', message: 'a credential cannot supersede itself' },
			]);
		}
		if (checked.newCredential)
			requirePublic(checked.newCredential, 'supersession', 'newCredential');
		const at = instantOf(options.now, this.clock);
		return this.appendOne(checkedKey, async (view, status) => {
			checkTransition('superseded', checkedKey, status, {});
			let replacement: JsonObject;
			if (checked.newKey !== undefined) {
				const successor = foldCredential(await view.entriesFor(checked.newKey));
				if (!successor) throw unknownKey(checked.newKey, 'newKey');
				if (!wasIssued(successor)) {
					throw new LedgerError(
						'invalid_state',
						`The replacement "${checked.newKey}" has no issued credential yet`,
						{
							issues: [{ path: 'newKey', message: 'has no issued credential yet' }],
						},
					);
				}
				const { platform, externalId, url } = successor.credential;
				replacement = {
					newKey: checked.newKey,
					newCredential:
						url === undefined ? { platform, externalId } : { platform, externalId, url },
				};
			} else {
				replacement = { newCredential: checked.newCredential as JsonObject };
			}
			const payload = {
				...replacement,
				reason: checked.reason,
				operator: checked.operator,
				supersededAt: checked.at ?? at,
			};
			return draftOf('superseded', checkedKey, at, checked.operator, payload);
		});
	}

	private async appendOne(
		key: string,
		build: (view: StoreView, status: CredentialStatus) => Promise<EntryDraft>,
	): Promise<LedgerEntry> {
		const { entries } = await this.store.transact(async (view) => {
			const status = foldCredential(await view.entriesFor(key));
			if (!status) throw unknownKey(key, 'key');
			return { drafts: [await build(view, status)], value: undefined };
		});
		return entries[0];
	}
}
