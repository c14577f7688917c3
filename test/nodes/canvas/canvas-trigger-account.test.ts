// Canvas Trigger: a signature from Instructure's shared keys is not enough. The event must come
// from a root account (and host, when listed) in the credential's allow-list, or it is refused
// with 403 and nothing runs; a token without iat is refused with 401. The credential's Test
// button fails while no root account is listed.
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	INodeType,
} from 'n8n-workflow';

import { loadNodeTypes } from '../support/node-types';
import {
	CANVAS_TRIGGER,
	deliverLiveEvent,
	liveEvent,
	liveEventsCredential,
} from './canvas-live-events';

test('an event from the listed root account and host starts the workflow', async () => {
	const outcome = await deliverLiveEvent(liveEvent('2019-12-01T08:00:00Z'));
	expect(outcome.items).toHaveLength(1);
	expect(outcome.items[0]).toMatchObject({ source: 'canvas', learner: { id: '123' } });
});

test("another institution's signed event is refused (403) and starts nothing", async () => {
	const foreign = liveEvent('2019-12-02T08:00:00Z', {
		root_account_id: '99990000000000001',
		root_account_uuid: 'SomeOtherTenantUuid',
		hostname: 'elsewhere.instructure.com',
	});
	const outcome = await deliverLiveEvent(foreign);
	expect(outcome.items).toEqual([]);
	expect(outcome.response).toEqual({
		status: 403,
		body: {
			error: expect.stringContaining('root account 99990000000000001'),
			reason: 'foreign_account',
			field: 'metadata.root_account_id',
		},
	});
});

test('a listed account on a host that is not listed is refused (403)', async () => {
	const outcome = await deliverLiveEvent(liveEvent('2019-12-03T08:00:00Z'), {
		credential: liveEventsCredential({ allowedHosts: 'school.instructure.com' }),
	});
	expect(outcome.items).toEqual([]);
	expect(outcome.response).toMatchObject({ status: 403, body: { field: 'metadata.hostname' } });
});

test('a credential without an allowed root account refuses every event (403)', async () => {
	const outcome = await deliverLiveEvent(liveEvent('2019-12-04T08:00:00Z'), {
		credential: liveEventsCredential({ allowedRootAccounts: '', allowedHosts: '' }),
	});
	expect(outcome.items).toEqual([]);
	expect(outcome.response).toMatchObject({
		status: 403,
		body: { reason: 'foreign_account', error: expect.stringContaining('Allowed Root Accounts') },
	});
});

test('a token without iat is refused (401), even one that never expires', async () => {
	const outcome = await deliverLiveEvent(liveEvent('2019-12-05T08:00:00Z'), {
		sign: { iat: null, exp: Math.floor(Date.now() / 1000) + 10 * 365 * 86400 },
	});
	expect(outcome.items).toEqual([]);
	expect(outcome.response).toMatchObject({
		status: 401,
		body: { reason: 'stale_signature', message: expect.stringContaining('iat') },
	});
});

test("the credential's Test fails until a root account is listed", async () => {
	const nodeType = (await loadNodeTypes()).getByNameAndVersion(CANVAS_TRIGGER, 1) as INodeType;
	const credentialTest = nodeType.methods?.credentialTest?.canvasJwksTest;
	if (!credentialTest) throw new Error('the Canvas Trigger has no canvasJwksTest');
	const run = async (data: ICredentialDataDecryptedObject) =>
		await credentialTest.call({} as ICredentialTestFunctions, {
			id: '1',
			name: 'Canvas Live Events keys',
			type: 'canvasLiveEventsApi',
			data,
		});
	expect(await run(liveEventsCredential({ allowedRootAccounts: ' ' }))).toEqual({
		status: 'Error',
		message: expect.stringContaining('Allowed Root Accounts'),
	});
	expect(await run(liveEventsCredential())).toMatchObject({ status: 'OK' });
});
