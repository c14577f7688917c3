import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OpenedLedger } from '../../transport/open-ledger';
import { updateDisplayOptions } from '../../../kit/display-options';

const properties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'verifyOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Checkpoint Hash',
				name: 'checkpointHash',
				type: 'string',
				default: '',
				description:
					'The head hash of an earlier Verify (head.hash): proves no entries were cut off the end since',
			},
			{
				displayName: 'Checkpoint Seq',
				name: 'checkpointSeq',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'The head seq of the same earlier Verify (head.seq)',
			},
			{
				displayName: 'Error When Not Intact',
				name: 'failWhenBroken',
				type: 'boolean',
				default: false,
				description:
					'Whether to stop the workflow when the chain does not verify, instead of returning ok: false',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['ledger'], operation: ['verify'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	opened: OpenedLedger,
): Promise<{ json: IDataObject }> {
	const options = this.getNodeParameter('verifyOptions', 0, {}) as IDataObject;
	const checkpointHash =
		typeof options.checkpointHash === 'string' ? options.checkpointHash.trim() : '';
	const expectedHead =
		checkpointHash === ''
			? undefined
			: { seq: Number(options.checkpointSeq ?? 0), hash: checkpointHash };
	const result = await opened.ledger.verify({ keyring: opened.key.keyring, expectedHead });
	if (!result.ok && options.failWhenBroken === true) {
		throw new NodeOperationError(
			this.getNode(),
			`The ledger does not verify: entry ${result.seq} is ${result.kind.replace('_', ' ')} (${result.detail})`,
			{ description: `Line ${result.lineNumber}, byte ${result.offset} of ${opened.location}.` },
		);
	}
	const json = {
		...result,
		location: opened.location,
		keyIds: opened.key.keyring.map((verifier) => verifier.keyId),
	};
	return { json: json as unknown as IDataObject };
}
