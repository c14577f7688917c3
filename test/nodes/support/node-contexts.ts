// n8n's own LoadOptionsContext and WebhookContext around one of our nodes, for what a workflow
// run does not reach: dropdowns (loadOptions) and a trigger's webhook() handling one request.
// Credentials, parameters and HTTP go through the pinned n8n exactly as in the editor / server.
import { EventEmitter } from 'node:events';
import type {
	IDataObject,
	INode,
	INodeCredentials,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	Workflow,
} from 'n8n-workflow';

import { TestCredentialsHelper, type TestCredentials } from './credentials';
import { loadNodeTypes } from './node-types';
import { loadPinnedN8n } from './pinned-n8n';
import { createAdditionalData } from './run-workflow';

interface ContextClasses {
	LoadOptionsContext: new (
		workflow: Workflow,
		node: INode,
		additionalData: unknown,
		path: string,
	) => object;
	WebhookContext: new (
		workflow: Workflow,
		node: INode,
		additionalData: unknown,
		mode: string,
		webhookData: IWebhookData,
		closeFunctions: unknown[],
		runExecutionData: null,
	) => object;
}

export interface NodeContextOptions {
	type: string;
	parameters?: INodeParameters;
	credentials?: TestCredentials;
	nodeCredentials?: INodeCredentials;
}

async function setUp(options: NodeContextOptions) {
	const pinned = loadPinnedN8n();
	const nodeTypes = await loadNodeTypes();
	const node: INode = {
		id: 'node-0',
		name: 'Node Under Test',
		type: options.type,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters ?? {},
		...(options.nodeCredentials ? { credentials: options.nodeCredentials } : {}),
	};
	const workflow = new pinned.workflow.Workflow({
		id: 'node-context-test',
		name: 'node context test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	// Parameters as n8n stores them: defaults filled in for what the test left out.
	const resolved = workflow.getNode(node.name) ?? node;
	const additionalData = createAdditionalData(
		undefined,
		new TestCredentialsHelper(nodeTypes, options.credentials),
		'context',
	);
	const nodeType: INodeType = nodeTypes.getByNameAndVersion(options.type, 1);
	const classes = pinned.core as unknown as ContextClasses;
	return { workflow, node: resolved, additionalData, nodeType, classes };
}

/** Runs a node's loadOptions method as the editor does when a dropdown opens. */
export async function loadOptions(
	options: NodeContextOptions & { method: string },
): Promise<INodePropertyOptions[]> {
	const { workflow, node, additionalData, nodeType, classes } = await setUp(options);
	const method = nodeType.methods?.loadOptions?.[options.method];
	if (!method) throw new Error(`${options.type} has no loadOptions method "${options.method}"`);
	const context = new classes.LoadOptionsContext(workflow, node, additionalData, 'parameters');
	return await method.call(context as never);
}

export interface WebhookCall extends NodeContextOptions {
	body: unknown;
	headers?: Record<string, string>;
	/** The bytes as received; defaults to JSON.stringify(body). */
	rawBody?: Buffer;
	/**
	 * The status n8n answers with when the node starts a run (default 200: the run started); a
	 * trigger settles its replay memory on it.
	 */
	answer?: number;
}

export interface WebhookOutcome {
	result: IWebhookResponseData;
	/** What the node answered itself (noWebhookResponse), if it did; header names in lower case. */
	response: { status?: number; body?: unknown; headers?: Record<string, string> };
	/** The items that would start the workflow ([] when none). */
	items: IDataObject[];
}

/** One POST to a trigger's webhook, handled by its webhook() inside n8n's WebhookContext. */
export async function callWebhook(options: WebhookCall): Promise<WebhookOutcome> {
	const { workflow, node, additionalData, nodeType, classes } = await setUp(options);
	if (!nodeType.webhook) throw new Error(`${options.type} has no webhook()`);
	const rawBody = options.rawBody ?? Buffer.from(JSON.stringify(options.body));
	const response: WebhookOutcome['response'] = {};
	const res = Object.assign(new EventEmitter(), {
		statusCode: 200,
		setHeader(name: string, value: string) {
			response.headers = { ...response.headers, [name.toLowerCase()]: value };
			return res;
		},
		status(code: number) {
			response.status = code;
			return res;
		},
		json(body: unknown) {
			response.body = body;
			return res;
		},
		send(body: unknown) {
			response.body = body;
			return res;
		},
		end() {
			return res;
		},
	});
	const headers = Object.fromEntries(
		Object.entries({ 'content-type': 'application/json', ...options.headers }).map(([k, v]) => [
			k.toLowerCase(),
			v,
		]),
	);
	Object.assign(additionalData, {
		httpRequest: { body: options.body, headers, rawBody, query: {}, params: {}, method: 'POST' },
		httpResponse: res,
	});
	const webhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: 'webhook',
		webhookDescription: { name: 'default', httpMethod: 'POST', path: 'webhook' },
		workflowId: workflow.id,
	} as unknown as IWebhookData;
	const context = new classes.WebhookContext(
		workflow,
		node,
		additionalData,
		'webhook',
		webhookData,
		[],
		null,
	);
	const result = await nodeType.webhook.call(context as never);
	const items = (result.workflowData?.[0] ?? []).map((item) => item.json);
	if (result.workflowData) {
		res.statusCode = options.answer ?? 200;
		res.emit('finish');
		res.emit('close');
		// The replay memory settles in the background once n8n answered.
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return { result, response, items };
}
