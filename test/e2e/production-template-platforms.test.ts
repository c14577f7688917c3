// Template 14's platform switch: with *Settings* platform set to Credly or Certifier, a verified
// Moodle completion is issued once on that platform (the mapped badge template or group),
// recorded with the platform's ID and emailed with its link; with notifyNotEligible on, a refused
// learner is told why. Accredible runs in production-template.test.ts.
import { currentLine } from './support/harness';
import { ProductionRun } from './support/production-run';
import { decodeQuotedPrintable } from './support/review-form';

const { line, n8nVersion } = currentLine();

const platforms = [
	// Course 12's rows in the template's Course Mapping tables.
	{ platform: 'credly', template: 'cfaf2910-ea5f-46f1-89a5-db525dad6e58' },
	{ platform: 'certifier', template: '01g90279gp5sbmfek7wymcsvec' },
];

describe.each(platforms)(`production template (14) on n8n ${n8nVersion}: $platform`, (target) => {
	const run = new ProductionRun();
	beforeAll(async () => {
		await run.start(line, { platform: target.platform, notifyNotEligible: true });
		// The attributes the Setup note asks a Certifier workspace to have.
		await run.seed('certifier', {
			attributes: ['completion_date', 'score', 'program'].map((name) => ({
				tag: `custom.${name}`,
				name,
			})),
		});
	});
	afterAll(async () => await run.stop());

	test('a verified completion is issued once, recorded and emailed with the credential link', async () => {
		const learner = await run.newLearner('Ada', 'Lovelace', 12, 93);
		await run.sendCompletion(learner.id, 12, { timespentminutes: 150 });
		const [mail] = await run.mailTo(learner.email, 1, /credential .* is ready/);
		if (!mail) throw new Error(`no credential email\n${await run.failures()}`);
		const entries = await run.untilLedger(learner.id, 12, 'delivered');
		expect(entries.map((e) => e.type)).toEqual(['decided', 'reserved', 'issued', 'delivered']);
		const issued = await run.issued(target.platform, learner.email);
		expect(issued).toHaveLength(1);
		expect(issued[0]).toMatchObject({ templateId: target.template });
		const payload = entries[2].payload as { platform: string; externalId: string; url: string };
		expect(payload).toMatchObject({ platform: target.platform, externalId: String(issued[0].id) });
		expect(payload.url).toMatch(/^https?:\/\//);
		expect(decodeQuotedPrintable(mail.raw)).toContain(payload.url);
	});

	test('with notifyNotEligible on, a refused learner is told the failed requirement only', async () => {
		const learner = await run.newLearner('Almost', 'There', 12, 52);
		await run.sendCompletion(learner.id, 12, { timespentminutes: 150 });
		const [notice] = await run.mailTo(learner.email, 1, /About your completion/);
		if (!notice) throw new Error(`no notice\n${await run.failures()}`);
		const text = decodeQuotedPrintable(notice.raw);
		expect(text).toMatch(/Reason: .*score.*52/i);
		// Requirements that were met (time on task) are not listed as reasons.
		expect(text).not.toMatch(/exceeds the minimum/);
		expect(await run.issued(target.platform, learner.email)).toEqual([]);
	});
});
