// Queue listings inside n8n: List Due Retries routes each failed issuance to Retry or Escalate
// (with the recipient evidence a retry needs) and each failed or never-sent delivery to Resend,
// List Open Reviews lists what waits for a person.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	RESERVE,
	RESERVE_PARAMS,
	chainEntries,
	completionItem,
	derivedKey,
	ledgerFolder,
	ledgerOf,
	runLedger,
} from '../support/credential-ledger';

const RECORD_FAILED = {
	resource: 'credential',
	operation: 'record',
	outcome: 'failed',
	errorMessage: 'Accredible timed out',
	retryable: true,
	recordOptions: {
		attempt: '={{ $json.ledger.attempt }}',
		attributes: '{"platform": "accredible"}',
	},
};
const DUE_RETRIES = { resource: 'queue', operation: 'dueRetries', intervalMinutes: 0 };

/** Two learners whose first issuance failed (reserved with these Reserve options). */
async function failedLedger(reserveOptions: INodeParameters = {}): Promise<string> {
	const folder = ledgerFolder();
	const reserved = await runLedger({
		folder,
		items: [completionItem('L-1'), completionItem('L-2')],
		parameters: { ...RESERVE_PARAMS, reserveOptions },
	});
	const failed = await runLedger({
		folder,
		items: reserved.outputs[RESERVE.new].map((item) => item.json),
		parameters: RECORD_FAILED,
	});
	expect(failed.status).toBe('success');
	return folder;
}

/**
 * L-1 reserved and recorded issued (with Record's `recordOptions`), nothing sent yet; `record`
 * appends to its credential.
 */
async function issuedLedger(recordOptions: INodeParameters = {}) {
	const folder = ledgerFolder();
	const reserved = await runLedger({
		folder,
		items: [completionItem('L-1')],
		parameters: RESERVE_PARAMS,
	});
	const record = (parameters: IDataObject) =>
		runLedger({
			folder,
			items: [{ ledger: { key: derivedKey('L-1') } }],
			parameters: { resource: 'credential', operation: 'record', ...parameters },
		});
	const issued = await runLedger({
		folder,
		items: reserved.outputs[RESERVE.new].map((item) => item.json),
		parameters: {
			resource: 'credential',
			operation: 'record',
			outcome: 'issued',
			platform: 'accredible',
			externalId: '10001',
			credentialUrl: 'https://credentials.example.org/10001',
			recordOptions,
		},
	});
	expect(issued.status).toBe('success');
	return { folder, record };
}

