import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { verifyCertifierSignature } from '../../../nodes/core/integrations/platforms';
import { startCertifierSimulator, startCredlySimulator, type SimHandle } from '../../simulators';
import { certifierFor, credlyFor } from './support/clients';
import { SimControl } from './support/sim-control';

// Webhook emission: Credly's small unsigned payload (verified by re-fetching the event) and
// Certifier's HMAC-signed one (verified over the raw bytes).

interface Received {
	headers: Record<string, string | string[] | undefined>;
	raw: Buffer;
}

/** A receiver on 127.0.0.1 that answers the statuses given, in turn (then 200). */
async function receiver(
	statuses: number[] = [],
): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
	const received: Received[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ headers: req.headers, raw: Buffer.concat(chunks) });
			res.writeHead(statuses.shift() ?? 200).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		received,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

async function until<T>(probe: () => T | undefined, timeoutMs = 3000): Promise<T> {
	const started = Date.now();
	for (;;) {
		const value = probe();
		if (value !== undefined) return value;
		if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

describe('Credly webhooks', () => {
	let sim: SimHandle;
	beforeAll(async () => {
		sim = await startCredlySimulator();
	});
	afterAll(() => sim.stop());

	it('posts the small unsigned payload; the event is verified by fetching it back', async () => {
		const hook = await receiver();
		const control = new SimControl(sim);
		await control.reset();
		await control.webhooks({ url: hook.url });
		const client = credlyFor(sim);
		const { credential } = await client.issue({
			templateId: 'cfaf2910-ea5f-46f1-89a5-db525dad6e58',
			recipient: { name: 'Ada Lovelace', email: 'ada@example.com' },
		});
		const created = await until(() => hook.received[0]);
		const payload = JSON.parse(created.raw.toString('utf8')) as Record<string, string>;
		expect(Object.keys(payload).sort()).toEqual([
			'event_type',
			'id',
			'occurred_at',
			'organization_id',
		]);
		expect(payload).toMatchObject({
			event_type: 'badge.created',
			organization_id: sim.credentials.organizationId,
		});
		expect(Object.keys(created.headers).some((h) => /signature/i.test(h))).toBe(false);
		const event = await client.getEvent(payload.id);
		expect(event).toMatchObject({ event_type: 'badge.created', badge: { id: credential.id } });

		// The earner accepts: badge.state.changed, and the fetched badge is accepted.
		await control.call('POST', `badges/${credential.id}/state`, { state: 'accepted' });
		const changed = await until(() => hook.received[1]);
		const changedEvent = await client.getEvent(
			(JSON.parse(changed.raw.toString('utf8')) as { id: string }).id,
		);
		expect(changedEvent).toMatchObject({
			event_type: 'badge.state.changed',
			badge: { state: 'accepted' },
		});
		await hook.close();
	});

	it('delivers again until the receiver answers 200', async () => {
		const hook = await receiver([500, 201]);
		const control = new SimControl(sim);
		await control.reset();
		await control.webhooks({ url: hook.url });
		await credlyFor(sim).issue({
			templateId: 'cfaf2910-ea5f-46f1-89a5-db525dad6e58',
			recipient: { name: 'Grace Hopper', email: 'grace@example.com' },
		});
		await until(() => (hook.received.length >= 3 ? true : undefined));
		const [delivery] = await control.deliveries();
		expect(delivery).toMatchObject({
			type: 'badge.created',
			attempts: 3,
			status: 200,
			delivered: true,
		});
		await hook.close();
	});
});

describe('Certifier webhooks', () => {
	let sim: SimHandle;
	beforeAll(async () => {
		sim = await startCertifierSimulator();
	});
	afterAll(() => sim.stop());

	it('signs the raw body with HMAC-SHA256 (X-Webhook-Signature, hex)', async () => {
		const hook = await receiver();
		const control = new SimControl(sim);
		await control.reset();
		const secret = sim.credentials.webhookSecret;
		await control.webhooks({ url: hook.url, secret });
		const { credential } = await certifierFor(sim).issue({
			templateId: '01g90279gp5sbmfek7wymcsvec',
			recipient: { name: 'Ada Lovelace', email: 'ada@example.com' },
		});
		await until(() => (hook.received.length >= 2 ? true : undefined));
		const types = hook.received.map(
			(r) => (JSON.parse(r.raw.toString('utf8')) as { type: string }).type,
		);
		expect(types).toEqual(['credential.created', 'credential.issued']);
		for (const delivery of hook.received) {
			const signature = String(delivery.headers['x-webhook-signature']);
			expect(signature).toMatch(/^[0-9a-f]{64}$/);
			expect(verifyCertifierSignature(delivery.raw, signature, secret)).toBe(true);
			expect(verifyCertifierSignature(delivery.raw, signature, 'another-secret')).toBe(false);
			expect(
				verifyCertifierSignature(
					Buffer.concat([delivery.raw, Buffer.from(' ')]),
					signature,
					secret,
				),
			).toBe(false);
		}
		const first = JSON.parse(hook.received[0].raw.toString('utf8')) as {
			data: { resource: { id: string; type: string } };
		};
		expect(first.data.resource).toEqual({ id: credential.id, type: 'credential' });

		// A recipient interaction carries the credential and the interaction.
		await control.call('POST', `credentials/${credential.id}/interactions`, { type: 'viewed' });
		const viewed = await until(() => hook.received[2]);
		const body = JSON.parse(viewed.raw.toString('utf8')) as {
			type: string;
			data: Record<string, unknown>;
		};
		expect(body.type).toBe('credential.viewed');
		expect(body.data).toMatchObject({
			credential: { id: credential.id },
			credentialInteraction: { eventType: 'credential_viewed', triggeredBy: 'recipient' },
		});
		expect(
			verifyCertifierSignature(viewed.raw, String(viewed.headers['x-webhook-signature']), secret),
		).toBe(true);
		await hook.close();
	});
});
