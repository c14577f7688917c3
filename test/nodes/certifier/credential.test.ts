// Every Credential operation of the Certifier node against the Certifier simulator.
import type { IDataObject } from 'n8n-workflow';

import {
	apiRequests,
	CERTIFIER_GROUP,
	CERTIFIER_TYPE,
	jsonOf,
	pairedIndexes,
	runPlatformNode,
	usePlatform,
} from '../support/issuer-platforms';

const platform = usePlatform('certifier');

const ada = { name: 'Ada Lovelace', email: 'Ada@Example.com' };

function credentialFields(extra: IDataObject = {}) {
	return {
		groupId: CERTIFIER_GROUP,
		recipientName: '={{ $json.name }}',
		recipientEmail: '={{ $json.email }}',
		additionalFields: {
			issueDate: '2026-05-04',
			customAttributes: '{"course": "Intro to Programming", "cpe_credits": 4}',
		},
		...extra,
	};
}

async function run(operation: string, parameters: IDataObject, items: IDataObject[] = [{}]) {
	return await runPlatformNode(CERTIFIER_TYPE, platform(), {
		parameters: { resource: 'credential', operation, ...parameters },
		items,
	});
}

async function issueOne(): Promise<IDataObject> {
	const result = await run('create', credentialFields(), [ada]);
	expect(result.error).toBeUndefined();
	return jsonOf(result)[0].credential as IDataObject;
}