describe('Credential Ledger: queue listings', () => {
	test('List Due Retries puts failed issuances on Retry, with the evidence to issue again', async () => {
		const folder = await failedLedger();
		const run = await runLedger({ folder, items: [{}], parameters: DUE_RETRIES });
		expect(run.status).toBe('success');
		expect(run.outputs).toHaveLength(4);
		const [retry, escalate, outage, resend] = run.outputs;
		expect(escalate).toEqual([]);
		expect(outage).toEqual([]);
		expect(resend).toEqual([]);
		expect(retry.map((item) => item.json)).toEqual([
			expect.objectContaining({
				key: derivedKey('L-1'),
				learnerId: 'L-1',
				attempt: 1,
				platform: 'accredible',
				escalate: false,
				evidence: expect.objectContaining({ learner: completionItem('L-1').learner }),
				decision: expect.objectContaining({ outcome: 'verified' }),
				// No decision names a go-live mode: full, and the playbook's N and rate.
				goLiveMode: 'full',
				assistedFirstN: 50,
				monitoredSampleRate: 10,
			}),
			expect.objectContaining({ key: derivedKey('L-2'), learnerId: 'L-2' }),
		]);
		expect(retry[0].pairedItem).toEqual([{ item: 0 }]);
	});

	test('List Due Retries carries the go-live mode, N and rate Reserve recorded with the decision', async () => {
		const folder = await failedLedger({
			goLiveMode: 'assisted',
			assistedFirstN: 4,
			monitoredSampleRate: 20,
		});
		const decided = chainEntries(folder).filter((e) => e.type === 'decided');
		const recorded = { goLiveMode: 'assisted', assistedFirstN: 4, monitoredSampleRate: 20 };
		expect(decided.map((e) => e.payload)).toEqual([
			expect.objectContaining(recorded),
			expect.objectContaining(recorded),
		]);
		const run = await runLedger({ folder, items: [{}], parameters: DUE_RETRIES });
		expect(run.status).toBe('success');
		const listed = run.outputs[0].map((item) => item.json);
		expect(listed.map((r) => [r.goLiveMode, r.assistedFirstN, r.monitoredSampleRate])).toEqual([
			['assisted', 4, 20],
			['assisted', 4, 20],
		]);
	});

	test('an N given without a go-live mode stops Reserve naming the field', async () => {
		const folder = ledgerFolder();
		const run = await runLedger({
			folder,
			items: [completionItem('L-1')],
			parameters: { ...RESERVE_PARAMS, reserveOptions: { assistedFirstN: 4 } },
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(
			/assistedFirstN: is recorded with the go-live mode; set goLiveMode too/,
		);
		expect(chainEntries(folder)).toEqual([]);
	});

	test('with the attempts used up they go to Escalate; a later interval hides them from Retry', async () => {
		const folder = await failedLedger();
		const exhausted = await runLedger({
			folder,
			items: [{}],
			parameters: { ...DUE_RETRIES, maxAttempts: 1 },
		});
		expect(exhausted.outputs[0]).toEqual([]);
		expect(exhausted.outputs[1].map((item) => item.json.escalateReason)).toEqual([
			'attempts_exhausted',
			'attempts_exhausted',
		]);
		const waiting = await runLedger({
			folder,
			items: [{}],
			parameters: { ...DUE_RETRIES, intervalMinutes: 5 },
		});
		expect(waiting.outputs.map((items) => items.length)).toEqual([0, 0, 0, 0]);
	});

	test('a retry reserved again is a new attempt for the same key, with no second decision', async () => {
		const folder = await failedLedger();
		const listed = await runLedger({ folder, items: [{}], parameters: DUE_RETRIES });
		const again = await runLedger({
			folder,
			items: listed.outputs[0].map((item) => item.json),
			parameters: {
				resource: 'credential',
				operation: 'reserve',
				keySource: 'explicit',
				idempotencyKey: '={{ $json.key }}',
				reserveOptions: { storeEvidence: false },
			},
		});
		expect(again.outputs[RESERVE.new].map((item) => ledgerOf(item))).toEqual([
			expect.objectContaining({ status: 'new', key: derivedKey('L-1'), attempt: 2 }),
			expect.objectContaining({ status: 'new', key: derivedKey('L-2'), attempt: 2 }),
		]);
		expect(chainEntries(folder).map((entry) => entry.type)).toEqual([
			...['decided', 'reserved', 'decided', 'reserved'],
			...['failed', 'failed', 'reserved', 'reserved'],
		]);
	});

	test('an issued credential the mail server refused goes to Resend with its link, until delivered', async () => {
		const { folder, record } = await issuedLedger();
		const refused = await record({
			outcome: 'failed',
			errorMessage: '550 5.1.1 Mailbox unavailable',
			retryable: true,
			recordOptions: { attributes: '{"stage": "delivery", "channel": "email"}' },
		});
		expect(refused.status).toBe('success');
		const listed = await runLedger({ folder, items: [{}], parameters: DUE_RETRIES });
		expect(listed.outputs.map((items) => items.length)).toEqual([0, 0, 0, 1]);
		expect(listed.outputs[3][0].json).toMatchObject({
			key: derivedKey('L-1'),
			state: 'undelivered',
			stage: 'delivery',
			attempt: 1,
			credential: { platform: 'accredible', externalId: '10001' },
			evidence: { learner: completionItem('L-1').learner },
		});
		expect((await record({ outcome: 'delivered', channel: 'email' })).status).toBe('success');
		const after = await runLedger({ folder, items: [{}], parameters: DUE_RETRIES });
		expect(after.outputs.map((items) => items.length)).toEqual([0, 0, 0, 0]);
	});

	test('an issued credential never sent goes to Resend after the grace period, until delivered', async () => {
		const { folder, record } = await issuedLedger({ emailFollows: true });
		// Within the default 15 minutes the issuing run may still be about to send it.
		const early = await runLedger({ folder, items: [{}], parameters: DUE_RETRIES });
		expect(early.outputs.map((items) => items.length)).toEqual([0, 0, 0, 0]);
		const noGrace = { ...DUE_RETRIES, dueRetriesOptions: { neverSentGraceMinutes: 0 } };
		const listed = await runLedger({ folder, items: [{}], parameters: noGrace });
		expect(listed.outputs.map((items) => items.length)).toEqual([0, 0, 0, 1]);
		expect(listed.outputs[3][0].json).toMatchObject({
			key: derivedKey('L-1'),
			state: 'undelivered',
			stage: 'delivery',
			neverSent: true,
			attempt: 0,
			credential: { platform: 'accredible', externalId: '10001' },
			evidence: { learner: completionItem('L-1').learner },
		});
		expect((await record({ outcome: 'delivered', channel: 'email' })).status).toBe('success');
		const after = await runLedger({ folder, items: [{}], parameters: noGrace });
		expect(after.outputs.map((items) => items.length)).toEqual([0, 0, 0, 0]);
	});

	test('an issued credential never sent is not the queue\'s to mail unless Learner Email Follows was set', async () => {
		const noGrace = { ...DUE_RETRIES, dueRetriesOptions: { neverSentGraceMinutes: 0 } };
		for (const recordOptions of [{}, { emailFollows: false }]) {
			const { folder } = await issuedLedger(recordOptions);
			const listed = await runLedger({ folder, items: [{}], parameters: noGrace });
			expect(listed.outputs.map((items) => items.length)).toEqual([0, 0, 0, 0]);
		}
		const folder = ledgerFolder();
		const reserved = await runLedger({
			folder,
			items: [completionItem('L-2')],
			parameters: RESERVE_PARAMS,
		});
		const unreadable = await runLedger({
			folder,
			items: reserved.outputs[RESERVE.new].map((item) => item.json),
			parameters: {
				resource: 'credential',
				operation: 'record',
				outcome: 'issued',
				platform: 'accredible',
				externalId: '10002',
				recordOptions: { emailFollows: '={{ "yes" }}' },
			},
		});
		expect(unreadable.status).toBe('error');
		expect(unreadable.error?.message).toContain('emailFollows');
	});

	test('List Open Reviews lists a review with its reasons until an override closes it', async () => {
		const folder = await failedLedger();
		const review = await runLedger({
			folder,
			items: [{ ledger: { key: derivedKey('L-2') } }],
			parameters: {
				resource: 'credential',
				operation: 'record',
				outcome: 'review',
				reason: 'issuance_failed',
				actor: 'operations queue',
			},
		});
		expect(review.status).toBe('success');
		const listed = await runLedger({
			folder,
			items: [{}],
			parameters: { resource: 'queue', operation: 'openReviews' },
		});
		expect(listed.outputs[0].map((item) => item.json)).toEqual([
			expect.objectContaining({
				key: derivedKey('L-2'),
				learnerId: 'L-2',
				courseId: 'SAFE-101',
				reasons: ['issuance_failed'],
				reminders: 0,
			}),
		]);
		const older = await runLedger({
			folder,
			items: [{}],
			parameters: { resource: 'queue', operation: 'openReviews', olderThanHours: 1 },
		});
		expect(older.outputs[0]).toEqual([]);
	});

	test('a bad setting stops the run naming the field', async () => {
		const folder = await failedLedger();
		const run = await runLedger({
			folder,
			items: [{}],
			parameters: { ...DUE_RETRIES, intervalMinutes: -2 },
		});
		expect(run.status).toBe('error');
		expect(String((run.error as IDataObject | undefined)?.message)).toMatch(/intervalMinutes/);
	});
});
