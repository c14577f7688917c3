// A stand-in for n8n's webhook context, enough for the push triggers' shared webhook(), and a
// folder of its own for the replay memory, which keeps files under n8n's folder.
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IWebhookFunctions } from 'n8n-workflow';

import {
	checkHmacSha256,
	normaliseThinkific,
	parseJsonBody,
	type NormaliseResult,
} from '../../../nodes/core/integrations/lms';
import type { LmsRequest } from '../../../nodes/kit/lms/webhook';

/**
 * Points N8N_USER_FOLDER at a new temporary folder for the calling test file and restores it
 * afterwards; the returned function gives the folder (known once beforeAll has run).
 */
export function useOwnN8nFolder(prefix: string): () => string {
	let userFolder = '';
	const saved = process.env.N8N_USER_FOLDER;
	beforeAll(async () => {
		userFolder = await mkdtemp(join(tmpdir(), prefix));
		process.env.N8N_USER_FOLDER = userFolder;
	});
	afterAll(async () => {
		if (saved === undefined) delete process.env.N8N_USER_FOLDER;
		else process.env.N8N_USER_FOLDER = saved;
		await rm(userFolder, { recursive: true, force: true });
	});
	return () => userFolder;
}

/** What a test may set beyond the body: the node's parameters, credentials and HTTP helpers. */
export interface StandInOptions {
	workflowId: string;
	responseMode: string;
	staticData?: object;
	nodeName?: string;
	/** Answers getNodeParameter by name; responseMode comes from `responseMode`. */
	parameters?: Record<string, unknown>;
	/** Answers getCredentials by credential type. */
	credentials?: Record<string, object>;
	/** What getBodyData returns: the body as n8n's own parser made it. */
	bodyData?: unknown;
	/** this.helpers (HTTP calls); returnJsonArray is always there. */
	helpers?: Record<string, unknown>;
	/** Receives n8n log warnings. */
	warn?: (message: string) => void;
}

/**
 * The Express response as far as the triggers use it: status/json/setHeader record what the node
 * answered, `answer(status)` is n8n answering after the run ('finish'), `hangUp()` the caller
 * closing the connection first ('close').
 */
class FakeResponse extends EventEmitter {
	statusCode = 200;
	readonly headers: Record<string, string> = {};

	constructor(private readonly sent: { status?: number; body?: unknown }) {
		super();
	}

	status(code: number) {
		this.statusCode = code;
		this.sent.status = code;
		return this;
	}

	json(body: unknown) {
		this.sent.body = body;
		return this;
	}

	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	answer(status: number) {
		this.statusCode = status;
		this.emit('finish');
		this.emit('close');
	}

	hangUp() {
		this.emit('close');
	}
}

/**
 * One delivery to an active push trigger (a Thinkific Trigger unless the options say otherwise):
 * `staticData` is the node's static data for this request. `sent` records what the node answered
 * itself (status and body), empty when it left the answer to n8n; `response` is the Express
 * response, to answer as n8n does once the run ended. `warn` receives n8n log warnings.
 */
export function webhookContext(
	delivery: { body: string | Buffer; headers: Record<string, string> },
	options: StandInOptions,
) {
	const sent: { status?: number; body?: unknown } = {};
	const response = new FakeResponse(sent);
	const staticData = options.staticData ?? {};
	const parameters: Record<string, unknown> = {
		...options.parameters,
		responseMode: options.responseMode,
	};
	const rawBody = Buffer.isBuffer(delivery.body) ? delivery.body : Buffer.from(delivery.body);
	const node = { name: options.nodeName ?? 'Thinkific Trigger', credentials: {} };
	const ctx = {
		getRequestObject: () => ({ rawBody }),
		getHeaderData: () => delivery.headers,
		getBodyData: () => options.bodyData ?? {},
		getWorkflowStaticData: () => staticData,
		getNodeParameter: (name: string, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback,
		getCredentials: async (type: string) => {
			const data = options.credentials?.[type];
			if (!data) throw new Error(`No credential of type ${type} is set for this node`);
			return data;
		},
		getResponseObject: () => response,
		getWorkflow: () => ({ id: options.workflowId, active: true }),
		getNode: () => node,
		helpers: {
			returnJsonArray: (items: object[]) => items.map((json) => ({ json })),
			...options.helpers,
		},
		logger: { warn: options.warn ?? (() => undefined), error: () => undefined },
	} as unknown as IWebhookFunctions;
	return { ctx, sent, response };
}

/** The Thinkific Trigger's check in miniature: HMAC over the raw body with `secret`, then normalise. */
export function thinkificVerifier(secret: string) {
	return async (request: LmsRequest): Promise<NormaliseResult> => {
		const check = checkHmacSha256(
			request.rawBody,
			secret,
			request.header('x-thinkific-hmac-sha256'),
			'X-Thinkific-Hmac-Sha256',
		);
		if (!check.ok) return check;
		const body = parseJsonBody(request.text, request.contentType);
		return body.ok ? normaliseThinkific(body.value) : body;
	};
}
