import { asArray, asRecord } from '../client-options';
import { isPlatformError, PlatformError } from '../errors';
import type { PlatformHttp } from '../http/platform-http';
import {
	lookupAfterLostAnswer,
	mayHaveCreated,
	preferredCredential,
	type IssueFlowContext,
} from '../issue-flow';
import { parseIssueRequest } from '../issue-request';
import { retryDelayMs } from '../resilience/retry';
import type { IssueOutcome, IssueRequest, PlatformCredential } from '../types';
import { accredibleMessage } from './api';
import { credentialPayload, fromV1 } from './mapping';

/** v2 bulk_create takes at most 30 credentials per call. */
export const BULK_CHUNK = 30;

export interface BulkIssueItem {
	index: number;
	outcome?: IssueOutcome;
	error?: PlatformError;
}

export interface BulkDeps {
	http: PlatformHttp;
	flow: IssueFlowContext;
	search: (query: Record<string, unknown>) => Promise<PlatformCredential[]>;
	today: () => string;
}

interface Pending {
	index: number;
	request: IssueRequest;
}

/**
 * Exactly-once bulk issue: per chunk, search the recipients first, create only the missing ones,
 * and after a retryable failure search again before the next try. Invalid items fail alone,
 * without being sent.
 */
export async function bulkIssueAccredible(
	deps: BulkDeps,
	inputs: readonly unknown[],
): Promise<BulkIssueItem[]> {
	const results: BulkIssueItem[] = inputs.map((_, index) => ({ index }));
	const valid: Pending[] = [];
	inputs.forEach((input, index) => {
		try {
			valid.push({ index, request: parseIssueRequest(input, 'accredible') });
		} catch (error) {
			results[index].error = error as PlatformError;
		}
	});
	const byGroup = new Map<string, Pending[]>();
	for (const item of valid)
		byGroup.set(item.request.templateId, [...(byGroup.get(item.request.templateId) ?? []), item]);
	for (const items of byGroup.values()) {
		for (let start = 0; start < items.length; start += BULK_CHUNK) {
			await issueChunk(deps, items.slice(start, start + BULK_CHUNK), results);
		}
	}
	return results;
}

async function issueChunk(
	deps: BulkDeps,
	chunk: Pending[],
	results: BulkIssueItem[],
): Promise<void> {
	const { retry, clock, random } = deps.flow;
	let todo = chunk;
	// Sticky: once a bulk create went unanswered, its credentials may exist before search shows them.
	let answerLost = false;
	const allFound = (items: Pending[]) => (found: Map<string, PlatformCredential>) =>
		items.every((item) => found.has(item.request.recipient.email));
	for (let attempt = 1; todo.length > 0; attempt++) {
		try {
			const lookingFor = todo;
			const existing = answerLost
				? await lookupAfterLostAnswer(
						() => findChunk(deps, lookingFor),
						allFound(lookingFor),
						deps.flow,
					)
				: await findChunk(deps, todo);
			todo = todo.filter((item) => {
				const found = existing.get(item.request.recipient.email);
				if (found)
					results[item.index].outcome = {
						status: 'already_issued',
						credential: found,
						attempts: attempt,
						detectedBy: 'lookup',
					};
				return !found;
			});
			if (todo.length === 0) return;
			const lostBefore = answerLost;
			const refused = await createChunk(deps, todo, results, attempt).catch((error: unknown) => {
				if (mayHaveCreated(error)) answerLost = true;
				throw error;
			});
			if (refused.length === 0) return;
			// Refused as taken: a duplicate only if it is really there (after a lost answer, once
			// the search has had its time to show it).
			const refusedItems = refused.map((r) => r.item);
			const again = lostBefore
				? await lookupAfterLostAnswer(
						() => findChunk(deps, refusedItems),
						allFound(refusedItems),
						deps.flow,
					)
				: await findChunk(deps, refusedItems);
			for (const { item, error } of refused) {
				const found = again.get(item.request.recipient.email);
				results[item.index] = found
					? {
							index: item.index,
							outcome: {
								status: 'already_issued',
								credential: found,
								attempts: attempt,
								detectedBy: 'duplicate_rejection',
							},
						}
					: { index: item.index, error };
			}
			return;
		} catch (error) {
			const retryable =
				isPlatformError(error) &&
				error.retryable &&
				(error.retryAfterMs ?? 0) <= retry.maxRetryAfterMs;
			if (!retryable || attempt >= retry.maxAttempts) {
				for (const item of todo) results[item.index].error = error as PlatformError;
				return;
			}
			await clock.sleep(retryDelayMs(retry, attempt, error.retryAfterMs, random));
		}
	}
}

/** One search for the whole chunk. [inferred] `recipient_email[in]` follows the documented `[in]` operator. */
async function findChunk(
	deps: BulkDeps,
	items: Pending[],
): Promise<Map<string, PlatformCredential>> {
	const emails = items.map((item) => item.request.recipient.email);
	const hits = await deps.search({
		'group.id': Number(items[0].request.templateId),
		'recipient_email[in]': emails,
	});
	const found = new Map<string, PlatformCredential>();
	for (const email of emails) {
		const mine = hits.filter((hit) => hit.recipient.email?.toLowerCase() === email);
		const best = preferredCredential(mine);
		if (best) found.set(email, best);
	}
	return found;
}

async function createChunk(
	deps: BulkDeps,
	items: Pending[],
	results: BulkIssueItem[],
	attempt: number,
): Promise<Array<{ item: Pending; error: PlatformError }>> {
	const response = await deps.http.send({
		method: 'POST',
		path: '/v2/credentials/bulk_create',
		body: { credentials: items.map((item) => credentialPayload(item.request)) },
		retry: false,
		action: 'bulk-creating credentials',
		acceptStatus: [207, 422],
	});
	const entries = asArray(asRecord(response.body)?.results);
	const refused: Array<{ item: Pending; error: PlatformError }> = [];
	items.forEach((item, position) => {
		const entry = asRecord(entries[position]) ?? {};
		const raw = asRecord(entry.credential);
		// The documentation spells the key both `error` and `errors`.
		const problem = entry.error ?? entry.errors;
		const { message, field, code } = accredibleMessage({ errors: problem });
		if (raw && code === 'insufficient_credits') {
			results[item.index].error = new PlatformError(
				'accredible',
				'no_credits',
				`no credits left: credential ${String(raw.id)} was created but not published.`,
				{
					fix: 'Buy credits in the Accredible dashboard, then publish the credential (it will not be created twice).',
					details: { credentialId: String(raw.id) },
				},
			);
		} else if (raw) {
			results[item.index].outcome = {
				status: 'issued',
				credential: fromV1(raw, deps.today()),
				attempts: attempt,
			};
		} else {
			const error = new PlatformError(
				'accredible',
				'validation_error',
				`the credential was refused${message ? `: ${message}` : ''}.`,
				{
					fix: field
						? `Correct ${field} and try again.`
						: 'Correct the request data and try again.',
					status: 422,
					field,
				},
			);
			if (field === 'recipient.email' && /taken|duplicate/i.test(message ?? ''))
				refused.push({ item, error });
			else results[item.index].error = error;
		}
	});
	return refused;
}
