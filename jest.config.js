// Three layers, selected with --selectProjects:
//   unit  - pure domain code, no n8n at all
//   nodes - our built nodes executed in-process by the pinned n8n's WorkflowExecute
//   e2e   - a real n8n server process with the packed package installed
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json' }];

const project = (name, extra = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	// dist/ holds a copy of package.json; two packages of one name confuse jest's module map.
	modulePathIgnorePatterns: ['<rootDir>/dist/package.json'],
	transform: { '^.+\\.ts$': tsJest },
	testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
	setupFilesAfterEnv: ['<rootDir>/test/support/layer-timeout.js'],
	...extra,
});

// Files whose subject does not change with the n8n line run on line 1 only: `npm start`'s
// script (the demo takes either line; every other e2e file starts servers through the same
// harness on both) and the harness's own self-tests. CI runs the two lines side by side.
const LINE_1_ONLY = [
	'<rootDir>/test/e2e/start-check.test.ts',
	'<rootDir>/test/e2e/harness-failures.test.ts',
	'<rootDir>/test/e2e/harness-fixtures.test.ts',
];
const notOnThisLine = process.env.N8N_HARNESS_LINE === '2' ? LINE_1_ONLY : [];

module.exports = {
	// Each test file loads n8n (and its own copy of every module) afresh; a worker that has run
	// many such files holds gigabytes jest never gives back. A worker over this limit after a
	// file is replaced by a fresh one.
	workerIdleMemoryLimit: '1GB',
	projects: [
		project('unit'),
		project('nodes'),
		project('e2e', { testPathIgnorePatterns: ['/node_modules/', ...notOnThisLine] }),
	],
};
