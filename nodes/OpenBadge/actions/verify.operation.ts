import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	STATUS_LIST_TTL_MS,
	STATUS_PURPOSES,
	didDocumentOf,
	readCredentialInput,
	statusListUrl,
	statusListUrlsOf,
	verifyCredential,
} from '../../core/domain/open-badges';
import {
	DEFAULT_FETCH_POLICY,
	DocumentCache,
	fetchVerificationDocuments,
	type FetchPolicy,
} from '../../core/integrations/open-badges';
import { updateDisplayOptions } from '../../kit/display-options';
import type { BadgeRun } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Credential',
		name: 'credential',
		type: 'json',
		default: '={{ $json.credential }}',
		description:
			'Any Open Badges 3.0 / VC 2.0 credential with a Data Integrity proof (did:key or did:web issuers)',
	},
	{
		displayName: 'Options',
		name: 'verifyOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Fetch Other Issuers’ Documents',
				name: 'fetchRemote',
				type: 'boolean',
				default: true,
				description:
					"Whether to fetch another issuer's did:web document and status lists over https. Off: they are reported as unchecked.",
			},
			{
				displayName: 'Fetch Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				default: 5,
				typeOptions: { minValue: 1, maxValue: 30 },
				description: 'Longest wait for one document, redirects included',
			},
			{
				displayName: 'Max Document Size (KB)',
				name: 'maxKilobytes',
				type: 'number',
				default: 1024,
				typeOptions: { minValue: 16, maxValue: 8192 },
				description: 'A larger answer is cut off and reported',
			},
			{
				displayName: 'Allow Loopback Addresses (Testing Only)',
				name: 'allowLoopback',
				type: 'boolean',
				default: false,
				description:
					'Whether documents may be fetched from this machine (127.0.0.1, ::1, localhost), over plain http too. Private networks stay refused.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['badge'], operation: ['verify'] } },
	properties,
);

// Other issuers' documents, shared by the executions of this n8n process for a few minutes.
const remoteDocuments = new DocumentCache(STATUS_LIST_TTL_MS);

function fetchPolicyOf(options: IDataObject): FetchPolicy {
	const number = (value: unknown, fallback: number) =>
		typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
	return {
		timeoutMs: number(options.timeoutSeconds, DEFAULT_FETCH_POLICY.timeoutMs / 1000) * 1000,
		maxBytes: number(options.maxKilobytes, DEFAULT_FETCH_POLICY.maxBytes / 1024) * 1024,
		allowLoopback: options.allowLoopback === true,
	};
}

/** This ledger's own lists among those the credential names, signed without the network. */
async function ownStatusLists(run: BadgeRun, credential: unknown): Promise<Map<string, unknown>> {
	const lists = new Map<string, unknown>();
	if (!run.statusBaseUrl) return lists;
	for (const url of statusListUrlsOf(credential)) {
		for (const purpose of STATUS_PURPOSES) {
			const prefix = statusListUrl(run.statusBaseUrl, purpose, 0).slice(0, -1);
			const number = url.startsWith(prefix) ? url.slice(prefix.length) : '';
			if (/^\d{1,7}$/.test(number))
				lists.set(url, await run.badges().statusListCredential(purpose, number));
		}
	}
	return lists;
}

/**
 * Signature, dates, schema and status. This ledger's own lists and DID document are checked
 * without the network; another issuer's are fetched within the fetch limits, and whatever could
 * not be fetched is named in the report.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: BadgeRun,
	item: INodeExecutionData,
): Promise<IDataObject> {
	const credential = readCredentialInput(this.getNodeParameter('credential', itemIndex, ''));
	const options = this.getNodeParameter('verifyOptions', itemIndex, {}) as IDataObject;
	const known = {
		didDocuments: [didDocumentOf(run.issuer.key)],
		statusLists: await ownStatusLists(run, credential),
	};
	const documents =
		options.fetchRemote === false
			? known
			: await fetchVerificationDocuments(
					credential,
					known,
					fetchPolicyOf(options),
					remoteDocuments,
				);
	const report = await verifyCredential(credential, documents);
	return { ...item.json, verification: report as unknown as IDataObject };
}
