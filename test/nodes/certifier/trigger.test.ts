// The Certifier Trigger's webhook() in n8n's WebhookContext: only deliveries whose HMAC over the
// raw body matches the secret start the workflow.
import { createHmac } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import {
	CERTIFIER_GROUP,
	CERTIFIER_TRIGGER_TYPE,
	CERTIFIER_TYPE,
	certifierCredentials,
	jsonOf,
	runPlatformNode,
	usePlatform,
} from '../support/issuer-platforms';
import { callWebhook } from '../support/node-contexts';

const platform = usePlatform('certifier');

function sign(raw: Buffer | string, secret = platform().sim.credentials.webhookSecret): string {
	return createHmac('sha256', secret).update(raw).digest('hex');
}

async function issuedCredentialId(): Promise<string> {
	const run = await runPlatformNode(CERTIFIER_TYPE, platform(), {
		parameters: {
			resource: 'credential',
			operation: 'create',
			groupId: CERTIFIER_GROUP,
			recipientName: 'Ada Lovelace',
			recipientEmail: 'ada@example.com',
		},
	});
	return (jsonOf(run)[0].credential as IDataObject).id as string;
}

function issuedEvent(credentialId: string) {
	return {
		id: '01jmyw7nvtk2372kwn572mwfq7',
		type: 'credential.issued',
		createdAt: '2026-05-04T09:00:00.000Z',
		data: { resource: { id: credentialId, type: 'credential' } },
	};
}

async function deliver(options: {
	body: unknown;
	raw?: Buffer;
	signature?: string;
	events?: string[];
	fetchCredential?: boolean;
	credentials?: ReturnType<typeof certifierCredentials>;
}) {
	const raw = options.raw ?? Buffer.from(JSON.stringify(options.body));
	return await callWebhook({
		type: CERTIFIER_TRIGGER_TYPE,
		parameters: {
			events: options.events ?? ['credential.issued'],
			fetchCredential: options.fetchCredential ?? true,
		},
		credentials: options.credentials ?? platform().credentials,
		nodeCredentials: platform().nodeCredentials,
		body: options.body,
		rawBody: raw,
		headers: options.signature === undefined ? {} : { 'X-Webhook-Signature': options.signature },
	});
}

describe('Certifier Trigger', () => {
	test('a signed delivery starts the workflow with the full credential read back', async () => {
		const id = await issuedCredentialId();
		const body = issuedEvent(id);
		const raw = Buffer.from(JSON.stringify(body));
		const outcome = await deliver({ body, raw, signature: sign(raw) });
		expect(outcome.response.status).toBeUndefined();
		expect(outcome.items).toEqual([
			expect.objectContaining({
				event: 'credential.issued',
				credentialId: id,
				verified: true,
				credential: expect.objectContaining({
					id,
					state: 'issued',
					recipientEmail: 'ada@example.com',
				}),
			}),
		]);
	});

	test('the signature is checked over the raw bytes, not over the body parsed again', async () => {
		const id = await issuedCredentialId();
		const body = issuedEvent(id);
		// Certifier's bytes are not what JSON.stringify would write: pretty-printed here.
		const raw = Buffer.from(JSON.stringify(body, null, 2));
		const overRaw = await deliver({ body, raw, signature: sign(raw) });
		expect(overRaw.items).toHaveLength(1);
		const overReserialised = await deliver({ body, raw, signature: sign(JSON.stringify(body)) });
		expect(overReserialised.response.status).toBe(401);
		expect(overReserialised.items).toEqual([]);
	});

	test('a wrong, missing or malformed signature is refused with 401 and starts nothing', async () => {
		const body = issuedEvent('01hz2f0c9ryvzajg20jqh9taab');
		const raw = Buffer.from(JSON.stringify(body));
		for (const signature of [
			sign(raw, 'another-secret'),
			undefined,
			'not-hex',
			sign(raw).slice(0, 32),
		]) {
			const outcome = await deliver({ body, raw, signature });
			expect(outcome.response.status).toBe(401);
			expect(outcome.items).toEqual([]);
		}
	});

	test('without a signing secret in the credential nothing is accepted', async () => {
		const body = issuedEvent('01hz2f0c9ryvzajg20jqh9taab');
		const raw = Buffer.from(JSON.stringify(body));
		const outcome = await deliver({
			body,
			raw,
			signature: sign(raw),
			credentials: certifierCredentials(platform().sim, { webhookSecret: '' }),
		});
		expect(outcome.response.status).toBe(500);
		expect(outcome.items).toEqual([]);
	});

	test('events not chosen are acknowledged and dropped; viewed events carry the interaction', async () => {
		const id = await issuedCredentialId();
		const viewed = {
			id: '01jmyw7nvtk2372kwn572mwfq8',
			type: 'credential.viewed',
			createdAt: '2026-05-04T10:00:00.000Z',
			data: {
				credential: {
					id,
					groupId: CERTIFIER_GROUP,
					status: 'issued',
					publicId: 'p-1',
					recipient: { name: 'Ada Lovelace', email: 'ada@example.com' },
				},
				credentialInteraction: {
					id: 'i-1',
					eventType: 'credential_viewed',
					triggeredBy: 'recipient',
					credentialId: id,
				},
			},
		};
		const raw = Buffer.from(JSON.stringify(viewed));
		const dropped = await deliver({
			body: viewed,
			raw,
			signature: sign(raw),
			events: ['credential.issued'],
		});
		expect(dropped.response).toMatchObject({ status: 200, body: { ignored: 'credential.viewed' } });
		expect(dropped.items).toEqual([]);
		await platform().control.clearRequests();
		const wanted = await deliver({
			body: viewed,
			raw,
			signature: sign(raw),
			events: ['credential.viewed', 'credential.shared'],
		});
		expect(wanted.items[0]).toMatchObject({
			event: 'credential.viewed',
			interaction: { eventType: 'credential_viewed' },
			credential: { id, recipientEmail: 'ada@example.com' },
		});
		// The credential came with the event: nothing was read back.
		expect(await platform().control.requests()).toEqual([]);
	});

	test('a delivery from the simulator itself verifies end to end', async () => {
		const received: Array<{ raw: Buffer; signature: string }> = [];
		const http = await import('node:http');
		const server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				received.push({
					raw: Buffer.concat(chunks),
					signature: String(req.headers['x-webhook-signature']),
				});
				res.end('ok');
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const port = (server.address() as { port: number }).port;
		try {
			await platform().control.webhooks({
				url: `http://127.0.0.1:${port}/hook`,
				secret: platform().sim.credentials.webhookSecret,
			});
			const id = await issuedCredentialId();
			const deadline = Date.now() + 5000;
			while (!received.some((r) => r.raw.includes('credential.issued')) && Date.now() < deadline) {
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			const delivery = received.find((r) => r.raw.includes('credential.issued'));
			expect(delivery).toBeDefined();
			const body = JSON.parse(String(delivery?.raw)) as IDataObject;
			const outcome = await deliver({ body, raw: delivery?.raw, signature: delivery?.signature });
			expect(outcome.items[0]).toMatchObject({
				event: 'credential.issued',
				credentialId: id,
				credential: { state: 'issued' },
			});
		} finally {
			server.close();
		}
	});
});
