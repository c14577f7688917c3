import type { CertifierClient } from '../../../nodes/core/integrations/platforms';
import { startCertifierSimulator, type SimHandle } from '../../simulators';
import { certifierFor } from './support/clients';
import { SimControl } from './support/sim-control';

let sim: SimHandle;
let control: SimControl;
let client: CertifierClient;
const GROUP = '01g90279gp5sbmfek7wymcsvec';
const request = {
	templateId: GROUP,
	recipient: { name: 'Ada Lovelace', email: 'Ada@Example.com' },
	issuedOn: '2025-05-01',
	attributes: { course: 'Intro to Programming' },
};
const posts = async (suffix: string) =>
	(await control.requests()).filter((r) => r.method === 'POST' && r.path.endsWith(suffix)).length;

beforeAll(async () => {
	sim = await startCertifierSimulator();
	control = new SimControl(sim);
});
afterAll(() => sim.stop());
beforeEach(async () => {
	await control.reset();
	client = certifierFor(sim);
});

describe('Certifier client', () => {
	it('issues in three steps (draft, issue, send), then finds it instead of issuing again', async () => {
		const first = await client.issue(request);
		expect(first.status).toBe('issued');
		expect(first.credential).toMatchObject({
			platform: 'certifier',
			templateId: GROUP,
			state: 'issued',
			issuedOn: '2025-05-01',
			recipient: { email: 'ada@example.com' },
		});
		expect(first.credential.raw.customAttributes).toEqual({
			'custom.course': 'Intro to Programming',
		});
		expect(first.credential.url).toBe(
			`https://credsverse.com/credentials/${String(first.credential.raw.publicId)}`,
		);
		expect([await posts('/v1/credentials'), await posts('/issue'), await posts('/send')]).toEqual([
			1, 1, 1,
		]);
		const again = await client.issue({
			...request,
			recipient: { ...request.recipient, email: 'ADA@EXAMPLE.COM' },
		});
		expect(again).toMatchObject({
			status: 'already_issued',
			detectedBy: 'lookup',
			credential: { id: first.credential.id },
		});
		expect((await control.issued()).total).toBe(1);
	});

	it('skips the email when asked', async () => {
		await client.issue({ ...request, notify: false });
		expect(await posts('/send')).toBe(0);
	});

	it('issues in one call with the single-call flow', async () => {
		const outcome = await certifierFor(sim, { flow: 'single-call' }).issue(request);
		expect(outcome.credential.state).toBe('issued');
		expect(await posts('/create-issue-send')).toBe(1);
		expect((await control.issued()).items[0]).toMatchObject({ sentCount: 1 });
	});

	it('finishes a draft left by an attempt that failed half-way', async () => {
		await control.faults({ failNext: [{ kind: '503', match: { path: '/issue' } }] });
		const halfway = certifierFor(sim, { retry: { maxAttempts: 1 } });
		await expect(halfway.issue(request)).rejects.toMatchObject({
			code: 'server_error',
			retryable: true,
		});
		expect((await control.issued()).items[0]).toMatchObject({ status: 'draft' });
		const finished = await client.issue(request);
		expect(finished).toMatchObject({ status: 'issued', credential: { state: 'issued' } });
		expect((await control.issued()).total).toBe(1);
	});

	it('names an unknown group and a missing attribute', async () => {
		await expect(
			client.issue({ ...request, templateId: '01zzzzzzzzzzzzzzzzzzzzzzzz' }),
		).rejects.toMatchObject({ code: 'template_not_found', field: 'templateId' });
		await expect(client.issue({ ...request, attributes: { nope: 'x' } })).rejects.toMatchObject({
			code: 'validation_error',
			field: 'customAttributes.custom.nope',
		});
	});

	it('lists every group, following the cursor', async () => {
		await control.seed({ generateGroups: 247 });
		const groups = await client.listTemplates();
		expect(groups).toHaveLength(250);
		expect(new Set(groups.map((g) => g.id)).size).toBe(250);
		expect(await client.listAttributes()).toEqual([
			{ tag: 'custom.course', name: 'Course' },
			{ tag: 'custom.mentor', name: 'Mentor' },
			{ tag: 'custom.cpe_credits', name: 'CPE credits' },
		]);
	});

	it('searches every page', async () => {
		for (let i = 0; i < 130; i++)
			await client.issue({
				...request,
				notify: false,
				recipient: { name: `Learner ${i}`, email: `l${i}@example.test` },
			});
		expect(await client.search({ groupId: { equals: GROUP } })).toHaveLength(130);
	});

	it('expires (the default revoke) and deletes, each idempotently', async () => {
		const { credential } = await client.issue(request);
		const expired = await client.revoke({ credentialId: credential.id, effectiveOn: '2024-12-31' });
		expect(expired).toMatchObject({
			method: 'expire',
			alreadyDone: false,
			credential: { state: 'expired', expiresOn: '2024-12-31' },
		});
		expect((await client.revoke({ credentialId: credential.id })).alreadyDone).toBe(true);
		expect(await client.revoke({ credentialId: credential.id, method: 'delete' })).toMatchObject({
			deleted: true,
		});
		await expect(client.get(credential.id)).rejects.toMatchObject({ code: 'not_found' });
		await expect(client.revoke({ credentialId: 'x', method: 'unpublish' })).rejects.toMatchObject({
			code: 'invalid_request',
		});
	});

	it('replaces in place (a name correction)', async () => {
		const { credential } = await client.issue(request);
		const replaced = await client.replace({
			credentialId: credential.id,
			recipientName: 'Augusta Ada King',
		});
		expect(replaced).toMatchObject({
			mode: 'updated',
			credential: {
				id: credential.id,
				recipient: { name: 'Augusta Ada King', email: 'ada@example.com' },
			},
		});
	});

	it('explains a refused version header and a refused token', async () => {
		await expect(
			certifierFor(sim, { apiVersion: '2019-01-01' }).listTemplates(),
		).rejects.toMatchObject({ code: 'validation_error', field: 'Certifier-Version' });
		const error = await certifierFor(sim, { apiKey: 'bad-token-value' })
			.getWorkspace()
			.catch((e: Error) => e);
		expect(error).toMatchObject({ code: 'unauthorized' });
		expect((error as Error).message).toMatch(/Access Tokens/);
		expect((error as Error).message).not.toMatch(/bad-token-value/);
	});
});
