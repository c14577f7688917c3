// How many completions per second the Verify Completion domain code judges (parse the raw event,
// evaluate every check, build the decision), against a baseline of a JSON round trip of the same
// events: the copy n8n itself makes when an item passes between nodes. A ratio near 1 means
// judging costs about as much as moving the item.
const path = require('node:path');

const { medianSeconds, report, seededRandom } = require('./support');

const rules = require(path.resolve(__dirname, '../dist/nodes/core/domain/rules'));

const parsed = rules.parseCompletionRuleSetText(`
id: bench-rules
version: "1"
courses:
  SAFE-101:
    passingScore: 80
    minTimeOnTaskMinutes: 90
    requiredModules: [m1, m2, m3, m4]
    prerequisites: [INTRO-001]
    subjectiveCriteria: [{ id: capstone }]
`);
if (!parsed.ok) throw new Error(`bench rule set invalid: ${JSON.stringify(parsed.issues)}`);

const random = seededRandom(42);
const COUNT = 20_000;
const events = Array.from({ length: COUNT }, (_, i) => ({
	source: 'moodle',
	sourceEventId: `evt-${i}`,
	learner: { id: String(1000 + i), name: 'José Álvarez', email: `learner${i}@example.org` },
	course: { id: random() < 0.95 ? 'SAFE-101' : 'UNKNOWN-9' },
	completedAt: 1_717_430_100 + i,
	score: String(Math.round(random() * 100)),
	timeSpentMinutes: 60 + Math.round(random() * 60),
	modules: ['m1', 'm2', 'm3', 'm4'].map((id) => ({
		id,
		status: random() < 0.9 ? 'completed' : 'exempt',
	})),
	recipientName: random() < 0.9 ? 'Jose Alvarez' : 'Joseph Alvarado',
	prerequisites: [{ courseId: 'INTRO-001', status: 'completed' }],
	approvals: { capstone: random() < 0.8 ? 'approved' : 'pending' },
}));

const now = new Date('2026-01-01T00:00:00Z');
let outcomes = 0;
const judgeSeconds = medianSeconds(() => {
	for (const event of events) {
		const input = rules.parseVerificationInput(event);
		if (!input.ok) throw new Error(JSON.stringify(input.issues));
		if (rules.verifyCompletion(input.value, parsed, { now }).outcome) outcomes++;
	}
});
let bytes = 0;
const copySeconds = medianSeconds(() => {
	for (const event of events) bytes += JSON.parse(JSON.stringify(event)).learner.id.length;
});
if (outcomes === 0 || bytes === 0) throw new Error('benchmark did no work');

report('verify-completion-throughput', COUNT / judgeSeconds, 'completions/s', COUNT / copySeconds);
