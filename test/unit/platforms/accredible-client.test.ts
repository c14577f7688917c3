import type { AccredibleClient } from '../../../nodes/core/integrations/platforms';
import { startAccredibleSimulator, type SimHandle } from '../../simulators';
import { accredibleFor, cohort, failure, laggingTransport } from './support/clients';
import { SimControl } from './support/sim-control';

let sim: SimHandle;
let control: SimControl;
let client: AccredibleClient;
const ada = { name: 'Ada Lovelace', email: 'Ada@Example.com', id: 'lms-42' };
const request = {
	templateId: '12472',
	recipient: ada,
	issuedOn: '2025-05-01',
	attributes: { Location: 'London' },
};

beforeAll(async () => {
	sim = await startAccredibleSimulator();
	control = new SimControl(sim);
});
afterAll(() => sim.stop());
beforeEach(async () => {
	await control.reset();
	client = accredibleFor(sim);
});

describe('Accredible client', () => {
	it('issues, then finds the same credential instead of issuing again', async () => {
		const first = await client.issue(request);
		expect(first.status).toBe('issued');
		expect(first.credential).toMatchObject({
			platform: 'accredible',
			templateId: '12472',
			state: 'issued',
			issuedOn: '2025-05-01',
			recipient: { email: 'ada@example.com', id: 'lms-42' },
		});
		expect(first.credential.url).toBe(`https://www.credential.net/${first.credential.id}`);
		const again = await client.issue({
			...request,
			recipient: { ...ada, email: 'ADA@EXAMPLE.COM' },
		});
		expect(again).toMatchObject({
			status: 'already_issued',
			detectedBy: 'lookup',
			credential: { id: first.credential.id },
		});
		expect((await control.issued()).total).toBe(1);
	});

	it('finds a recipient by the stable id after an email change', async () => {
		const first = await client.issue(request);
		const found = await client.findExisting(
			{ email: 'ada.new@example.com', id: 'lms-42' },
			'12472',
		);
		expect(found?.id).toBe(first.credential.id);
		expect(await client.findExisting({ email: 'nobody@example.com' }, '12472')).toBeUndefined();
	});

	it('treats a 422 as "already issued" only when the credential is really there', async () => {
		await client.issue(request);
		// The first lookup (by email, then by id) answers empty, as a lagging search index would.
		const empty = {
			status: 200,
			headers: {},
			body: { credentials: [], meta: { count: 0, from: 0, size: 100 } },
		};
		const transport = laggingTransport((url) => url.endsWith('/v2/credentials/search'), 2, empty);
		const duplicate = await accredibleFor(sim, { transport }).issue(request);
		expect(duplicate).toMatchObject({
			status: 'already_issued',
			detectedBy: 'duplicate_rejection',
		});
		expect((await control.issued()).total).toBe(1);
		// A 422 for bad data is a validation error naming the field, not a duplicate.
		await control.seed({ groups: [{ id: 777, name: 'no-course-name', course_name: '' }] });
		const invalid = await failure(() => client.issue({ ...request, templateId: '777' }));
		expect(invalid).toMatchObject({ code: 'validation_error', field: 'course_name', status: 422 });
	});

	it('names an unknown group', async () => {
		const error = await failure(() => client.issue({ ...request, templateId: '999999' }));
		expect(error).toMatchObject({ code: 'template_not_found', field: 'templateId' });
		expect(error.message).toMatch(/group "999999"/);
	});

	it('says "no credits left" and names the unpublished credential', async () => {
		await control.call('POST', 'issuer', { certificate_left: 0 });
		const error = await failure(() => client.issue(request));
		expect(error.code).toBe('no_credits');
		expect(error.retryable).toBe(false);
		expect(error.message).toMatch(/Buy credits/);
		const id = String(error.details.credentialId);
		expect((await client.get(id)).state).toBe('unpublished');
		await control.call('POST', 'issuer', { certificate_left: 5 });
		expect((await client.publish(id)).state).toBe('issued');
	});

	it('lists every group across pages', async () => {
		await control.seed({ generateGroups: 117 });
		const groups = await client.listTemplates();
		expect(groups).toHaveLength(120);
		expect(new Set(groups.map((g) => g.id)).size).toBe(120);
		expect(groups[0]).toMatchObject({
			id: '12472',
			name: 'intro-programming (Intro to Programming)',
			active: true,
			allowsDuplicates: false,
		});
	});

	it('searches every page with v2 queries', async () => {
		for (const learner of cohort(130))
			await client.issue({ templateId: '12473', recipient: learner });
		const all = await client.search({ 'group.id': 12473 });
		expect(all).toHaveLength(130);
		expect(await client.search({ 'group.id': 12473 }, { maxResults: 10 })).toHaveLength(10);
	});

	it('expires (the default revoke), unpublishes and deletes, each idempotently', async () => {
		const { credential } = await client.issue(request);
		const expired = await client.revoke({ credentialId: credential.id, effectiveOn: '2024-12-31' });
		expect(expired).toMatchObject({
			method: 'expire',
			alreadyDone: false,
			credential: { state: 'expired', expiresOn: '2024-12-31' },
		});
		expect(
			(await client.revoke({ credentialId: credential.id, effectiveOn: '2024-12-31' })).alreadyDone,
		).toBe(true);
		const other = await client.issue({
			...request,
			recipient: { name: 'Grace Hopper', email: 'grace@example.com' },
		});
		expect(
			(await client.revoke({ credentialId: other.credential.id, method: 'unpublish' })).credential
				?.state,
		).toBe('unpublished');
		expect(
			(await client.revoke({ credentialId: other.credential.id, method: 'unpublish' })).alreadyDone,
		).toBe(true);
		expect(
			await client.revoke({ credentialId: other.credential.id, method: 'delete' }),
		).toMatchObject({ deleted: true, alreadyDone: false });
		await expect(client.get(other.credential.id)).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			client.revoke({ credentialId: credential.id, method: 'revoke' }),
		).rejects.toMatchObject({ code: 'invalid_request', field: 'method' });
	});

	it('replaces in place (a name correction)', async () => {
		const { credential } = await client.issue(request);
		const replaced = await client.replace({
			credentialId: credential.id,
			recipientName: 'Augusta Ada King',
		});
		expect(replaced).toMatchObject({
			mode: 'updated',
			previous: { recipient: { name: 'Ada Lovelace' } },
			credential: { id: credential.id, recipient: { name: 'Augusta Ada King' } },
		});
		await expect(client.replace({ credentialId: credential.id })).rejects.toMatchObject({
			code: 'invalid_request',
		});
	});

	it('bulk-issues through 207 results: new, already there, invalid', async () => {
		await client.issue({
			templateId: '12472',
			recipient: { name: 'Existing One', email: 'existing@example.test' },
		});
		const learners = cohort(40).map((l) => ({ templateId: '12472', recipient: l }));
		const items = await client.bulkIssue([
			...learners,
			{ templateId: '12472', recipient: { name: 'Existing One', email: 'EXISTING@example.test' } },
			{ templateId: '12472', recipient: { name: 'No Email' } },
		]);
		expect(items.slice(0, 40).every((i) => i.outcome?.status === 'issued')).toBe(true);
		expect(items[40].outcome).toMatchObject({ status: 'already_issued', detectedBy: 'lookup' });
		expect(items[41].error).toMatchObject({ code: 'invalid_request', field: 'recipient.email' });
		expect((await control.issued()).total).toBe(41);
		const creates = (await control.requests()).filter(
			(r) => r.path === '/v2/credentials/bulk_create',
		);
		expect(creates).toHaveLength(2);
	});

	it('generates a PDF link', async () => {
		const { credential } = await client.issue(request);
		expect(await client.generatePdf(credential.id)).toMatch(/\.pdf$/);
	});

	it('explains a refused key without repeating it', async () => {
		const error = await failure(() =>
			accredibleFor(sim, { apiKey: 'secret-wrong-key' }).getIssuer(),
		);
		expect(error.code).toBe('unauthorized');
		expect(error.message).toMatch(/HTTP Token: Access denied/);
		expect(error.message).toMatch(/US, EU and sandbox keys are not interchangeable/);
		expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toMatch(
			/secret-wrong-key/,
		);
	});
});
