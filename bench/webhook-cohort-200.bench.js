// 200 simultaneous Moodle completions to the production template (14) in a real n8n, issued at
// Accredible under its rate limit: the e2e test of scenario 8 (test/e2e/cohort-and-crash.test.ts)
// sends the cohort, waits for every delivered ledger record and writes how long that took and
// the floor the rate limit allows for the Accredible requests it made. This script reports that
// figure (ratio near 1: n8n keeps pace with the platform's limit). On a clean clone there is no
// figure yet, which is said, not failed.
const fs = require('node:fs');
const path = require('node:path');

const { report } = require('./support');

const FIGURES = path.resolve(__dirname, '..', 'test-output', 'bench', 'webhook-cohort-200.json');

if (!fs.existsSync(FIGURES)) {
	console.log(
		`# webhook-cohort-200: no figures yet (${path.relative(process.cwd(), FIGURES)} is missing): run the e2e test first, e.g.\n  node scripts/with-n8n.js --line=2 -- npx jest test/e2e/cohort-and-crash.test.ts --selectProjects e2e --runInBand`,
	);
	process.exit(0);
}
const figures = JSON.parse(fs.readFileSync(FIGURES, 'utf8'));
console.log(
	`${figures.cohort} completions on n8n ${figures.n8nVersion}: ${figures.accepted} Accredible requests, ${figures.throttled} answered 429 and retried`,
);
report('webhook-cohort-200', figures.seconds, 's', figures.floorSeconds);
