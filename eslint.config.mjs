import { readdirSync } from 'node:fs';

import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

// Capitalised folders under nodes/ are service folders (one per node family); read from disk so
// a new service is covered without editing this file.
const SERVICE_FOLDERS = {
	group: readdirSync(new URL('./nodes', import.meta.url))
		.filter((name) => /^[A-Z]/.test(name))
		.flatMap((name) => [`**/${name}`, `**/${name}/**`]),
	caseSensitive: true,
	message:
		'Shared code never imports a node folder: move what both need into nodes/kit or nodes/core.',
};
const CORE_RESTRICTIONS = [
	{
		group: ['n8n-workflow', 'n8n-core', 'n8n-workflow/*', 'n8n-core/*'],
		message: 'nodes/core is n8n-free: translate to n8n types in the node or nodes/kit.',
	},
	{ group: ['**/kit', '**/kit/**'], message: 'nodes/core never imports the n8n node kit.' },
	SERVICE_FOLDERS,
];

export default [
	...configWithoutCloudSupport,
	// Self-hosted package (see docs/development.md, "n8n verification readiness"): it needs runtime dependencies
	// (zod, yaml, pdf-lib), which n8n Cloud verification forbids. Every other community-node
	// rule stays on.
	{
		files: ['package.json'],
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
	// The domain code imports nothing from n8n by design, so it cannot throw n8n's error classes;
	// the node adapters turn its errors into NodeOperationError / NodeApiError.
	{
		files: ['nodes/core/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	// One-way imports (docs/development.md, "Layout"): service folders -> kit -> core/integrations
	// -> core/domain. The core never sees n8n or the node plumbing; pure rules never do I/O.
	{
		files: ['nodes/core/**/*.ts'],
		rules: { 'no-restricted-imports': ['error', { patterns: CORE_RESTRICTIONS }] },
	},
	{
		files: ['nodes/core/domain/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						...CORE_RESTRICTIONS,
						{
							group: ['**/integrations', '**/integrations/**'],
							message:
								'Pure domain code does no I/O: move the I/O to core/integrations and pass its result in.',
						},
					],
				},
			],
		},
	},
	{
		files: ['nodes/kit/**/*.ts'],
		rules: { 'no-restricted-imports': ['error', { patterns: [SERVICE_FOLDERS] }] },
	},
	// Tests, benchmarks and scripts are not node code: they rethrow to fail a test and use the
	// simulators' published sample keys, so the node-only rules do not apply there.
	{
		files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
		rules: {
			'@n8n/community-nodes/require-node-api-error': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ varsIgnorePattern: '^_', argsIgnorePattern: '^_' },
			],
		},
	},
];
