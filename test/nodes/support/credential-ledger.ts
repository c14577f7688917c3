// Helpers for driving the Credential Ledger node through the real engine: signing keys, a
// fresh ledger folder per test, and decisions shaped like Verify Completion's.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { generateEd25519KeyPair, deriveIdempotencyKey } from '../../../nodes/core/domain/ledger';
import type { TestCredentials } from './credentials';
import { runNode, type NodeRunResult, type NodeSettings } from './run-node';

// Loading n8n takes seconds on a busy machine; jest's project testTimeout does not cover hooks.
jest.setTimeout(60_000);

export const LEDGER_TYPE = 'n8n-nodes-certificate-delivery.credentialLedger';
export const SIGNING = 'credentialLedgerSigningApi';
export const POSTGRES = 'credentialLedgerPostgresApi';

/** Reserve's outputs; `error` exists with continueErrorOutput. */
export const RESERVE = { new: 0, already_issued: 1, pending: 2, error: 3 } as const;

export const HMAC_SECRET = 'node-test-hmac-secret-0123456789abcdef';
export const ED25519 = generateEd25519KeyPair();

export const ed25519Key = (keyId = 'node-test-ed25519', pem = ED25519.privateKeyPem) => ({
	algorithm: 'ed25519',
	privateKey: pem,
	keyId,
});
export const hmacKey = (keyId = 'node-test-hmac', secret = HMAC_SECRET) => ({
	algorithm: 'hmac-sha256',
	secret,
	keyId,
});

const folders: string[] = [];

export function ledgerFolder(): string {
	const folder = mkdtempSync(path.join(tmpdir(), 'ledger-node-'));
	folders.push(folder);
	return folder;
}

afterAll(() => {
	for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/**
 * Postgres storage needs a real server from LEDGER_PG_URL. In CI a missing URL fails the tests
 * that use it (nothing is skipped there); elsewhere they are skipped.
 */
const postgresAvailable = process.env.LEDGER_PG_URL !== undefined || process.env.CI !== undefined;
export const describePg = postgresAvailable ? describe : describe.skip;

/** The Credential Ledger Postgres API credential for the server LEDGER_PG_URL names. */
export function pgCredential(): ICredentialDataDecryptedObject {
	const pgUrl = process.env.LEDGER_PG_URL;
	if (!pgUrl)
		throw new Error('LEDGER_PG_URL is not set: start a server with scripts/postgres/start.sh');
	const url = new URL(pgUrl);
	return {
		host: url.hostname,
		port: Number(url.port || 5432),
		database: url.pathname.slice(1),
		user: decodeURIComponent(url.username),
		password: decodeURIComponent(url.password),
		ssl: 'disable',
		maxConnections: 5,
	};
}

export const RULE_HASH = 'b'.repeat(64);

export function decision(learnerId = 'L-1', courseId = 'SAFE-101', extra: IDataObject = {}) {
	return {
		subject: {
			learnerId,
			courseId,
			source: 'moodle',
			businessKey: `moodle|${learnerId}|${courseId}|2026-05-04T09:30:00.000Z`,
		},
		outcome: 'verified',
		reasons: [{ code: 'SCORE_MET', detail: 'score 86 >= 80' }],
		dataPoints: { score: 86, passingScore: 80 },
		ruleSetId: 'demo-rules',
		ruleVersion: '1',
		ruleHash: RULE_HASH,
		decidedAt: '2026-05-04T09:31:00.000Z',
		...extra,
	};
}

/** An input item as Verify Completion would pass it on: the completion plus its decision. */
export function completionItem(learnerId = 'L-1', courseId = 'SAFE-101'): IDataObject {
	return {
		learner: { id: learnerId, name: 'Ana Lima', email: 'ana@example.org' },
		course: { id: courseId },
		decision: decision(learnerId, courseId),
	};
}

/** The key Reserve derives for completionItem(...) with this template. */
export function derivedKey(learnerId = 'L-1', courseId = 'SAFE-101', template = 'group-7'): string {
	return deriveIdempotencyKey({
		learnerId,
		templateId: template,
		courseId,
		completion: `moodle|${learnerId}|${courseId}|2026-05-04T09:30:00.000Z`,
	});
}

export interface LedgerRunOptions {
	folder: string;
	parameters?: INodeParameters;
	items?: IDataObject[];
	/** Whole input items (with binary data), instead of `items`. */
	inputItems?: INodeExecutionData[];
	settings?: NodeSettings;
	signing?: ICredentialDataDecryptedObject;
	/** Extra credentials (e.g. Postgres) by type. */
	credentials?: TestCredentials;
}

export async function runLedger(options: LedgerRunOptions): Promise<NodeRunResult> {
	const credentials: TestCredentials = {
		[SIGNING]: options.signing ?? ed25519Key(),
		...options.credentials,
	};
	return await runNode({
		type: LEDGER_TYPE,
		parameters: { folderPath: options.folder, ...options.parameters },
		items: options.items,
		inputItems: options.inputItems,
		settings: options.settings,
		nodeCredentials: Object.fromEntries(
			Object.keys(credentials).map((type) => [type, { id: type, name: `test ${type}` }]),
		),
		credentials,
	});
}

/** Runs one credential operation (Record, Revoke, Status, ...) on a single empty item. */
export async function runCredentialOperation(
	folder: string,
	operation: string,
	parameters: INodeParameters,
): Promise<NodeRunResult> {
	return await runLedger({
		folder,
		items: [{}],
		parameters: { resource: 'credential', operation, ...parameters },
	});
}

/** The ledger's entries as written to its chain file, oldest first. */
export function chainEntries(folder: string): IDataObject[] {
	return readFileSync(path.join(folder, 'chain.jsonl'), 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as IDataObject);
}

/** Reserve parameters for completionItem(...) with a derived key. */
export const RESERVE_PARAMS: INodeParameters = {
	resource: 'credential',
	operation: 'reserve',
	credentialTemplate: 'group-7',
};

export const ISSUED_PARAMS: INodeParameters = {
	resource: 'credential',
	operation: 'record',
	outcome: 'issued',
	platform: 'accredible',
	externalId: '={{ "cred-" + $json.learner.id }}',
	credentialUrl: '={{ "https://example.org/c/" + $json.learner.id }}',
};

export function ledgerOf(item: INodeExecutionData | undefined): IDataObject {
	const ledger = item?.json.ledger;
	if (typeof ledger !== 'object' || ledger === null || Array.isArray(ledger)) {
		throw new Error(`item has no ledger field: ${JSON.stringify(item?.json)}`);
	}
	return ledger as IDataObject;
}

export function pairedIndex(item: INodeExecutionData): number | undefined {
	const paired = item.pairedItem;
	if (typeof paired === 'number') return paired;
	if (Array.isArray(paired)) return paired[0]?.item;
	return paired?.item;
}

/** Reserves then records `issued` for the given items, as a workflow would across two nodes. */
export async function reserveAndIssue(
	folder: string,
	items: IDataObject[],
	signing?: ICredentialDataDecryptedObject,
) {
	const reserved = await runLedger({ folder, items, parameters: RESERVE_PARAMS, signing });
	const fresh = reserved.outputs[RESERVE.new] ?? [];
	const recorded = await runLedger({
		folder,
		items: fresh.map((item) => item.json),
		parameters: ISSUED_PARAMS,
		signing,
	});
	return { reserved, recorded };
}

/** A fresh ledger folder in which the given completions (by default one) are already issued. */
export async function issuedLedger(items: IDataObject[] = [completionItem()]): Promise<string> {
	const folder = ledgerFolder();
	await reserveAndIssue(folder, items);
	return folder;
}
