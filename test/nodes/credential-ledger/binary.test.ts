// Credential operations add `ledger` to the item and keep its binary data, so a PDF rendered
// before Reserve or Record still reaches the e-mail or response node after them, on the
// success outputs and on the error output alike.
import type { INodeExecutionData } from 'n8n-workflow';

import {
	ISSUED_PARAMS,
	LEDGER_TYPE,
	RESERVE_PARAMS,
	SIGNING,
	completionItem,
	ed25519Key,
	ledgerFolder,
	ledgerOf,
} from '../support/credential-ledger';
import { runWorkflow, type WorkflowJson } from '../support/run-workflow';

const signing = { [SIGNING]: { id: 'signing', name: 'Ledger key' } };

function workflowWith(folder: string): WorkflowJson {
	const ledgerNode = (name: string, x: number, parameters: object, extra: object = {}) => ({
		name,
		type: LEDGER_TYPE,
		typeVersion: 1,
		position: [x, 0] as [number, number],
		parameters: { folderPath: folder, ...parameters },
		credentials: signing,
		...extra,
	});
	const main = (...targets: string[][]) => ({
		main: targets.map((out) => out.map((node) => ({ node, type: 'main' as const, index: 0 }))),
	});
	return {
		nodes: [
			{
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				name: 'Completion',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: { mode: 'raw', jsonOutput: JSON.stringify(completionItem()), options: {} },
			},
			{
				name: 'Certificate',
				type: 'n8n-nodes-certificate-delivery.certificate',
				typeVersion: 1,
				position: [400, 0],
				parameters: { courseTitle: 'Workplace Safety', sponsorName: 'Example Institute' },
			},
			ledgerNode('Reserve', 600, RESERVE_PARAMS),
			ledgerNode('Record', 800, ISSUED_PARAMS),
			// Issued twice is refused: the item leaves on the error output.
			ledgerNode('Record again', 1000, ISSUED_PARAMS, { onError: 'continueErrorOutput' }),
		],
		connections: {
			Start: main(['Completion']),
			Completion: main(['Certificate']),
			Certificate: main(['Reserve']),
			Reserve: main(['Record']),
			Record: main(['Record again']),
		},
	};
}

const pdfOf = (item: INodeExecutionData | undefined) => item?.binary?.certificate;

test('Reserve and Record keep the PDF on the item, also on the error output', async () => {
	const run = await runWorkflow(workflowWith(ledgerFolder()), {
		credentials: { [SIGNING]: ed25519Key() },
	});
	expect(run.error).toBeUndefined();
	const rendered = pdfOf(run.outputs.Certificate[0][0]);
	expect(rendered?.mimeType).toBe('application/pdf');
	const reserved = run.outputs.Reserve[0][0];
	expect(ledgerOf(reserved).status).toBe('new');
	expect(pdfOf(reserved)).toEqual(rendered);
	const recorded = run.outputs.Record[0][0];
	expect(ledgerOf(recorded).recorded).toBe('issued');
	expect(pdfOf(recorded)).toEqual(rendered);
	const [succeeded, failed] = run.outputs['Record again'];
	expect(succeeded).toEqual([]);
	expect(failed[0].json.error).toMatch(/already issued/);
	expect(pdfOf(failed[0])).toEqual(rendered);
});
