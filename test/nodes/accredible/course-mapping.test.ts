// Create with "Choose Group: From a Course Mapping Table" against the Accredible simulator.
import { describeCourseMapping } from '../support/course-mapping';
import { INTRO_GROUP, runAccredible, startSim, type AccredibleSim } from '../support/accredible';

jest.setTimeout(60_000);

let sim: AccredibleSim;
beforeAll(async () => {
	sim = await startSim();
});
afterAll(() => sim.sim.stop());
beforeEach(() => sim.control.reset());

describeCourseMapping({
	platform: 'Accredible',
	templates: [INTRO_GROUP, '12473'],
	parameters: {
		resource: 'credential',
		operation: 'create',
		recipientEmail: '={{ $json.email }}',
		recipientName: '={{ $json.name }}',
	},
	run: async (parameters, items, settings) =>
		await runAccredible(sim, { parameters, items, settings }),
	issued: async () =>
		(await sim.control.issued()).items as Array<{ templateId: string; email: string }>,
});
