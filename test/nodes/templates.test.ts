// Every workflow template in workflows/ passes the template rules against the node types the
// pinned n8n and our built package actually provide; a broken template proves each rule fires.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { loadNodeTypes, type TestNodeTypes } from './support/node-types';
import { REPO_ROOT } from './support/pinned-n8n';
import {
	checkTemplate,
	duplicateWebhookIds,
	STICKY_NOTE_TYPE,
	type NodeTypeCatalogue,
	type TemplateRule,
} from './support/template-checks';

const WORKFLOWS_DIR = path.join(REPO_ROOT, 'workflows');
const templateFiles = existsSync(WORKFLOWS_DIR)
	? readdirSync(WORKFLOWS_DIR)
			.filter((file) => file.endsWith('.json'))
			.sort()
	: [];
const readTemplate = (file: string): unknown =>
	JSON.parse(readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8'));

function catalogueFrom(nodeTypes: TestNodeTypes): NodeTypeCatalogue {
	return {
		versionsOf: (type) => (nodeTypes.knows(type) ? nodeTypes.declaredVersions(type) : undefined),
	};
}

let catalogue: NodeTypeCatalogue;
beforeAll(async () => {
	catalogue = catalogueFrom(await loadNodeTypes());
});

describe('workflow templates', () => {
	test('workflows/ exists and holds only JSON templates', () => {
		expect(statSync(WORKFLOWS_DIR).isDirectory()).toBe(true);
		// Templates are described in docs/templates.md, so nothing else belongs next to them.
		const others = readdirSync(WORKFLOWS_DIR).filter((file) => !file.endsWith('.json'));
		expect(others).toEqual([]);
	});

	test('the catalogue knows our node and the base nodes templates use', () => {
		expect(catalogue.versionsOf('n8n-nodes-certificate-delivery.verifyCompletion')).toEqual([1]);
		expect(catalogue.versionsOf(STICKY_NOTE_TYPE)).toContain(1);
		expect(catalogue.versionsOf('n8n-nodes-base.webhook')).toEqual(expect.arrayContaining([2]));
		expect(catalogue.versionsOf('n8n-nodes-base.doesNotExist')).toBeUndefined();
		expect(catalogue.versionsOf('CUSTOM.verifyCompletion')).toBeUndefined();
	});

	if (templateFiles.length > 0) {
		test.each(templateFiles)('%s follows every template rule', (file) => {
			expect(checkTemplate(readTemplate(file), catalogue)).toEqual([]);
		});
	}

	test('webhookIds are unique across all templates', () => {
		const templates = templateFiles.map((file) => ({ file, template: readTemplate(file) }));
		expect(duplicateWebhookIds(templates)).toEqual([]);
	});
});

describe('template rules catch broken templates', () => {
	const setupNote = {
		name: 'Setup',
		type: STICKY_NOTE_TYPE,
		typeVersion: 1,
		position: [-400, -200],
		parameters: {
			content:
				'## Setup\nThis workflow verifies course completions sent by your LMS before any credential is issued.\n\n' +
				'1. Open **Verify Completion** and replace the demo rules with your own courses.\n' +
				'2. Activate the workflow and register the production webhook URL in your LMS.\n',
		},
	};
	const webhook = {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: '4b1f7a52-8d0e-4c3b-9f6a-2e5d8c7b1a90',
		parameters: { path: 'completion', authentication: 'headerAuth' },
		credentials: { httpHeaderAuth: { id: null, name: 'Webhook token' } },
	};
	const verify = {
		name: 'Verify Completion',
		type: 'n8n-nodes-certificate-delivery.verifyCompletion',
		typeVersion: 1,
		position: [220, 0],
		parameters: {},
	};
	const validTemplate = {
		name: 'valid',
		nodes: [setupNote, webhook, verify],
		connections: { Webhook: { main: [[{ node: 'Verify Completion', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};

	const rulesFired = (template: unknown): TemplateRule[] =>
		[...new Set(checkTemplate(template, catalogue).map((issue) => issue.rule))].sort();

	test('the valid template passes, so the cases below fail for their own reason', () => {
		expect(checkTemplate(validTemplate, catalogue)).toEqual([]);
	});

	const brokenCases: Array<{ name: string; rule: TemplateRule; template: unknown }> = [
		{ name: 'not a workflow', rule: 'shape', template: { nodes: 'none' } },
		{
			name: 'unknown node type',
			rule: 'node-type',
			template: {
				...validTemplate,
				nodes: [setupNote, webhook, { ...verify, type: 'CUSTOM.verifyCompletion' }],
			},
		},
		{
			name: 'undeclared type version',
			rule: 'type-version',
			template: { ...validTemplate, nodes: [setupNote, webhook, { ...verify, typeVersion: 3 }] },
		},
		{ name: 'workflow id', rule: 'instance-field', template: { ...validTemplate, id: 'wf-1' } },
		{ name: 'versionId', rule: 'instance-field', template: { ...validTemplate, versionId: 'v-1' } },
		{ name: 'active flag', rule: 'instance-field', template: { ...validTemplate, active: false } },
		{
			name: 'instance id',
			rule: 'instance-field',
			template: { ...validTemplate, meta: { instanceId: 'abc' } },
		},
		{
			name: 'credential id',
			rule: 'credential-id',
			template: {
				...validTemplate,
				nodes: [
					setupNote,
					webhook,
					{ ...verify, credentials: { lmsApi: { id: '12', name: 'LMS' } } },
				],
			},
		},
		{
			name: '$env in a parameter',
			rule: 'env-access',
			template: {
				...validTemplate,
				nodes: [setupNote, webhook, { ...verify, parameters: { source: '={{ $env.LMS_NAME }}' } }],
			},
		},
		{
			name: 'webhookId that is not a UUID',
			rule: 'webhook-id',
			template: {
				...validTemplate,
				nodes: [setupNote, { ...webhook, webhookId: 'lms-completions' }, verify],
			},
		},
		{
			name: 'a readable webhookId on a Webhook without a path parameter',
			rule: 'webhook-id',
			template: {
				...validTemplate,
				nodes: [setupNote, { ...webhook, webhookId: 'verify' }, verify],
			},
		},
		{
			name: 'a public GET Webhook that does not say it only reads',
			rule: 'webhook-auth',
			template: {
				...validTemplate,
				nodes: [
					setupNote,
					{ ...webhook, parameters: { httpMethod: 'GET', path: 'status' } },
					verify,
				],
			},
		},
		{
			name: 'a POST Webhook noted public, read-only',
			rule: 'webhook-auth',
			template: {
				...validTemplate,
				nodes: [
					setupNote,
					{
						...webhook,
						parameters: { httpMethod: 'POST', path: 'status' },
						notes: 'Public, read-only: answers a status.',
					},
					verify,
				],
			},
		},
		{
			name: 'Webhook node without authentication',
			rule: 'webhook-auth',
			template: {
				...validTemplate,
				nodes: [setupNote, { ...webhook, parameters: { path: 'completion' } }, verify],
			},
		},
		{
			name: 'Header Auth without a credential',
			rule: 'webhook-auth',
			template: {
				...validTemplate,
				nodes: [setupNote, { ...webhook, credentials: undefined }, verify],
			},
		},
		{
			name: 'Header Auth credential without a name',
			rule: 'webhook-auth',
			template: {
				...validTemplate,
				nodes: [
					setupNote,
					{ ...webhook, credentials: { httpHeaderAuth: { id: null, name: ' ' } } },
					verify,
				],
			},
		},
		{
			name: 'no sticky note first',
			rule: 'setup-note',
			template: {
				...validTemplate,
				nodes: [{ ...setupNote, position: [600, 0] }, webhook, verify],
			},
		},
		{
			name: 'sticky note without a Setup heading',
			rule: 'setup-note',
			template: {
				...validTemplate,
				nodes: [
					{
						...setupNote,
						parameters: { content: setupNote.parameters.content.replace('## Setup', '## Notes') },
					},
					webhook,
					verify,
				],
			},
		},
		{
			name: 'trivial sticky note',
			rule: 'setup-note',
			template: {
				...validTemplate,
				nodes: [{ ...setupNote, parameters: { content: '## Setup\nTODO' } }, webhook, verify],
			},
		},
		{
			name: 'connection to a missing node',
			rule: 'connection',
			template: {
				...validTemplate,
				connections: { Webhook: { main: [[{ node: 'Verify', type: 'main', index: 0 }]] } },
			},
		},
		{
			name: 'connection from a missing node',
			rule: 'connection',
			template: {
				...validTemplate,
				connections: {
					Trigger: { main: [[{ node: 'Verify Completion', type: 'main', index: 0 }]] },
				},
			},
		},
	];

	test.each(brokenCases)('$name breaks rule "$rule"', ({ rule, template }) => {
		expect(rulesFired(template)).toEqual([rule]);
	});

	test('a webhookId reused by two templates is reported', () => {
		const duplicates = duplicateWebhookIds([
			{ file: 'a.json', template: validTemplate },
			{
				file: 'b.json',
				template: { ...validTemplate, nodes: [setupNote, { ...webhook, name: 'Other Webhook' }] },
			},
		]);
		expect(duplicates).toHaveLength(1);
		expect(duplicates[0]).toContain(webhook.webhookId);
	});
});
