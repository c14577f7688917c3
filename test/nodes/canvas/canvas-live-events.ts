// The Canvas Live Events credential and signed deliveries the Canvas Trigger tests share: the
// committed demo keys and the demo Canvas (root account and host of the fixtures).
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { CANVAS_HOST, CANVAS_ROOT_ACCOUNT_ID } from '../../simulators/lms/sample-data';
import { fixture } from '../../unit/lms/fixtures';
import { demoCanvasSigner } from '../../simulators/lms/webhook-sender';
import type { CanvasSigner } from '../../simulators/lms/webhook-sender';
import { callWebhook } from '../support/node-contexts';

export const CANVAS_TRIGGER = 'n8n-nodes-certificate-delivery.canvasTrigger';
export const canvasSigner = demoCanvasSigner();

/** The fixture's course_completed at another instant (a fresh completion), `metadata` merged in. */
export function liveEvent(completedAt: string, metadata: IDataObject = {}): IDataObject {
	const event = fixture('canvas-course-completed.json').json as IDataObject;
	const body = event.body as IDataObject;
	return {
		metadata: { ...(event.metadata as IDataObject), ...metadata },
		body: { ...body, progress: { ...(body.progress as IDataObject), completed_at: completedAt } },
	};
}

/** The credential as the demo sets it up; `overrides` replaces single fields. */
export function liveEventsCredential(
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		allowedRootAccounts: CANVAS_ROOT_ACCOUNT_ID,
		allowedHosts: CANVAS_HOST,
		jwksSource: 'json',
		jwks: JSON.stringify(canvasSigner.jwks),
		...overrides,
	};
}

/** One signed live event posted to a Canvas Trigger (answering 'onReceived' unless told). */
export async function deliverLiveEvent(
	event: object,
	options: {
		parameters?: INodeParameters;
		credential?: ICredentialDataDecryptedObject;
		sign?: Parameters<CanvasSigner['sign']>[1];
		extraCredentials?: Record<string, ICredentialDataDecryptedObject>;
		extraNodeCredentials?: Record<string, { id: string; name: string }>;
	} = {},
) {
	const delivery = canvasSigner.sign(event, options.sign);
	return await callWebhook({
		type: CANVAS_TRIGGER,
		parameters: { responseMode: 'onReceived', ...options.parameters },
		credentials: {
			canvasLiveEventsApi: options.credential ?? liveEventsCredential(),
			...options.extraCredentials,
		},
		nodeCredentials: {
			canvasLiveEventsApi: { id: '1', name: 'Canvas Live Events keys' },
			...options.extraNodeCredentials,
		},
		body: delivery.body,
		rawBody: Buffer.from(delivery.body),
		headers: delivery.headers,
	});
}
