// The Moodle web-services simulator behaves as the facts sheet describes Moodle: XML unless JSON
// is asked for, GET and POST parameters merged, function errors as HTTP 200 exception bodies.
import { fetchMoodleCompletions, MoodleWsClient } from '../../../nodes/core/integrations/lms';
import { createAxiosTransport } from '../../support/axios-transport';
import { startMoodleSimulator } from '../../simulators/lms/moodle';
import { MOODLE_WS_TOKEN } from '../../simulators/lms/sample-data';

let sim: { url: string; stop(): Promise<void> };

beforeAll(async () => {
	sim = await startMoodleSimulator({ port: 0 });
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(async () => {
	await fetch(`${sim.url}/__control/reset`, { method: 'POST' });
});

const server = (query: string, init?: RequestInit) =>
	fetch(`${sim.url}/webservice/rest/server.php?${query}`, init);
const client = (token = MOODLE_WS_TOKEN) =>
	new MoodleWsClient({ transport: createAxiosTransport(), baseUrl: sim.url, token });

test('answers XML when moodlewsrestformat is missing, JSON when it says json', async () => {
	const xml = await server(`wstoken=${MOODLE_WS_TOKEN}&wsfunction=core_webservice_get_site_info`);
	expect(xml.headers.get('content-type')).toContain('application/xml');
	const json = await server(
		`wstoken=${MOODLE_WS_TOKEN}&wsfunction=core_webservice_get_site_info&moodlewsrestformat=json`,
	);
	expect(await json.json()).toMatchObject({ sitename: 'Demo Moodle Site' });
});

test('merges a form-encoded POST body with the query, as Moodle does', async () => {
	const response = await server('moodlewsrestformat=json', {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: `wstoken=${MOODLE_WS_TOKEN}&wsfunction=core_course_get_courses`,
	});
	expect(((await response.json()) as unknown[]).length).toBe(6);
});

test('every function error is HTTP 200 with an exception body', async () => {
	const cases: Array<[string, string]> = [
		['wstoken=bad&wsfunction=core_course_get_courses', 'invalidtoken'],
		[`wstoken=${MOODLE_WS_TOKEN}&wsfunction=local_nope`, 'invalidrecord'],
		[
			`wstoken=${MOODLE_WS_TOKEN}&wsfunction=core_completion_get_course_completion_status&courseid=14&userid=57`,
			'nocriteriaset',
		],
		[
			`wstoken=${MOODLE_WS_TOKEN}&wsfunction=core_completion_get_course_completion_status&courseid=12&userid=99`,
			'usernotenroled',
		],
	];
	for (const [query, errorcode] of cases) {
		const response = await server(`${query}&moodlewsrestformat=json`);
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ exception: expect.any(String), errorcode });
	}
});

test('the client reads seeded completions through the simulator and refuses a bad token', async () => {
	await fetch(`${sim.url}/__control/complete`, {
		method: 'POST',
		body: JSON.stringify({ courseId: 12, at: 1717430400, count: 3 }),
	});
	const { completions } = await fetchMoodleCompletions(client(), { courseIds: ['12'] });
	expect(completions.map((c) => c.event.completedAt)).toEqual([
		'2024-06-03T16:00:00.000Z',
		'2024-06-03T16:00:00.000Z',
		'2024-06-03T16:00:00.000Z',
	]);
	await expect(client('nope').courses()).rejects.toMatchObject({ errorcode: 'invalidtoken' });
});