describe('Certifier node: Credential', () => {
	test('create creates, issues and sends one credential (three calls)', async () => {
		const result = await run('create', credentialFields(), [ada]);
		const [out] = jsonOf(result);
		expect(out).toMatchObject({ status: 'issued', alreadyIssued: false });
		expect(out.credential).toMatchObject({
			platform: 'certifier',
			templateId: CERTIFIER_GROUP,
			state: 'issued',
			recipientEmail: 'ada@example.com',
			issuedOn: '2026-05-04',
			raw: {
				customAttributes: { 'custom.course': 'Intro to Programming', 'custom.cpe_credits': '4' },
			},
		});
		expect(String((out.credential as IDataObject).url)).toMatch(
			/^https:\/\/credsverse\.com\/credentials\//,
		);
		const issued = await platform().control.issued();
		expect(issued.items).toEqual([expect.objectContaining({ status: 'issued', sentCount: 1 })]);
		const posts = (await apiRequests(platform(), 'POST')).map((r) => r.path);
		expect(posts.filter((p) => /\/v1\/credentials(\/[^/]+\/(issue|send))?$/.test(p))).toHaveLength(
			3,
		);
	});

	test('the same recipient again returns the existing credential; nothing is created or sent', async () => {
		const first = await issueOne();
		const again = await run('create', credentialFields(), [{ ...ada, email: 'ada@example.com' }]);
		const [out] = jsonOf(again);
		expect(out).toMatchObject({ alreadyIssued: true, detectedBy: 'lookup' });
		expect((out.credential as IDataObject).id).toBe(first.id);
		const issued = await platform().control.issued();
		expect(issued.total).toBe(1);
		expect(issued.items[0].sentCount).toBe(1);
	});

	test('one call (create-issue-send) issues too, and also only once', async () => {
		const parameters = credentialFields({ options: { apiCalls: 'singleCall' } });
		const first = await run('create', parameters, [ada, ada]);
		expect(jsonOf(first).map((o) => o.alreadyIssued)).toEqual([false, true]);
		expect(pairedIndexes(first)).toEqual([0, 1]);
		const paths = (await apiRequests(platform(), 'POST')).map((r) => r.path);
		expect(paths).toContain('/v1/credentials/create-issue-send');
		expect((await platform().control.issued()).total).toBe(1);
	});

	test('without Send Email the credential is issued but not emailed', async () => {
		await run('create', credentialFields({ options: { sendEmail: false } }), [ada]);
		expect((await platform().control.issued()).items[0]).toMatchObject({
			status: 'issued',
			sentCount: 0,
		});
	});

	test('three separate steps: create draft, issue draft, send', async () => {
		const created = await run('createDraft', credentialFields(), [ada]);
		const draft = jsonOf(created)[0];
		expect(draft).toMatchObject({ alreadyExists: false, credential: { state: 'draft' } });
		const id = (draft.credential as IDataObject).id as string;
		const again = await run('createDraft', credentialFields(), [ada]);
		expect(jsonOf(again)[0]).toMatchObject({ alreadyExists: true, credential: { id } });

		const issued = await run('issueDraft', { credentialId: id });
		expect(jsonOf(issued)[0]).toMatchObject({ id, state: 'issued' });
		const issuedAgain = await run('issueDraft', { credentialId: id });
		expect(jsonOf(issuedAgain)[0]).toMatchObject({ id, state: 'issued' });

		const sent = await run('send', { credentialId: id });
		expect(jsonOf(sent)[0]).toMatchObject({ id });
		expect((await platform().control.issued()).items).toEqual([
			expect.objectContaining({ id, status: 'issued', sentCount: 1 }),
		]);
	});

	test('get and search', async () => {
		const credential = await issueOne();
		await run('create', credentialFields(), [{ name: 'Bo Chen', email: 'bo@example.com' }]);
		const got = await run('get', { credentialId: credential.id as string });
		expect(jsonOf(got)[0]).toMatchObject({ id: credential.id, recipientName: 'Ada Lovelace' });
		const byEmail = await run('search', {
			returnAll: true,
			filters: { recipientEmail: 'BO@example.com' },
		});
		expect(jsonOf(byEmail).map((c) => c.recipientEmail)).toEqual(['bo@example.com']);
		const byGroup = await run('search', {
			returnAll: true,
			filters: { groupId: CERTIFIER_GROUP, status: 'issued' },
		});
		expect(jsonOf(byGroup)).toHaveLength(2);
		const byName = await run('search', { returnAll: true, filters: { recipientName: 'Lovel' } });
		expect(jsonOf(byName).map((c) => c.id)).toEqual([credential.id]);
		const limited = await run('search', { returnAll: false, limit: 1 });
		expect(jsonOf(limited)).toHaveLength(1);
	});

	test('a search by a malformed Recipient Email is refused by name before any request', async () => {
		const refused = await run('search', { returnAll: true, filters: { recipientEmail: 'bo@' } });
		expect(refused.status).toBe('error');
		expect(refused.error?.message).toMatch(/"Recipient Email" \(filters\.recipientEmail\)/);
		expect(await apiRequests(platform())).toEqual([]);
	});

	test('update expiry sets and removes the date', async () => {
		const credential = await issueOne();
		const set = await run('updateExpiry', {
			credentialId: credential.id as string,
			expiryDate: '2030-01-31',
		});
		expect(jsonOf(set)[0]).toMatchObject({
			previousExpiresOn: null,
			credential: { expiresOn: '2030-01-31' },
		});
		const removed = await run('updateExpiry', {
			credentialId: credential.id as string,
			neverExpires: true,
		});
		expect(jsonOf(removed)[0]).toMatchObject({
			previousExpiresOn: '2030-01-31',
			credential: { expiresOn: null },
		});
		const bad = await run('updateExpiry', {
			credentialId: credential.id as string,
			expiryDate: '31/01/2030',
		});
		expect(bad.error?.message).toMatch(/"Expiry Date" \(expiresOn\): received "31\/01\/2030"/);
	});

	test('expire withdraws it and keeps the record; a second expire changes nothing', async () => {
		const credential = await issueOne();
		const parameters = { credentialId: credential.id as string, reason: 'Issued in error' };
		const first = await run('expire', parameters);
		const today = new Date().toISOString().slice(0, 10);
		expect(jsonOf(first)[0]).toMatchObject({
			method: 'expire',
			alreadyDone: false,
			reason: 'Issued in error',
			credential: { expiresOn: today },
		});
		const second = await run('expire', parameters);
		expect(jsonOf(second)[0]).toMatchObject({ alreadyDone: true });
		expect(await apiRequests(platform(), 'PATCH')).toHaveLength(1);
	});

	test('delete removes it for good', async () => {
		const credential = await issueOne();
		const deleted = await run('delete', { credentialId: credential.id as string });
		expect(jsonOf(deleted)[0]).toMatchObject({ method: 'delete', deleted: true });
		expect((await platform().control.issued()).items[0].deleted).toBe(true);
		const got = await run('get', { credentialId: credential.id as string });
		expect(got.error?.message).toMatch(/not found/i);
	});
});
