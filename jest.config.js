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

module.exports = {
	projects: [
		project('unit'),
		project('nodes'),
		project('e2e'),
	],
};
