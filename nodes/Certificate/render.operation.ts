import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	CertificateError,
	renderCertificate,
	type CertificateDesign,
} from '../core/domain/certificate';
import { readCertificateInput, readFieldPositions } from './certificate-input';

async function designFor(this: IExecuteFunctions, itemIndex: number): Promise<CertificateDesign> {
	if (this.getNodeParameter('design', itemIndex) !== 'template') return { kind: 'builtIn' };
	const property = (
		this.getNodeParameter('templateBinaryProperty', itemIndex, '') as string
	).trim();
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

/** A domain error becomes a node error that names the field to fix. */
function asNodeError(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof CertificateError)
		return new NodeOperationError(this.getNode(), `Item ${itemIndex}: ${error.message}`, {
			itemIndex,
			description: `Check the "${error.field}" field of the Certificate node.`,
		});
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

async function renderItem(
	this: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const input = readCertificateInput.call(this, itemIndex);
	const design = await designFor.call(this, itemIndex);
	const { pdf, record } = await renderCertificate(input, design);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const binaryProperty = (options.binaryProperty as string | undefined)?.trim() || 'certificate';
	const recordField = (options.recordField as string | undefined)?.trim() || 'certificate';
	const fileName = (options.fileName as string | undefined)?.trim() || record.fileName;
	const binaryData = await this.helpers.prepareBinaryData(
		Buffer.from(pdf),
		fileName,
		'application/pdf',
	);
	return {
		json: { ...item.json, [recordField]: { ...record, fileName } as unknown as IDataObject },
		binary: { ...item.binary, [binaryProperty]: binaryData },
		pairedItem: { item: itemIndex },
	};
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			output.push(await renderItem.call(this, items[itemIndex], itemIndex));
		} catch (caught) {
			const error = asNodeError.call(this, caught, itemIndex);
			if (!this.continueOnFail()) throw error;
			output.push({
				json: { ...items[itemIndex].json, error: error.message },
				error,
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [output];
}
