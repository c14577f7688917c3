import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	CertificateError,
	linkedInAddToProfileUrl,
	renderCertificate,
	type CertificateDesign,
} from '../core/domain/certificate';
import { itemPrefix, toNodeError, type Explain } from '../kit/node-errors';
import { ItemOutput, runPerItem } from '../kit/per-item';
import { optionalText } from '../kit/text';
import { readCertificateInput, readFieldPositions } from './certificate-input';
import { embeddedFileCopies, readEmbeddedFiles } from './embedded-files';

async function designFor(this: IExecuteFunctions, itemIndex: number): Promise<CertificateDesign> {
	if (this.getNodeParameter('design', itemIndex) !== 'template') return { kind: 'builtIn' };
	const property =
		optionalText(this.getNodeParameter('templateBinaryProperty', itemIndex, '')) ?? '';
	const binary = this.getInputData()[itemIndex].binary?.[property];
	if (!property || !binary)
		throw new NodeOperationError(
			this.getNode(),
			`Item ${itemIndex}: template binary property "${property}" not found`,
			{
				itemIndex,
				description:
					'Attach the template PDF to each item (e.g. with Read/Write Files from Disk or HTTP Request) and set Template Binary Property to its name.',
			},
		);
	const templatePdf = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	return {
		kind: 'template',
		templatePdf,
		page: this.getNodeParameter('templatePage', itemIndex, 1) as number,
		positions: readFieldPositions.call(this, itemIndex),
	};
}

/** A certificate error names the field of the node to fix. */
const explainCertificateError: Explain = (cause, itemIndex) =>
	cause instanceof CertificateError
		? {
				message: `${itemPrefix(itemIndex)}${cause.message}`,
				description: `Check the "${cause.field}" field of the Certificate node.`,
			}
		: undefined;

async function renderItem(
	this: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData,
): Promise<ItemOutput> {
	const input = readCertificateInput.call(this, itemIndex);
	const design = await designFor.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const embedded = await readEmbeddedFiles.call(this, itemIndex, options);
	const files = embedded.map((request) => request.file);
	const { pdf, record } = await renderCertificate(input, design, files);
	const organizationId = optionalText(options.linkedInOrganizationId);
	const organizationName = optionalText(options.linkedInOrganizationName);
	const linkedIn =
		organizationId || organizationName
			? {
					linkedInAddToProfileUrl: linkedInAddToProfileUrl({
						name: record.courseTitle,
						organizationId,
						organizationName,
						issuedAt: record.issuedAt,
						certUrl: record.verificationUrl,
						certId: record.certificateId,
					}),
				}
			: {};
	const binaryProperty = optionalText(options.binaryProperty) ?? 'certificate';
	const recordField = optionalText(options.recordField) ?? 'certificate';
	const fileName = optionalText(options.fileName) ?? record.fileName;
	const binaryData = await this.helpers.prepareBinaryData(
		Buffer.from(pdf),
		fileName,
		'application/pdf',
	);
	return new ItemOutput(
		0,
		{ ...item.json, [recordField]: { ...record, fileName, ...linkedIn } as unknown as IDataObject },
		{
			...item.binary,
			...(await embeddedFileCopies.call(this, embedded)),
			[binaryProperty]: binaryData,
		},
	);
}

/**
 * Renders one item ahead: while n8n stores an item's PDF (file writes the loop would otherwise
 * wait out, about a quarter of the node's time for a conference), the next one is drawn. Each
 * item's result or error is still taken in order, by its own turn of the loop.
 */
function renderingAhead(this: IExecuteFunctions) {
	const items = this.getInputData();
	const started = new Map<number, Promise<ItemOutput>>();
	const start = (itemIndex: number) => {
		const rendering = renderItem.call(this, itemIndex, items[itemIndex]);
		rendering.catch(() => undefined); // taken, and thrown, in its own turn
		started.set(itemIndex, rendering);
	};
	return async (itemIndex: number): Promise<ItemOutput> => {
		if (!started.has(itemIndex)) start(itemIndex);
		const rendering = started.get(itemIndex) as Promise<ItemOutput>;
		started.delete(itemIndex);
		if (itemIndex + 1 < items.length) start(itemIndex + 1);
		return await rendering;
	};
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const rendered = renderingAhead.call(this);
	return await runPerItem.call(
		this,
		{
			toNodeError: (cause, itemIndex) =>
				toNodeError(this.getNode(), cause, itemIndex, explainCertificateError),
		},
		async (itemIndex) => await rendered(itemIndex),
	);
}
