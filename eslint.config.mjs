import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

// Self-hosted package (see README, "Why self-hosted only"): it needs runtime dependencies
// (zod, yaml, pdf-lib), which n8n Cloud verification forbids. Every other community-node
// rule stays on.
export default [
	...configWithoutCloudSupport,
	{
		files: ['package.json'],
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
];
