// Every Badge operation of the Credly node against the Credly simulator, inside n8n's engine.
import type { IDataObject } from 'n8n-workflow';

import {
	apiRequests,
	CREDLY_TEMPLATE,
	CREDLY_TYPE,
	jsonOf,
	pairedIndexes,
	runPlatformNode,
	usePlatform,
} from '../support/issuer-platforms';

const platform = usePlatform('credly');

const issueParameters = {
	resource: 'badge',
	operation: 'create',
	badgeTemplateId: CREDLY_TEMPLATE,
	recipientEmail: '={{ $json.email }}',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	additionalFields: { issuerEarnerId: '={{ $json.learnerId }}', issuedOn: '2026-05-04' },
};

const ada = { email: 'Ada@Example.com', first: 'Ada', last: 'Lovelace', learnerId: 'lms-42' };

async function issue(items: IDataObject[] = [ada]) {
	return await runPlatformNode(CREDLY_TYPE, platform(), { parameters: issueParameters, items });
}

async function issueOne(): Promise<IDataObject> {
	const run = await issue();
	expect(run.error).toBeUndefined();
	return jsonOf(run)[0].credential as IDataObject;
}

function badgeOp(operation: string, extra: IDataObject = {}) {
	return { resource: 'badge', operation, ...extra };
}

describe('Credly node: Badge', () => {
	test('create issues one pending badge with the lowercased email and the earner id', async () => {
		const run = await issue();
		expect(run.status).toBe('success');
		const [out] = jsonOf(run);
		expect(out).toMatchObject({ status: 'issued', alreadyIssued: false, attempts: 1 });
		expect(out.credential).toMatchObject({
			platform: 'credly',
			templateId: CREDLY_TEMPLATE,
			state: 'pending',
			recipientEmail: 'ada@example.com',
			recipientName: 'Ada Lovelace',
			recipientId: 'lms-42',
			issuedOn: '2026-05-04',
		});
		const issued = await platform().control.issued();
		expect(issued.total).toBe(1);
		expect(issued.items[0]).toMatchObject({ email: 'ada@example.com', earnerId: 'lms-42' });
	});

	test('issuing the same completion again returns the same badge and creates nothing', async () => {
		const first = await issueOne();
		const again = await issue([{ ...ada, email: 'ada@example.com' }]);
		const [out] = jsonOf(again);
		expect(out).toMatchObject({
			status: 'already_issued',
			alreadyIssued: true,
			detectedBy: 'lookup',
		});
		expect((out.credential as IDataObject).id).toBe(first.id);
		const issued = await platform().control.issued();
		expect(issued.total).toBe(1);
		expect(issued.duplicates).toEqual([]);
	});

	test('the same recipient twice in one run is issued once; every item stays paired', async () => {
		const run = await issue([
			ada,
			{ ...ada, email: 'ada@example.com' },
			{ email: 'bo@example.com', first: 'Bo', last: 'Chen', learnerId: 'lms-7' },
		]);
		const out = jsonOf(run);
		expect(out.map((o) => o.alreadyIssued)).toEqual([false, true, false]);
		expect(pairedIndexes(run)).toEqual([0, 1, 2]);
		expect((await platform().control.issued()).total).toBe(2);
	});

	test('get returns the badge by id', async () => {
		const badge = await issueOne();
		const run = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: badgeOp('get', { badgeId: badge.id as string }),
		});
		expect(jsonOf(run)[0]).toMatchObject({
			id: badge.id,
			state: 'pending',
			recipientEmail: 'ada@example.com',
		});
	});

	test('search filters by recipient, template and state over every page', async () => {
		await issue([ada, { email: 'bo@example.com', first: 'Bo', last: 'Chen', learnerId: 'lms-7' }]);
		const byEmail = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: badgeOp('search', {
				returnAll: true,
				filters: { recipientEmail: 'BO@example.com' },
			}),
		});
		expect(jsonOf(byEmail).map((b) => b.recipientEmail)).toEqual(['bo@example.com']);
		const byState = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: badgeOp('search', {
				returnAll: true,
				filters: { badgeTemplateId: CREDLY_TEMPLATE, state: 'pending' },
			}),
		});
		expect(jsonOf(byState)).toHaveLength(2);
		const limited = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: badgeOp('search', { returnAll: false, limit: 1 }),
		});
		expect(jsonOf(limited)).toHaveLength(1);
	});

	test('a search by a malformed Recipient Email is refused by name before any request', async () => {
		const refused = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: badgeOp('search', { returnAll: true, filters: { recipientEmail: 'bo@' } }),
		});
		expect(refused.status).toBe('error');
		expect(refused.error?.message).toMatch(/"Recipient Email" \(filters\.recipientEmail\)/);
		expect(await apiRequests(platform())).toEqual([]);
	});

	test('revoke keeps the record with the reason; a second revoke changes nothing', async () => {
		const badge = await issueOne();
		const parameters = badgeOp('revoke', {
			badgeId: badge.id as string,
			reason: 'Issued in error',
			suppressRevokeNotificationEmail: true,
		});
		const run = await runPlatformNode(CREDLY_TYPE, platform(), { parameters });
		const [out] = jsonOf(run);
		expect(out).toMatchObject({
			method: 'revoke',
			alreadyDone: false,
			deleted: false,
			reason: 'Issued in error',
		});
		expect(out.credential).toMatchObject({
			state: 'revoked',
			raw: { revocation_reason: 'Issued in error' },
		});
		const again = await runPlatformNode(CREDLY_TYPE, platform(), { parameters });
		expect(jsonOf(again)[0]).toMatchObject({ alreadyDone: true });
		const puts = await apiRequests(platform(), 'PUT');
		expect(puts).toHaveLength(1);
	});

	test('revoke without a reason is refused before any request', async () => {
		const badge = await issueOne();
		await platform().control.clearRequests();
		const run = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: badgeOp('revoke', { badgeId: badge.id as string, reason: '  ' }),
		});
		expect(run.error?.message).toMatch(/"Reason"/);
		expect(await apiRequests(platform())).toEqual([]);
	});

	test('replace supersedes the badge with a corrected name', async () => {
		const badge = await issueOne();
		const run = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: badgeOp('replace', {
				badgeId: badge.id as string,
				corrections: { lastName: 'King' },
			}),
		});
		const [out] = jsonOf(run);
		expect(out.mode).toBe('replaced');
		expect(out.credential).toMatchObject({ recipientName: 'Ada King', replaces: badge.id });
		expect(out.previous).toMatchObject({ id: badge.id });
		const issued = await platform().control.issued();
		expect(issued.duplicates).toEqual([]);
		expect(issued.items.find((i) => i.id === badge.id)?.replacedBy).toBe(
			(out.credential as IDataObject).id,
		);
	});

	test('delete removes the badge for good', async () => {
		const badge = await issueOne();
		const run = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: badgeOp('delete', { badgeId: badge.id as string }),
		});
		expect(jsonOf(run)[0]).toMatchObject({
			method: 'delete',
			deleted: true,
			credentialId: badge.id,
		});
		expect((await platform().control.issued()).items[0].deleted).toBe(true);
		const get = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: badgeOp('get', { badgeId: badge.id as string }),
		});
		expect(get.error?.message).toMatch(/not found/i);
	});
});
