import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	// Self-hosted package (see README, "Why self-hosted only"): it needs runtime dependencies
	// (zod, yaml, pdf-lib), which n8n Cloud verification forbids. Every other community-node
	// rule stays on.
	{
		files: ['package.json'],
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
	// The domain code imports nothing from n8n by design, so it cannot throw n8n's error classes;
	// the node adapters turn its errors into NodeOperationError / NodeApiError.
	{
		files: ['nodes/credentialing/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	// Tests, benchmarks and scripts are not node code: they rethrow to fail a test and use the
	// simulators' published sample keys, so the node-only rules do not apply there.
	{
		files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
		rules: {
			'@n8n/community-nodes/require-node-api-error': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_' }],
		},
	},
];
