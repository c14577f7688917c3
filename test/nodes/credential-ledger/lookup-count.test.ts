// Verification page lookups inside n8n's engine: each Get Public Status run is counted, Get
// Metrics reports the period's lookups, and a count that is slow or fails never holds up or
// stops the page answering.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ed25519Pem } from '../../unit/open-badges/support/fixtures';
import { builtModule } from '../support/fast-rate-limits';
import { n8nHome } from '../support/pinned-n8n';
import {
	POSTGRES,
	RESERVE,
	RESERVE_PARAMS,
	SIGNING,
	completionItem,
	describePg,
	ed25519Key,
	ledgerFolder,
	pgCredential,
	runLedger,
} from '../support/credential-ledger';
import { runNode } from '../support/run-node';

const CERTIFICATE_ID = 'C-7K3M-9QXH-2B4N-T8VW';
const METRICS = { resource: 'report', operation: 'metrics' };

async function issuedCertificate(): Promise<string> {
	const folder = ledgerFolder();
	const reserved = await runLedger({
		folder,
		items: [completionItem()],
		parameters: RESERVE_PARAMS,
	});
	await runLedger({
		folder,
		items: (reserved.outputs[RESERVE.new] ?? []).map((item) => item.json),
		parameters: {
			resource: 'credential',
			operation: 'record',
			outcome: 'issued',
			platform: 'certificate-pdf',
			externalId: CERTIFICATE_ID,
		},
	});
	return folder;
}

/** One page view: Get Public Status as template 19 runs it, from a webhook item. */
async function pageView(folder: string, certificateId: string, extra: IDataObject = {}) {
	const run = await runLedger({
		folder,
		items: [{ params: { certificateId }, headers: { accept: 'text/html' } }],
		parameters: { resource: 'credential', operation: 'publicStatus', ...extra },
	});
	expect(run.status).toBe('success');
	const item = run.outputs[0][0] as INodeExecutionData;
	return item.json.response as { statusCode: number; body: string };
}

async function metrics(folder: string, groupBy = 'none'): Promise<IDataObject[]> {
	const run = await runLedger({ folder, items: [{}], parameters: { ...METRICS, groupBy } });
	expect(run.status).toBe('success');
	return run.outputs[0].map((item) => item.json);
}

/** The pinned n8n's own logger, which nodes reach as this.logger. */
function n8nLogger(): { warn: (message: string) => void } {
	const fromCore = createRequire(path.join(n8nHome(), 'node_modules', 'n8n-core', 'package.json'));
	const { Container } = fromCore('@n8n/di') as { Container: { get(token: unknown): never } };
	const { Logger } = fromCore('@n8n/backend-common') as { Logger: unknown };
	return Container.get(Logger);
}

/** The count store our built nodes write to, whose add() a test may hold up. */
const { EmbeddedLookupCounter } = builtModule<{
	EmbeddedLookupCounter: { prototype: { add(tallies: unknown[]): Promise<void> } };
}>('ledger-storage/lookups/embedded-lookups.js');

afterEach(() => jest.restoreAllMocks());

