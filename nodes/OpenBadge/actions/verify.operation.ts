import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	STATUS_PURPOSES,
	didDocumentOf,
	statusListUrl,
	verifyCredential,
} from '../../core/domain/open-badges';
import { updateDisplayOptions } from '../../kit/display-options';
import type { BadgeRun } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Credential',
		name: 'credential',
		type: 'json',
		default: '={{ $json.credential }}',
		description:
			"Any Open Badges 3.0 / VC 2.0 credential with a Data Integrity proof (did:key issuers, or this issuer's did:web)",
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['badge'], operation: ['verify'] } },
	properties,
);

const MAX_CREDENTIAL_CHARS = 2_000_000;

function parsed(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	if (value.length > MAX_CREDENTIAL_CHARS) return undefined;
	try {
		return JSON.parse(value);
	} catch {
		return undefined;
	}
}

/** Signature, dates, schema and status; this ledger's own lists are checked without the network. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: BadgeRun,
	item: INodeExecutionData,
): Promise<IDataObject> {
	const credential = parsed(this.getNodeParameter('credential', itemIndex, {}));
	const statusLists = new Map<string, unknown>();
	const entries = [
		(credential as { credentialStatus?: unknown } | undefined)?.credentialStatus,
	].flat();
	for (const entry of entries) {
		const url = (entry as { statusListCredential?: unknown } | undefined)?.statusListCredential;
		if (!run.statusBaseUrl || typeof url !== 'string') continue;
		for (const purpose of STATUS_PURPOSES) {
			const prefix = `${statusListUrl(run.statusBaseUrl, purpose, 0).slice(0, -1)}`;
			const number = url.startsWith(prefix) ? url.slice(prefix.length) : '';
			if (/^\d{1,7}$/.test(number))
				statusLists.set(url, await run.badges().statusListCredential(purpose, number));
		}
	}
	const report = await verifyCredential(credential, {
		statusLists,
		didDocuments: [didDocumentOf(run.issuer.key)],
	});
	return { ...item.json, verification: report as unknown as IDataObject };
}
