// A conference's attendee certificates rendered through n8n, a slice of the attendees per
// webhook call: the work a queue-mode n8n spreads over its workers, one execution per call.
// The workflow answers when every certificate of its slice is rendered.
import type { LoadedWorkflow } from './harness';

const PATH = 'render-event-certificates';
const SESSIONS = [
	['Ethics for CPAs', 'Behavioral Ethics'],
	['Revenue Recognition Update', 'Accounting'],
	['Audit Sampling in Practice', 'Auditing'],
	['Tax Changes for 2026', 'Taxes'],
].map(([title, fieldOfStudy]) => ({
	title,
	fieldOfStudy,
	date: '2026-05-14',
	deliveryMethod: 'group-live',
	credits: '2',
}));

export function certificateBatchWorkflow(): LoadedWorkflow {
	const webhookId = '5f0c9e4e-6c1b-4c55-9d4e-2b1f3c0a7e11';
	const node = (
		name: string,
		type: string,
		typeVersion: number,
		parameters: object,
		x: number,
	) => ({
		id: `${webhookId.slice(0, -2)}${String(x / 100).padStart(2, '0')}`,
		name,
		type,
		typeVersion,
		position: [x, 0],
		parameters,
		...(type.endsWith('.webhook') ? { webhookId } : {}),
	});
	const json = {
		id: 'queueScalingCert',
		name: 'Render an event’s certificates (queue-mode scaling)',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node(
				'Attendees',
				'n8n-nodes-base.webhook',
				2,
				{
					httpMethod: 'POST',
					path: PATH,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
				0,
			),
			node(
				'One Item per Attendee',
				'n8n-nodes-base.splitOut',
				1,
				{ fieldToSplitOut: 'body.attendees', options: {} },
				200,
			),
			node(
				'Certificate',
				'n8n-nodes-certificate-delivery.certificate',
				1,
				{
					operation: 'renderPdf',
					design: 'builtIn',
					certificateLayout: 'attendee',
					sessions: '={{ $json.sessions }}',
					recipientName: '={{ $json.name }}',
					courseTitle: 'Spring CPE Conference 2026',
					sponsorName: 'Spring CPE Conference (demo sponsor)',
					certificateIdSource: 'derived',
					additionalFields: { recipientId: '={{ $json.id }}', courseId: 'SPRING-CPE-2026' },
				},
				400,
			),
		],
		connections: {
			Attendees: { main: [[{ node: 'One Item per Attendee', type: 'main', index: 0 }]] },
			'One Item per Attendee': { main: [[{ node: 'Certificate', type: 'main', index: 0 }]] },
		},
	};
	return {
		file: '',
		fileName: 'queue-scaling-certificates.json',
		id: json.id,
		name: json.name,
		json,
		manual: false,
		polls: [],
		webhooks: [{ node: 'Attendees', method: 'POST', path: `/webhook/${PATH}` }],
	};
}

/** The request body for attendees `from` .. `to` - 1 of the event. */
export function attendeeSlice(from: number, to: number) {
	return {
		attendees: Array.from({ length: to - from }, (_, i) => ({
			id: `attendee-${from + i}`,
			name: `Attendee ${from + i}`,
			sessions: SESSIONS,
		})),
	};
}
