// Credential Issue with "Choose Group: From a Course Mapping Table" against the Certifier simulator.
import { describeCourseMapping } from '../support/course-mapping';
import {
	CERTIFIER_GROUP,
	CERTIFIER_TYPE,
	runPlatformNode,
	usePlatform,
} from '../support/issuer-platforms';

const platform = usePlatform('certifier');

describeCourseMapping({
	platform: 'Certifier',
	templates: [CERTIFIER_GROUP, '01hq3v9k2m4n6p8r0t2w4y6a8c'],
	parameters: {
		resource: 'credential',
		operation: 'create',
		recipientName: '={{ $json.name }}',
		recipientEmail: '={{ $json.email }}',
	},
	run: async (parameters, items, settings) =>
		await runPlatformNode(CERTIFIER_TYPE, platform(), { parameters, items, settings }),
	issued: async () =>
		(await platform().control.issued()).items as Array<{ templateId: string; email: string }>,
});