describe('Credential Ledger: verification lookups in Get Metrics', () => {
	test('N page views give a count of N, per status answered', async () => {
		const folder = await issuedCertificate();
		const views = [CERTIFICATE_ID, CERTIFICATE_ID, CERTIFICATE_ID, 'C-NOPE', 'bad id!'];
		const codes = [];
		for (const id of views) codes.push((await pageView(folder, id)).statusCode);
		expect(codes).toEqual([200, 200, 200, 404, 400]);
		const [all] = await metrics(folder);
		expect(all.verificationLookups).toMatchObject({
			total: 5,
			byStatus: { valid: 3, unknown: 1, malformed: 1, revoked: 0 },
			byDay: [{ day: new Date().toISOString().slice(0, 10), count: 5 }],
		});
		const dashboard = await runLedger({
			folder,
			items: [{}],
			parameters: { resource: 'report', operation: 'dashboard' },
		});
		const body = (dashboard.outputs[0][0].json.response as { body: string }).body;
		expect(body).toContain('data-metric="lookupsTotal">5<');
		expect(body).toContain('data-metric="lookupsNotIssued">2<');
		// Grouped figures are per course; lookups are not, so those items carry none.
		const byCourse = await metrics(folder, 'course');
		expect(byCourse.map((group) => group.group)).toEqual(['SAFE-101']);
		expect(byCourse[0]).not.toHaveProperty('verificationLookups');
	});

	test('Count Lookup off: the page answers and nothing is counted', async () => {
		const folder = await issuedCertificate();
		expect((await pageView(folder, CERTIFICATE_ID, { countLookup: false })).statusCode).toBe(200);
		const [all] = await metrics(folder);
		expect(all.verificationLookups).toMatchObject({ total: 0 });
	});

	test('a page answers while its count is still being written; the count lands after', async () => {
		const folder = await issuedCertificate();
		const realAdd = EmbeddedLookupCounter.prototype.add;
		const held: unknown[][] = [];
		let release = () => {};
		const released = new Promise<void>((resolve) => (release = resolve));
		jest.spyOn(EmbeddedLookupCounter.prototype, 'add').mockImplementation(async function (
			this: unknown,
			tallies: unknown[],
		) {
			held.push(tallies);
			await released;
			return realAdd.call(this, tallies);
		});
		const codes = [];
		for (const id of [CERTIFICATE_ID, CERTIFICATE_ID, 'C-NOPE'])
			codes.push((await pageView(folder, id)).statusCode);
		// Three answers while the first count's write has not finished: the other two wait, merged.
		expect(codes).toEqual([200, 200, 404]);
		expect(held).toEqual([[expect.objectContaining({ subject: 'valid', count: 1 })]]);
		release();
		const [all] = await metrics(folder);
		expect(all.verificationLookups).toMatchObject({
			total: 3,
			byStatus: { valid: 2, unknown: 1 },
		});
	});

	test('a count that fails is logged; the page still answers and Get Metrics names it', async () => {
		const folder = await issuedCertificate();
		// A folder where the count file should be: every append to it fails.
		mkdirSync(path.join(folder, 'lookups.log'));
		const warn = jest.spyOn(n8nLogger(), 'warn');
		const page = await pageView(folder, CERTIFICATE_ID);
		expect(page.statusCode).toBe(200);
		expect(page.body).toContain('<h1 id="status">Valid</h1>');
		const [all] = await metrics(folder);
		// The write failed behind the answer: warned once, with no certificate id in it.
		const warned = warn.mock.calls.map(([message]) => String(message));
		expect(warned.filter((message) => message.includes('could not be written'))).toEqual([
			expect.stringMatching(
				/^Credential Ledger: 1 verification lookup counts could not be written \(EISDIR: [^)]*\); they are kept in memory/,
			),
		]);
		expect(warned.join('\n')).not.toContain(CERTIFICATE_ID);
		expect(all.metrics).toMatchObject({ issued: { value: 1 } });
		expect(all.verificationLookups).toEqual({
			unavailable: expect.stringMatching(
				// The read's error: a rejected write behind the page would have come out here instead.
				/^the verification lookup counts could not be read \(EISDIR: [^)]*, read\)$/,
			),
		});
	});

	test('each Open Badge status list served is counted too', async () => {
		const folder = ledgerFolder();
		const badge = (parameters: INodeParameters) =>
			runNode({
				type: 'n8n-nodes-certificate-delivery.openBadge',
				parameters: {
					resource: 'badge',
					folderPath: folder,
					statusBaseUrl: 'https://n8n.example.org/webhook/badges/status',
					...parameters,
				},
				items: [completionItem()],
				nodeCredentials: {
					openBadgeIssuerApi: { id: 'issuer', name: 'issuer' },
					[SIGNING]: { id: 'signing', name: 'signing' },
				},
				credentials: {
					openBadgeIssuerApi: { privateKey: ed25519Pem(), identity: 'key', issuerName: 'Example' },
					[SIGNING]: ed25519Key(),
				},
			});
		const issued = await badge({
			operation: 'issue',
			key: 'badge:L-1:SAFE-101',
			achievementName: 'Safe Lifting Basics',
			achievementDescription: 'Completed the course.',
			criteria: 'Pass the final assessment.',
			issuedOn: '2026-05-04T10:00:00Z',
		});
		expect(issued.status).toBe('success');
		const list = { operation: 'getStatusList', statusPurpose: 'revocation', listNumber: 0 };
		for (const countLookup of [true, true, false]) {
			const served = await badge({ ...list, countLookup });
			expect(served.outputs[0][0].json.statusListCredential).toBeDefined();
		}
		const [all] = await metrics(folder);
		expect(all.verificationLookups).toMatchObject({ total: 0, statusListFetches: 2 });
	});
});

describePg('on Postgres storage (queue mode), lookups go to a table every worker shares', () => {
	test('N page views give a count of N', async () => {
		const storage = { storage: 'postgres', tablePrefix: `node_${randomBytes(5).toString('hex')}` };
		const run = (parameters: INodeParameters, item: IDataObject) =>
			runLedger({
				folder: ledgerFolder(),
				items: [item],
				parameters: { ...storage, ...parameters },
				credentials: { [POSTGRES]: pgCredential() },
			});
		for (let i = 0; i < 4; i++) {
			const page = await run(
				{ resource: 'credential', operation: 'publicStatus' },
				{ params: { certificateId: `C-NONE-${i}` }, headers: {} },
			);
			expect((page.outputs[0][0].json.response as { statusCode: number }).statusCode).toBe(404);
		}
		const report = await run({ ...METRICS, groupBy: 'none' }, {});
		expect(report.outputs[0][0].json.verificationLookups).toMatchObject({
			total: 4,
			byStatus: { unknown: 4, valid: 0 },
		});
	});
});
