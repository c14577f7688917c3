// The Certificate node inside n8n's engine: binary PDF output through the binary-data helpers,
// the JSON record, defaults that read a decision from the item, templates from a binary
// property, errors that name the field, continue-on-fail and item pairing.
import type { IBinaryData, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { PDFDocument, StandardFonts } from 'pdf-lib';

import { runNode, TRIGGER_NAME } from '../support/run-node';
import { runWorkflow } from '../support/run-workflow';

const TYPE = 'n8n-nodes-certificate-delivery.certificate';
const NODE = 'Certificate';

const BASE_PARAMETERS: INodeParameters = {
	sponsorName: 'Example CPE Institute',
	additionalFields: { sponsorRegistryId: '108765', issuedAt: '2026-05-15T09:30:00Z' },
};

const attendee = (overrides: IDataObject = {}): IDataObject => ({
	attendee: { id: 'A-17', name: 'José Müller-Łukasiewicz' },
	session: { title: 'Revenue Recognition Update' },
	completedAt: '2026-05-14T17:00:00Z',
	creditDecision: {
		credits: '2.8',
		fieldOfStudy: 'Accounting',
		deliveryMethod: 'group-live',
		decidedAt: '2026-05-14T18:00:00Z',
	},
	...overrides,
});

function pdfOf(item: INodeExecutionData | undefined, property = 'certificate'): Buffer {
	const binary = item?.binary?.[property];
	if (!binary) throw new Error(`no binary property ${property}`);
	return Buffer.from(binary.data, 'base64');
}

function recordOf(item: INodeExecutionData | undefined, field = 'certificate'): IDataObject {
	const record = item?.json[field];
	if (typeof record !== 'object' || record === null || Array.isArray(record))
		throw new Error(`no record in ${field}`);
	return record as IDataObject;
}

describe('Certificate node: Render PDF', () => {
	test('renders a PDF per item with the record, reading names and credits from the item', async () => {
		const run = await runNode({
			type: TYPE,
			name: NODE,
			parameters: BASE_PARAMETERS,
			items: [attendee(), attendee({ attendee: { id: 'A-18', name: '王小明' } })],
		});
		expect(run.status).toBe('success');
		const [first, second] = run.outputs[0];
		const binary = first.binary?.certificate as IBinaryData;
		expect(binary.mimeType).toBe('application/pdf');
		const record = recordOf(first);
		expect(binary.fileName).toBe(`certificate-${String(record.certificateId)}.pdf`);
		expect(pdfOf(first).subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(record).toMatchObject({
			recipientName: 'José Müller-Łukasiewicz',
			courseTitle: 'Revenue Recognition Update',
			credits: [{ credits: '2.8', fieldOfStudy: 'Accounting' }],
			deliveryMethodLabel: 'Group Live',
			sponsorRegistryId: '108765',
			design: 'built-in',
			byteLength: pdfOf(first).length,
		});
		// No Verification URL given: the instance's base URL plus the verification template's path.
		expect(record.verificationUrl).toBe(
			`http://localhost:5678/webhook/verify/${String(record.certificateId)}`,
		);
		expect(first.json.attendee).toEqual({ id: 'A-17', name: 'José Müller-Łukasiewicz' });
		expect(recordOf(second).recipientName).toBe('王小明');
		expect(recordOf(second).certificateId).not.toBe(record.certificateId);
		expect(run.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const doc = await PDFDocument.load(pdfOf(first), { updateMetadata: false });
		expect(doc.getAuthor()).toBe('Example CPE Institute');
	});

	test('items rendered one ahead come out as each renders alone, in order', async () => {
		const names = ['Ada Lovelace', '王小明', 'José Müller-Łukasiewicz', 'Zoë Ångström'];
		const items = names.map((name, i) => attendee({ attendee: { id: `A-${30 + i}`, name } }));
		const render = (batch: IDataObject[]) =>
			runNode({ type: TYPE, name: NODE, parameters: BASE_PARAMETERS, items: batch });
		const together = (await render(items)).outputs[0];
		expect(together.map((item) => recordOf(item).recipientName)).toEqual(names);
		for (const [i, item] of items.entries()) {
			const [alone] = (await render([item])).outputs[0];
			expect(recordOf(together[i])).toEqual(recordOf(alone));
			expect(pdfOf(together[i]).equals(pdfOf(alone))).toBe(true);
		}
	});

	test('derives the same certificate id on a rerun and a new one for a reissue', async () => {
		const once = await runNode({
			type: TYPE,
			name: NODE,
			parameters: BASE_PARAMETERS,
			items: [attendee()],
		});
		const twice = await runNode({
			type: TYPE,
			name: NODE,
			parameters: BASE_PARAMETERS,
			items: [attendee()],
		});
		const id = recordOf(once.outputs[0][0]).certificateId as string;
		expect(recordOf(twice.outputs[0][0]).certificateId).toBe(id);
		const reissue = await runNode({
			type: TYPE,
			name: NODE,
			parameters: {
				...BASE_PARAMETERS,
				additionalFields: {
					...(BASE_PARAMETERS.additionalFields as IDataObject),
					supersedes: id,
					supersessionReason: 'name corrected',
				},
			},
			items: [attendee()],
		});
		const record = recordOf(reissue.outputs[0][0]);
		expect(record.certificateId).not.toBe(id);
		expect(record.supersedes).toEqual({ certificateId: id, reason: 'name corrected' });
	});

	test('uses a mapped certificate id and the output options', async () => {
		const run = await runNode({
			type: TYPE,
			name: NODE,
			parameters: {
				...BASE_PARAMETERS,
				certificateIdSource: 'mapped',
				certificateId: '={{ $json.reservedId }}',
				verificationUrl: 'https://verify.example.org/check?c={{id}}',
				options: { binaryProperty: 'pdf', recordField: 'issued', fileName: 'my-cert.pdf' },
			},
			items: [attendee({ reservedId: 'CPE-2026-000123' })],
		});
		const item = run.outputs[0][0];
		expect(item.binary?.pdf.fileName).toBe('my-cert.pdf');
		expect(recordOf(item, 'issued')).toMatchObject({
			certificateId: 'CPE-2026-000123',
			verificationUrl: 'https://verify.example.org/check?c=CPE-2026-000123',
			fileName: 'my-cert.pdf',
		});
	});

	test('a missing name stops the node with an error naming the field and the item', async () => {
		const run = await runNode({
			type: TYPE,
			name: NODE,
			parameters: BASE_PARAMETERS,
			items: [attendee(), attendee({ attendee: { id: 'A-19' } })],
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('Item 1: Recipient Name is empty');
	});

	test('with Continue On Fail the bad item carries the error and the others render', async () => {
		const run = await runNode({
			type: TYPE,
			name: NODE,
			parameters: BASE_PARAMETERS,
			settings: { onError: 'continueRegularOutput' },
			items: [attendee({ creditDecision: { credits: 'lots' } }), attendee()],
		});
		expect(run.status).toBe('success');
		const [bad, good] = run.outputs[0];
		expect(bad.json.error).toBe(
			'Item 0: Certificate field "credits.0.credits": expected a number such as "2.8"',
		);
		expect(bad.binary).toBeUndefined();
		expect(bad.pairedItem).toEqual({ item: 0 });
		expect(good.binary?.certificate.mimeType).toBe('application/pdf');
		expect(good.pairedItem).toEqual({ item: 1 });
	});

	test('with the error output the bad item goes there', async () => {
		const run = await runNode({
			type: TYPE,
			name: NODE,
			parameters: BASE_PARAMETERS,
			settings: { onError: 'continueErrorOutput' },
			items: [attendee(), attendee({ attendee: {} })],
		});
		expect(run.outputs[0]).toHaveLength(1);
		expect(run.outputs[1]).toHaveLength(1);
		expect(run.outputs[1][0].json.error).toBe('Item 1: Recipient Name is empty');
	});
});

async function templateBase64(): Promise<string> {
	const doc = await PDFDocument.create();
	const font = await doc.embedFont(StandardFonts.Helvetica);
	doc.addPage([792, 612]).drawText('Conference artwork', { x: 300, y: 560, size: 18, font });
	return Buffer.from(await doc.save()).toString('base64');
}

async function runWithTemplate(parameters: INodeParameters, binary?: Record<string, IBinaryData>) {
	const run = await runWorkflow(
		{
			nodes: [
				{
					name: TRIGGER_NAME,
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					name: NODE,
					type: TYPE,
					typeVersion: 1,
					position: [220, 0],
					parameters: { ...BASE_PARAMETERS, design: 'template', ...parameters },
				},
			],
			connections: { [TRIGGER_NAME]: { main: [[{ node: NODE, type: 'main', index: 0 }]] } },
		},
		{ pinData: { [TRIGGER_NAME]: [{ json: attendee(), ...(binary ? { binary } : {}) }] } },
	);
	return { run, items: run.outputs[NODE]?.[0] ?? [] };
}

const positions = (...entries: INodeParameters[]): INodeParameters => ({ positions: entries });

describe('Certificate node: template from a binary property', () => {
	test('draws the mapped fields on the template PDF', async () => {
		const template: IBinaryData = {
			data: await templateBase64(),
			mimeType: 'application/pdf',
			fileName: 'template.pdf',
		};
		const { run, items } = await runWithTemplate(
			{
				fieldPositions: positions(
					{ field: 'recipientName', x: 396, y: 300, size: 24, align: 'center' },
					{ field: 'qrCode', x: 680, y: 30, size: 80 },
				),
			},
			{ template },
		);
		expect(run.status).toBe('success');
		const record = recordOf(items[0]);
		expect(record.design).toBe('template');
		const doc = await PDFDocument.load(pdfOf(items[0]));
		expect(doc.getPage(0).getSize()).toEqual({ width: 792, height: 612 });
		expect(items[0].binary?.template).toBeDefined();
	});

	test('a missing template binary names the property', async () => {
		const { run } = await runWithTemplate({
			fieldPositions: positions({ field: 'recipientName', x: 10, y: 10 }),
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('Item 0: template binary property "template" not found');
	});

	test('a template that is not a PDF and a position off the page are refused by name', async () => {
		const notPdf: IBinaryData = {
			data: Buffer.from('hello').toString('base64'),
			mimeType: 'text/plain',
		};
		const first = await runWithTemplate(
			{ fieldPositions: positions({ field: 'recipientName', x: 10, y: 10 }) },
			{ template: notPdf },
		);
		expect(first.run.error?.message).toBe(
			'Item 0: The template is not a PDF file (no %PDF- header)',
		);
		const template: IBinaryData = { data: await templateBase64(), mimeType: 'application/pdf' };
		const second = await runWithTemplate(
			{ fieldPositions: positions({ field: 'certificateId', x: 900, y: 10 }) },
			{ template },
		);
		expect(second.run.error?.message).toContain(
			'Item 0: Field "certificateId" at x=900, y=10 is off the template page (792 × 612 pt',
		);
		expect(second.run.error?.description).toBe(
			'Check the "fieldPositions[0]" field of the Certificate node.',
		);
	});
});
