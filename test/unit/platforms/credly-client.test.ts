import type { CredlyClient } from '../../../nodes/core/integrations/platforms';
import { startCredlySimulator, type SimHandle } from '../../simulators';
import { credlyFor, laggingTransport } from './support/clients';
import { SimControl } from './support/sim-control';

let sim: SimHandle;
let control: SimControl;
let client: CredlyClient;
const TEMPLATE = 'cfaf2910-ea5f-46f1-89a5-db525dad6e58';
const ARCHIVED = '8e2f4a6b-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const request = {
	templateId: TEMPLATE,
	recipient: { name: 'Ada Lovelace', email: 'Ada@Example.com', id: 'lms-42' },
	issuedOn: '2025-05-01',
	evidenceUrl: 'https://lms.example.test/p/42',
};

beforeAll(async () => {
	sim = await startCredlySimulator();
	control = new SimControl(sim);
});
afterAll(() => sim.stop());
beforeEach(async () => {
	await control.reset();
	client = credlyFor(sim);
});

describe('Credly client', () => {
	it('issues a pending badge, then finds it instead of issuing again', async () => {
		const first = await client.issue(request);
		expect(first.status).toBe('issued');
		expect(first.credential).toMatchObject({
			platform: 'credly',
			templateId: TEMPLATE,
			state: 'pending',
			issuedOn: '2025-05-01',
			recipient: { email: 'ada@example.com', name: 'Ada Lovelace', id: 'lms-42' },
		});
		expect(first.credential.raw.evidence).toEqual([
			{ type: 'UrlEvidence', name: 'Evidence of completion', value: request.evidenceUrl },
		]);
		const again = await client.issue(request);
		expect(again).toMatchObject({
			status: 'already_issued',
			detectedBy: 'lookup',
			credential: { id: first.credential.id },
		});
		expect((await control.issued()).total).toBe(1);
	});

	it("treats Credly's 422 as a duplicate only when the badge is there", async () => {
		const first = await client.issue(request);
		// The first lookup (by email, then by earner id) answers empty, as a lagging listing would.
		const empty = {
			status: 200,
			headers: {},
			body: { data: [], metadata: { next_page_url: null } },
		};
		const transport = laggingTransport(
			(url, method) => method === 'GET' && url.endsWith('/badges'),
			2,
			empty,
		);
		const again = await credlyFor(sim, { transport }).issue({
			...request,
			recipient: { ...request.recipient, email: 'ada.new@example.com' },
		});
		expect(again).toMatchObject({
			status: 'already_issued',
			detectedBy: 'duplicate_rejection',
			credential: { id: first.credential.id },
		});
		expect((await control.issued()).total).toBe(1);
	});

	it('names an archived template and an unknown one (422s that are no duplicates)', async () => {
		await expect(client.issue({ ...request, templateId: ARCHIVED })).rejects.toMatchObject({
			code: 'template_archived',
			field: 'templateId',
		});
		await expect(
			client.issue({ ...request, templateId: '00000000-0000-4000-8000-000000000000' }),
		).rejects.toMatchObject({ code: 'template_not_found' });
	});

	it('lists every template past the 50-per-page limit, and only active ones on request', async () => {
		await control.seed({ generateTemplates: 120 });
		await control.seed({ generateTemplates: 3, generatedState: 'archived' });
		const all = await client.listTemplates();
		expect(all).toHaveLength(127);
		const active = await client.listTemplates({ activeOnly: true });
		expect(active).toHaveLength(122);
		expect(active.every((t) => t.active)).toBe(true);
		const pages = (await control.requests()).filter((r) => r.path.endsWith('/badge_templates'));
		expect(pages).toHaveLength(3 + 3);
	});

	it('gets a badge and lists badges with filters', async () => {
		const { credential } = await client.issue(request);
		expect((await client.get(credential.id)).id).toBe(credential.id);
		expect(await client.listBadges({ state: 'pending' })).toHaveLength(1);
		expect(await client.listBadges({ state: 'accepted' })).toHaveLength(0);
	});

	it('revokes with a reason (required), once', async () => {
		const { credential } = await client.issue(request);
		await control.clearRequests();
		await expect(client.revoke({ credentialId: credential.id })).rejects.toMatchObject({
			code: 'invalid_request',
			field: 'reason',
		});
		expect(await control.requests()).toHaveLength(0);
		const revoked = await client.revoke({
			credentialId: credential.id,
			reason: 'Issued in error',
			notify: false,
		});
		expect(revoked).toMatchObject({
			method: 'revoke',
			alreadyDone: false,
			credential: { state: 'revoked' },
		});
		expect(revoked.credential?.raw.revocation_reason).toBe('Issued in error');
		expect(
			(await client.revoke({ credentialId: credential.id, reason: 'again' })).alreadyDone,
		).toBe(true);
	});

	it('survives a revoke whose answer was lost', async () => {
		const { credential } = await client.issue(request);
		await control.faults({
			failNext: [{ kind: 'timeout-after', match: { path: '/revoke' } }],
			holdMs: 50,
		});
		const revoked = await client.revoke({ credentialId: credential.id, reason: 'Policy breach' });
		expect(revoked.credential?.state).toBe('revoked');
	});

	it('replaces with a new badge linked to the old one (a name correction)', async () => {
		const { credential } = await client.issue(request);
		const replaced = await client.replace({ credentialId: credential.id, lastName: 'King' });
		expect(replaced.mode).toBe('replaced');
		expect(replaced.credential).toMatchObject({
			replaces: credential.id,
			recipient: { name: 'Ada King' },
		});
		expect((await client.get(credential.id)).replacedBy).toBe(replaced.credential.id);
		// The replacement is what a lookup finds now.
		expect((await client.findExisting({ email: 'ada@example.com' }, TEMPLATE))?.id).toBe(
			replaced.credential.id,
		);
	});

	it('does not replace twice when the first answer was lost', async () => {
		const { credential } = await client.issue(request);
		await control.faults({
			failNext: [{ kind: 'timeout-after', match: { path: '/replace' } }],
			holdMs: 50,
		});
		const replaced = await client.replace({
			credentialId: credential.id,
			recipientName: 'Augusta Ada King',
		});
		expect(replaced.credential.replaces).toBe(credential.id);
		expect((await control.issued()).items).toHaveLength(2);
	});

	it('deletes (204), idempotently', async () => {
		const { credential } = await client.issue(request);
		expect(await client.revoke({ credentialId: credential.id, method: 'delete' })).toMatchObject({
			deleted: true,
			alreadyDone: false,
		});
		await expect(client.get(credential.id)).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			client.revoke({ credentialId: credential.id, method: 'expire' }),
		).rejects.toMatchObject({ code: 'invalid_request' });
	});

	it('reads the organization (the connection test)', async () => {
		expect((await client.getOrganization()).id).toBe(sim.credentials.organizationId);
		await expect(
			credlyFor(sim, { organizationId: '00000000-0000-4000-8000-000000000009' }).getOrganization(),
		).rejects.toMatchObject({ code: 'not_found' });
	});
});
