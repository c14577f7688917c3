// A push trigger's replay memory in n8n's WebhookContext: a completion delivered again after n8n
// restarted (the process copy of the keys gone) is answered 200 "duplicate" and starts nothing,
// because the keys were also written under n8n's folder.
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { callWebhook } from '../support/node-contexts';
import { REPO_ROOT } from '../support/pinned-n8n';
import { fixture } from '../../unit/lms/fixtures';
import { thinkific } from '../../simulators/lms/webhook-sender';

const THINKIFIC_TRIGGER = 'n8n-nodes-certificate-delivery.thinkificTrigger';
const API_KEY = 'replay-test-api-key';
const KEY = 'thinkific|94|68|2019-02-01T00:18:10Z';
const { json } = fixture('thinkific-enrollment-completed.json');

/** The module n8n loaded from dist/: jest's registry hands back the instance the trigger uses. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const replayMemory = require(path.join(REPO_ROOT, 'dist/nodes/kit/lms/replay-memory.js')) as {
	forgetReplayMemoryForTests(): void;
};
const restartN8n = () => replayMemory.forgetReplayMemoryForTests();
const replayFolder = () => path.join(process.env.N8N_USER_FOLDER ?? '', '.n8n', 'lms-replay');

async function deliver(deliveryId: string, answer?: number) {
	const delivery = thinkific({ ...json, id: deliveryId }, { secret: API_KEY });
	return await callWebhook({
		type: THINKIFIC_TRIGGER,
		parameters: { responseMode: 'onReceived' },
		credentials: {
			thinkificApi: {
				environment: 'custom',
				baseUrl: 'http://127.0.0.1:9',
				subdomain: 'demo',
				apiKey: API_KEY,
			},
		},
		nodeCredentials: { thinkificApi: { id: 'thinkific-1', name: 'Thinkific account' } },
		body: JSON.parse(delivery.body) as unknown,
		rawBody: Buffer.from(delivery.body),
		headers: delivery.headers,
		answer,
	});
}

const duplicate = { status: 200, body: { status: 'duplicate', duplicates: [KEY] } };

beforeEach(async () => {
	restartN8n();
	await rm(replayFolder(), { recursive: true, force: true });
});

describe('push trigger replay memory', () => {
	test('a replay after a restart is reported as a duplicate and starts no execution', async () => {
		const first = await deliver('delivery-1');
		expect(first.items.map((item) => item.businessKey)).toEqual([KEY]);
		// No answer of its own: n8n answers once the run started, and that settles the key.
		expect(first.result.webhookResponse).toBeUndefined();

		restartN8n();
		const replay = await deliver('delivery-2');
		expect(replay.result).toEqual({ noWebhookResponse: true });
		expect(replay.items).toEqual([]);
		expect(replay.response).toEqual(duplicate);
		expect(await readdir(replayFolder())).toHaveLength(1);
	});

	test('without its file, a restarted trigger emits again (the file is what remembered)', async () => {
		expect((await deliver('delivery-1')).items).toHaveLength(1);
		restartN8n();
		await rm(replayFolder(), { recursive: true, force: true });
		expect((await deliver('delivery-2')).items).toHaveLength(1);
	});

	test('a damaged file costs the memory, not the delivery', async () => {
		expect((await deliver('delivery-1')).items).toHaveLength(1);
		const [file] = await readdir(replayFolder());
		await writeFile(path.join(replayFolder(), file), '"thinkific|9');
		restartN8n();
		expect((await deliver('delivery-2')).items).toHaveLength(1);
		restartN8n();
		expect((await deliver('delivery-3')).response).toEqual(duplicate);
	});

	test('deliveries of one completion arriving together start one execution', async () => {
		const outcomes = await Promise.all(['d-1', 'd-2', 'd-3', 'd-4'].map(deliver));
		expect(outcomes.filter((outcome) => outcome.items.length === 1)).toHaveLength(1);
		// The others: a duplicate (200), or asked to retry while the first is being answered (409).
		const others = outcomes.filter((outcome) => outcome.items.length === 0);
		expect(others).toHaveLength(3);
		for (const other of others) expect([200, 409]).toContain(other.response.status);
	});

	test('a run n8n could not start (it answered 500) leaves the completion fresh for the retry', async () => {
		expect((await deliver('d-1', 500)).items).toHaveLength(1);
		expect((await deliver('d-2')).items).toHaveLength(1);
		expect((await deliver('d-3')).response).toEqual(duplicate);
	});
});
