// The pack on n8n in queue mode (main, webhook processor, workers; test/e2e/queue-mode.test.ts
// measures, this script reports):
// - queue-cohort-200-2-workers: 200 completions issued at Credly through 2 workers sharing one
//   budget (the simulator's limit of 600 requests a minute; the Credly credential 2 % under),
//   in seconds against the floor that budget allows for the requests made (ratio near 1: the
//   shared limiter keeps the pace without a 429). Each n8n line writes its own figures; the
//   newest line's is reported, the other printed. Shown beside the single-process cohort
//   (webhook-cohort-200: one n8n, Accredible's limit), whose ratio means the same thing.
// - queue-scaling-2-workers: one event's certificates rendered per second by 2 workers, against
//   1 worker on the same machine in the same run. Rendering is CPU-bound and these machines have
//   2 cores shared by PostgreSQL, Redis, the main instance, the webhook processor and the test
//   itself, so the ratio shows queue mode's overhead more than headroom: a second worker on its
//   own host would add close to a worker's throughput.
// On a clean clone there are no figures yet, which is said, not failed.
const fs = require('node:fs');
const path = require('node:path');

const { report } = require('./support');

const FIGURES = path.resolve(__dirname, '..', 'test-output', 'bench');

/** The figures an e2e test file wrote on a line, or null (and how to get them). */
function figures(name, testFile, line) {
	const file = path.join(FIGURES, `${name}.json`);
	if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
	console.log(
		`# ${name}: no figures yet (${path.relative(process.cwd(), file)} is missing): run node scripts/with-n8n.js --line=${line} -- npx jest test/e2e/${testFile} --selectProjects e2e --runInBand`,
	);
	return null;
}

const single = figures('webhook-cohort-200', 'cohort-and-crash.test.ts', 1);
const [cohort, ...olderLines] = ['2', '1']
	.map((line) => figures(`queue-cohort-200-2-workers-n8n-line-${line}`, 'queue-mode.test.ts', line))
	.filter(Boolean);
for (const other of olderLines)
	console.log(
		`# n8n ${other.n8nVersion}: ${other.seconds.toFixed(1)} s against a floor of ${other.floorSeconds.toFixed(1)} s, ${other.throttled} answered 429`,
	);
if (cohort) {
	if (single)
		console.log(
			`# one process (n8n ${single.n8nVersion}): ${single.seconds.toFixed(1)} s against a floor of ${single.floorSeconds.toFixed(1)} s, ${single.throttled} answered 429`,
		);
	console.log(
		`# ${cohort.workers} workers (n8n ${cohort.n8nVersion}): ${cohort.accepted} Credly requests within ${cohort.limitPerMinute} a minute (the credential: ${cohort.credentialPerMinute}), ${cohort.throttled} answered 429`,
	);
	report('queue-cohort-200-2-workers', cohort.seconds, 's', cohort.floorSeconds);
}
const scaling = figures('queue-scaling-2-workers', 'queue-mode.test.ts', 2);
if (scaling) {
	const perSecond = (seconds) => scaling.attendees / seconds;
	console.log(
		`# ${scaling.attendees} certificates, ${scaling.perExecution} per execution, n8n ${scaling.n8nVersion}: 1 worker ${scaling.oneWorker.toFixed(1)} s, 2 workers ${scaling.twoWorkers.toFixed(1)} s`,
	);
	report(
		'queue-scaling-2-workers',
		perSecond(scaling.twoWorkers),
		'certificates/s',
		perSecond(scaling.oneWorker),
	);
}
