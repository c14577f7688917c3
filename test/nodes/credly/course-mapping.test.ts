// Badge Issue with "Choose Badge Template: From a Course Mapping Table" against the Credly simulator.
import { describeCourseMapping } from '../support/course-mapping';
import {
	CREDLY_TEMPLATE,
	CREDLY_TYPE,
	runPlatformNode,
	usePlatform,
} from '../support/issuer-platforms';

const platform = usePlatform('credly');

describeCourseMapping({
	platform: 'Credly',
	// Both active templates of the simulator.
	templates: [CREDLY_TEMPLATE, '3b9d6c1e-2f4a-4c8e-9a51-7d0e2b6f8a10'],
	parameters: {
		resource: 'badge',
		operation: 'create',
		recipientEmail: '={{ $json.email }}',
		firstName: '={{ $json.first }}',
		lastName: '={{ $json.last }}',
	},
	run: async (parameters, items, settings) =>
		await runPlatformNode(CREDLY_TYPE, platform(), { parameters, items, settings }),
	issued: async () =>
		(await platform().control.issued()).items as Array<{ templateId: string; email: string }>,
});
