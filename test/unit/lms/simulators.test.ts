// The LMS simulators behave like the platforms the triggers talk to: Thinkific registers
// webhooks and re-delivers one completion under new ids, signed over the raw body; TalentLMS
// answers path-encoded calls behind Basic auth with string values and a 200-event cap.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { checkHmacSha256, normaliseThinkific, splitSeen } from '../../../nodes/core/integrations/lms';
import { start, type LmsSimHandle } from '../../simulators/lms';
import { TALENTLMS_API_KEY, THINKIFIC_API_KEY } from '../../simulators/lms/sample-data';

let sims: LmsSimHandle;
let receiver: Server;
let receiverUrl: string;
const received: Array<{ body: string; headers: Record<string, unknown> }> = [];

beforeAll(async () => {
	sims = await start({ port: 0 });
	receiver = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
			res.writeHead(200).end('{}');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
	await sims.stop();
	await new Promise((resolve) => receiver.close(resolve));
});

const thinkific = (path: string, init: RequestInit = {}, key = THINKIFIC_API_KEY) =>
	fetch(`${sims.urls.thinkific}${path}`, {
		...init,
		headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
	});

test('Thinkific: a registered hook gets signed re-deliveries that collapse to one completion', async () => {
	expect((await thinkific('/api/v2/webhooks', {}, 'wrong')).status).toBe(401);
	const created = await thinkific('/api/v2/webhooks', {
		method: 'POST',
		body: JSON.stringify({ topic: 'enrollment.completed', target_url: receiverUrl }),
	});
	expect(created.status).toBe(201);
	const hook = (await created.json()) as { id: string };

	const fired = await fetch(`${sims.urls.thinkific}/__control/complete`, {
		method: 'POST',
		body: JSON.stringify({ userId: 94, courseId: 68, repeat: 3 }),
	});
	const { deliveries } = (await fired.json()) as { deliveries: Array<{ status: number }> };
	expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
	expect(received).toHaveLength(3);

	const keys = received.map(({ body, headers }) => {
		const signature = headers['x-thinkific-hmac-sha256'] as string;
		expect(checkHmacSha256(body, THINKIFIC_API_KEY, signature, 'sig')).toEqual({ ok: true });
		const result = normaliseThinkific(JSON.parse(body));
		if (!result.ok) throw new Error(result.message);
		return {
			id: result.completions[0].event.sourceEventId,
			key: result.completions[0].businessKey,
		};
	});
	expect(new Set(keys.map((k) => k.id)).size).toBe(3);
	expect(
		splitSeen(
			{},
			keys.map((k) => k.key),
		).fresh,
	).toHaveLength(1);

	expect((await thinkific(`/api/v2/webhooks/${hook.id}`, { method: 'DELETE' })).status).toBe(204);
	expect((await thinkific(`/api/v2/webhooks/${hook.id}`)).status).toBe(404);
});

test('TalentLMS: Basic auth with the key and an empty password, timeline capped at 200', async () => {
	const base = sims.urls.talentlms;
	const auth = (key: string) => ({
		authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
	});
	await fetch(`${base}/__control/complete`, {
		method: 'POST',
		body: JSON.stringify({ courseId: '348', at: 1598158733, count: 205 }),
	});
	const denied = await fetch(`${base}/api/v1/ratelimit`, { headers: auth('nope') });
	expect(denied.status).toBe(401);
	expect(await denied.json()).toEqual({
		error: { type: 'authentication_error', message: 'Invalid API key provided' },
	});
	const timeline = await fetch(`${base}/api/v1/gettimeline/event_type:course_completion`, {
		headers: auth(TALENTLMS_API_KEY),
	});
	const events = (await timeline.json()) as Array<Record<string, unknown>>;
	expect(events).toHaveLength(200);
	expect(events[0]).toMatchObject({
		action: 'course_completion',
		unix_timestamp: '1598158733',
		timestamp: '23/08/2020, 04:58:53',
		object_id: '348',
	});
});
