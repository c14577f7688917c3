// Group lookups the Accredible node resolves its Group field with, and the "do not notify"
// mapping (Accredible only emails on publish, so not notifying = creating it unpublished).
import type { AccredibleClient } from '../../../nodes/core/integrations/platforms';
import { startAccredibleSimulator, type SimHandle } from '../../simulators';
import { accredibleFor } from './support/clients';
import { SimControl } from './support/sim-control';

let sim: SimHandle;
let control: SimControl;
let client: AccredibleClient;

beforeAll(async () => {
	sim = await startAccredibleSimulator();
	control = new SimControl(sim);
});
afterAll(() => sim.stop());
beforeEach(async () => {
	await control.reset();
	client = accredibleFor(sim);
});

describe('Accredible groups', () => {
	it('reads one group by id, and answers undefined for an unknown id', async () => {
		expect(await client.getGroup('12472')).toMatchObject({
			id: '12472',
			name: 'intro-programming (Intro to Programming)',
		});
		expect(await client.getGroup('999999')).toBeUndefined();
	});

	it('finds groups by exact internal name or course name, ignoring case', async () => {
		expect((await client.findGroupsByName('INTRO-programming')).map((g) => g.id)).toEqual([
			'12472',
		]);
		expect((await client.findGroupsByName('Data Safety Refresher')).map((g) => g.id)).toEqual([
			'12473',
		]);
		// A partial match is not a match.
		expect(await client.findGroupsByName('intro')).toEqual([]);
	});

	it('finds a name on a later page of the partial-match search', async () => {
		await control.seed({
			groups: Array.from({ length: 60 }, (_, i) => ({
				id: 40000 + i,
				name: i === 59 ? 'cohort-x' : `cohort-x-${i}`,
			})),
		});
		expect((await client.findGroupsByName('cohort-x')).map((g) => g.id)).toEqual(['40059']);
	});
});

describe('Accredible notify', () => {
	it('creates the credential unpublished when the recipient is not to be notified', async () => {
		const quiet = await client.issue({
			templateId: '12472',
			recipient: { name: 'Quiet One', email: 'quiet@example.com' },
			notify: false,
		});
		expect(quiet).toMatchObject({ status: 'issued', credential: { state: 'unpublished' } });
		const loud = await client.issue({
			templateId: '12474',
			recipient: { name: 'Loud One', email: 'loud@example.com' },
		});
		expect(loud).toMatchObject({ status: 'issued', credential: { state: 'issued' } });
	});
});
