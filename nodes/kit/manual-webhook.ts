import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/**
 * For services whose webhooks are registered by an administrator (no API): nothing to create or
 * delete, the node's notice shows the steps and the URL to paste.
 */
export const manualWebhookMethods = {
	default: {
		async checkExists(): Promise<boolean> {
			// Registration happens in the service's admin screens, so the hook always "exists" for n8n.
			return true;
		},
		async create(): Promise<boolean> {
			return true;
		},
		async delete(): Promise<boolean> {
			return true;
		},
	},
};

/** Answers the delivery at once with this status and JSON body, starting no execution. */
export function replyWithoutRun(
	this: IWebhookFunctions,
	status: number,
	body: IDataObject,
	headers: Record<string, string> = {},
): IWebhookResponseData {
	const response = this.getResponseObject();
	for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
	response.status(status).json(body);
	return { noWebhookResponse: true };
}
