import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';

import { THINKIFIC_COMPLETION_TOPIC } from '../core/integrations/lms';
import { thinkificRoot } from './learner-details';

async function apiBase(this: IHookFunctions): Promise<string> {
	return `${await thinkificRoot.call(this)}/api/v2/webhooks`;
}

async function request(
	this: IHookFunctions,
	options: Omit<IHttpRequestOptions, 'url'> & { path?: string },
): Promise<{ statusCode: number; body: unknown }> {
	const base = await apiBase.call(this);
	const { path, ...rest } = options;
	try {
		const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'thinkificApi', {
			...rest,
			url: path ? `${base}/${encodeURIComponent(path)}` : base,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number; body: unknown };
		return response;
	} catch (error) {
		throw new NodeApiError(this.getNode(), error as JsonObject, {
			message: 'Could not reach the Thinkific webhooks API',
		});
	}
}

function fail(
	this: IHookFunctions,
	what: string,
	response: { statusCode: number; body: unknown },
): never {
	const hint =
		response.statusCode === 401
			? 'check the API key and subdomain in the Thinkific credential (a 401 can also mean the plan has no API access)'
			: 'see the response body in the error details';
	throw new NodeApiError(this.getNode(), (response.body ?? {}) as JsonObject, {
		message: `Thinkific refused to ${what} (HTTP ${response.statusCode}): ${hint}`,
		httpCode: String(response.statusCode),
	});
}

export async function webhookExists(this: IHookFunctions): Promise<boolean> {
	const data = this.getWorkflowStaticData('node');
	if (data.webhookId === undefined) return false;
	const response = await request.call(this, { method: 'GET', path: String(data.webhookId) });
	if (response.statusCode === 404) {
		delete data.webhookId;
		return false;
	}
	if (response.statusCode >= 400) fail.call(this, 'look up the webhook', response);
	const body = (response.body ?? {}) as IDataObject;
	return (
		body.target_url === this.getNodeWebhookUrl('default') &&
		body.topic === THINKIFIC_COMPLETION_TOPIC
	);
}

export async function createWebhook(this: IHookFunctions): Promise<boolean> {
	const response = await request.call(this, {
		method: 'POST',
		body: { topic: THINKIFIC_COMPLETION_TOPIC, target_url: this.getNodeWebhookUrl('default') },
	});
	if (response.statusCode >= 400) fail.call(this, 'register the webhook', response);
	const id = (response.body as IDataObject | undefined)?.id;
	if (id === undefined || id === null) {
		throw new NodeOperationError(
			this.getNode(),
			'Thinkific registered the webhook but returned no id',
		);
	}
	this.getWorkflowStaticData('node').webhookId = String(id);
	return true;
}

export async function deleteWebhook(this: IHookFunctions): Promise<boolean> {
	const data = this.getWorkflowStaticData('node');
	if (data.webhookId === undefined) return true;
	const response = await request.call(this, { method: 'DELETE', path: String(data.webhookId) });
	if (response.statusCode >= 400 && response.statusCode !== 404) {
		fail.call(this, 'delete the webhook', response);
	}
	delete data.webhookId;
	return true;
}
