// A trigger whose credential holds no secret can verify nothing: an HMAC keyed with "" or a
// Basic header of ":" ("Og==") is something anyone can produce, so every such delivery gets 401
// and starts no run. Teachable, which can sign, now requires a signature unless told otherwise.
import { createHmac } from 'node:crypto';

import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	INodeType,
} from 'n8n-workflow';

import { fixture } from '../../unit/lms/fixtures';
import { TEACHABLE_WEBHOOK_SECRET } from '../../simulators/lms/sample-data';
import type { TestCredentials } from '../support/credentials';
import type { WebhookOutcome } from '../support/node-contexts';
import { deliverToTrigger, PACKAGE } from '../support/trigger-delivery';
import { loadNodeTypes } from '../support/node-types';

const hmacHex = (secret: string, body: string) =>
	createHmac('sha256', secret).update(body).digest('hex');

// A fresh completion per call: a repeated one would be answered as a duplicate instead.
let second = 10;
function thinkificBody(): string {
	const { json } = fixture('thinkific-enrollment-completed.json');
	const payload = json.payload as IDataObject;
	return JSON.stringify({
		...json,
		payload: { ...payload, completed_at: `2019-02-01T00:18:${second++}.000Z` },
	});
}
function teachableBody(): string {
	const { json } = fixture('teachable-enrollment-completed.json');
	const object = json.object as IDataObject;
	return JSON.stringify({
		...json,
		object: { ...object, completed_at: `2024-06-03T14:20:${second++}Z` },
	});
}
function doceboBody(): string {
	const { json } = fixture('docebo-enrollment-completed.json');
	const payload = json.payload as IDataObject;
	return JSON.stringify({
		...json,
		payload: { ...payload, completion_date: `2024-06-03 14:20:${second++}` },
	});
}

const deliver = (
	node: string,
	body: string,
	headers: Record<string, string>,
	credentials: TestCredentials,
	parameters: IDataObject = {},
) =>
	deliverToTrigger(
		node,
		{
			raw: body,
			parsed: JSON.parse(body),
			headers: { 'content-type': 'application/json', ...headers },
		},
		credentials,
		parameters,
	);

function expectNoRun(outcome: WebhookOutcome, reason: string) {
	expect(outcome.items).toEqual([]);
	expect(outcome.result.workflowData).toBeUndefined();
	expect(outcome.response).toEqual({
		status: 401,
		body: expect.objectContaining({ error: 'Unauthorized', reason }),
	});
}

describe.each(['', '   '])('a secret of %j refuses every delivery', (secret) => {
	it('Thinkific: a body signed with that key', async () => {
		const body = thinkificBody();
		const outcome = await deliver(
			'thinkificTrigger',
			body,
			{ 'x-thinkific-hmac-sha256': hmacHex(secret, body) },
			{ thinkificApi: { apiKey: secret, subdomain: 'demo-school' } },
		);
		expectNoRun(outcome, 'secret_not_configured');
	});

	it('Teachable: a body signed with that key', async () => {
		const body = teachableBody();
		const outcome = await deliver(
			'teachableTrigger',
			body,
			{ 'teachable-signature': hmacHex(secret, body) },
			{ teachableWebhookApi: { secret } },
			{ authentication: 'signature' },
		);
		expectNoRun(outcome, 'secret_not_configured');
	});

	it('Docebo (secret header): the same empty header', async () => {
		const outcome = await deliver(
			'doceboTrigger',
			doceboBody(),
			{ 'X-Docebo-Secret': secret },
			{ doceboWebhookApi: { authType: 'header', headerName: 'X-Docebo-Secret', secret } },
		);
		expectNoRun(outcome, 'secret_not_configured');
	});

	it('Docebo (Basic auth): "Basic Og==" and its blank variants', async () => {
		const basic = `Basic ${Buffer.from(`${secret}:${secret}`).toString('base64')}`;
		const outcome = await deliver(
			'doceboTrigger',
			doceboBody(),
			{ authorization: basic },
			{ doceboWebhookApi: { authType: 'basic', user: secret, password: secret } },
		);
		expectNoRun(outcome, 'secret_not_configured');
	});
});

test('Docebo Basic auth with a user but no password is refused too', async () => {
	const outcome = await deliver(
		'doceboTrigger',
		doceboBody(),
		{ authorization: `Basic ${Buffer.from('docebo:').toString('base64')}` },
		{ doceboWebhookApi: { authType: 'basic', user: 'docebo', password: '' } },
	);
	expectNoRun(outcome, 'secret_not_configured');
});

describe('Teachable Trigger requires a signature by default', () => {
	const credentials = { teachableWebhookApi: { secret: TEACHABLE_WEBHOOK_SECRET } };

	it('an unsigned delivery gets 401 and starts nothing', async () => {
		expectNoRun(
			await deliver('teachableTrigger', teachableBody(), {}, credentials),
			'missing_signature',
		);
	});

	it('a delivery signed with the secret starts the workflow', async () => {
		const body = teachableBody();
		const outcome = await deliver(
			'teachableTrigger',
			body,
			{ 'teachable-signature': hmacHex(TEACHABLE_WEBHOOK_SECRET, body) },
			credentials,
		);
		expect(outcome.items).toHaveLength(1);
		expect(outcome.result.workflowData?.[0]).toHaveLength(1);
	});
});

describe('the webhook credential tests flag a blank secret', () => {
	async function credentialTest(node: string, method: string, data: IDataObject) {
		const nodeType = (await loadNodeTypes()).getByName(`${PACKAGE}.${node}`) as INodeType;
		const test = nodeType.methods?.credentialTest?.[method];
		if (!test) throw new Error(`${node} declares no ${method}`);
		const credential = { id: '1', name: 'secret', type: 'x', data } as ICredentialsDecrypted;
		return await test.call({} as ICredentialTestFunctions, credential);
	}

	it.each([
		['teachableTrigger', 'teachableSecretTest', { secret: '' }, '"secret"'],
		['moodleTrigger', 'moodleTokenTest', { token: '   ' }, '"token"'],
		['doceboTrigger', 'doceboSecretTest', { authType: 'header', secret: '' }, '"secret"'],
		['doceboTrigger', 'doceboSecretTest', { authType: 'basic', password: '' }, '"user"'],
		[
			'doceboTrigger',
			'doceboSecretTest',
			{ authType: 'basic', user: '', password: 'long-enough-password' },
			'"user"',
		],
	])('%s %s %j fails naming %s', async (node, method, data, field) => {
		expect(await credentialTest(node, method, data)).toEqual({
			status: 'Error',
			message: expect.stringContaining(field),
		});
	});

	it('a Docebo Basic user and password pass', async () => {
		const data = { authType: 'basic', user: 'docebo', password: 'long-enough-password' };
		expect(await credentialTest('doceboTrigger', 'doceboSecretTest', data)).toMatchObject({
			status: 'OK',
		});
	});
});
