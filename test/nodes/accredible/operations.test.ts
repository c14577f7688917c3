// Every other operation, and the groups dropdown across pages, against the simulator.
import type { IDataObject } from 'n8n-workflow';

import {
	createParameters,
	jsonOf,
	loadOptions,
	runAccredible,
	startSim,
	type AccredibleSim,
} from '../support/accredible';

// Loading n8n and the node types can take more than jest's default 5 s on a busy machine.
jest.setTimeout(60_000);

let sim: AccredibleSim;
beforeAll(async () => {
	sim = await startSim();
});
afterAll(() => sim.sim.stop());
beforeEach(() => sim.control.reset());

async function issue(email: string, groupId = '12472'): Promise<IDataObject> {
	const run = await runAccredible(sim, {
		parameters: createParameters({ groupId, additionalFields: { recipientId: `id-${email}` } }),
		items: [{ email, name: 'Grace Hopper' }],
	});
	return jsonOf(run.outputs[0])[0];
}

async function operation(operationName: string, parameters: IDataObject, items = [{}]) {
	const run = await runAccredible(sim, {
		parameters: { resource: 'credential', operation: operationName, ...parameters } as never,
		items,
	});
	if (run.status !== 'success') throw new Error(`${operationName}: ${run.error?.message}`);
	return jsonOf(run.outputs[0]);
}

describe('Accredible credential operations', () => {
	test('get reads a credential by id', async () => {
		const issued = await issue('get@example.com');
		const [got] = await operation('get', { credentialId: issued.credentialId });
		expect(got).toMatchObject({
			credentialId: issued.credentialId,
			url: issued.url,
			state: 'issued',
			recipient: { email: 'get@example.com' },
		});
	});

	test('get of an unknown id says so and names the id', async () => {
		const run = await runAccredible(sim, {
			parameters: { resource: 'credential', operation: 'get', credentialId: '424242' },
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/not found while reading credential 424242/);
	});

	test('search filters by recipient, group and date, and honours the limit', async () => {
		await issue('s1@example.com');
		await issue('s2@example.com');
		await issue('s3@example.com', '12474');
		const byEmail = await operation('search', { filters: { recipientEmail: 'S1@example.com' } });
		expect(byEmail.map((j) => (j.recipient as IDataObject).email)).toEqual(['s1@example.com']);
		const byGroup = await operation('search', { filters: { groupId: '12472' }, returnAll: true });
		expect(byGroup).toHaveLength(2);
		const limited = await operation('search', { limit: 1 });
		expect(limited).toHaveLength(1);
		const future = await operation('search', { filters: { issuedFrom: '2999-01-01' } });
		expect(future).toEqual([]);
	});

	test('update corrects the name in place and shows the previous values', async () => {
		const issued = await issue('name@example.com');
		const [updated] = await operation('update', {
			credentialId: issued.credentialId,
			updateFields: { recipientName: 'Grace B. Hopper', expiresOn: '2030-01-01' },
		});
		expect(updated).toMatchObject({
			credentialId: issued.credentialId,
			recipient: { name: 'Grace B. Hopper' },
			expiresOn: '2030-01-01',
			previous: { recipient: { name: 'Grace Hopper' }, expiresOn: null },
		});
	});

	test('update with nothing to change is refused before any request', async () => {
		await sim.control.clearRequests();
		const run = await runAccredible(sim, {
			parameters: { resource: 'credential', operation: 'update', credentialId: '1' },
		});
		expect(run.error?.message).toMatch(/invalid "Update Fields"/);
		expect(await sim.control.requests()).toEqual([]);
	});

	test('expire (the governed revoke) keeps the record, and a second expire changes nothing', async () => {
		const issued = await issue('expire@example.com');
		const [expired] = await operation('expire', { credentialId: issued.credentialId });
		expect(expired).toMatchObject({ method: 'expire', alreadyDone: false, state: 'expired' });
		const [again] = await operation('expire', { credentialId: issued.credentialId });
		expect(again).toMatchObject({ method: 'expire', alreadyDone: true, state: 'expired' });
		const [got] = await operation('get', { credentialId: issued.credentialId });
		expect(got.state).toBe('expired');
	});

	test('unpublish hides it; delete removes it, and deleting again is already done', async () => {
		const issued = await issue('gone@example.com');
		const [hidden] = await operation('unpublish', { credentialId: issued.credentialId });
		expect(hidden).toMatchObject({ method: 'unpublish', state: 'unpublished', alreadyDone: false });
		const [deleted] = await operation('delete', { credentialId: issued.credentialId });
		expect(deleted).toMatchObject({ method: 'delete', deleted: true });
		expect((await sim.control.issued()).items[0]).toMatchObject({ deleted: true });
	});

	test('generate PDF returns a link that serves a PDF', async () => {
		const issued = await issue('pdf@example.com');
		const [pdf] = await operation('generatePdf', { credentialId: issued.credentialId });
		expect(pdf.credentialId).toBe(issued.credentialId);
		const response = await fetch(String(pdf.pdfUrl));
		expect(response.headers.get('content-type')).toMatch(/application\/pdf/);
		expect((await response.text()).startsWith('%PDF-')).toBe(true);
	});

	test('an empty credential id is refused before any request', async () => {
		await sim.control.clearRequests();
		const run = await runAccredible(sim, {
			parameters: { resource: 'credential', operation: 'expire', credentialId: '={{ $json.id }}' },
			items: [{ name: 'no id here' }],
		});
		expect(run.error?.message).toMatch(/Item 0: invalid "Credential ID": it is empty/);
		expect(await sim.control.requests()).toEqual([]);
	});
});

describe('Accredible groups', () => {
	test('get many lists groups; limit and return all', async () => {
		await sim.control.seed({ generateGroups: 60 });
		const run = await runAccredible(sim, {
			parameters: { resource: 'group', operation: 'getMany', limit: 2 },
		});
		expect(jsonOf(run.outputs[0]).map((g) => g.id)).toEqual(['12472', '12473']);
		const all = await runAccredible(sim, {
			parameters: { resource: 'group', operation: 'getMany', returnAll: true },
		});
		expect(all.outputs[0]).toHaveLength(63);
	});

	test('the groups dropdown returns every page', async () => {
		await sim.control.seed({ generateGroups: 120 });
		await sim.control.clearRequests();
		const options = await loadOptions(sim, 'getGroups');
		expect(options).toHaveLength(123);
		expect(options).toContainEqual(
			expect.objectContaining({ name: 'intro-programming (Intro to Programming)', value: '12472' }),
		);
		expect(options).toContainEqual(
			expect.objectContaining({ name: 'generated-group-123 (Course 30123)', value: '30123' }),
		);
		const pages = (await sim.control.requests()).filter(
			(r) => r.path === '/v1/issuer/groups/search',
		);
		expect(pages).toHaveLength(3);
	});
});
