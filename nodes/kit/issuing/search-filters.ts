import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PlatformCredential } from '../../core/integrations/platforms';
import { resultLimit, returnAllAndLimit } from '../result-limit';
import { credentialJson } from './credential-output';
import { recipientEmailFilter } from './issue-input';

const recipientEmailOption: INodeProperties = {
	displayName: 'Recipient Email',
	name: 'recipientEmail',
	type: 'string',
	placeholder: 'name@email.com',
	default: '',
};

/**
 * Return All, Limit and the Filters collection of a platform's credential search: the
 * platform's own filters plus Recipient Email, in name order as n8n lists collection options.
 */
export function searchProperties(platformFilters: INodeProperties[]): INodeProperties[] {
	const options = [...platformFilters, recipientEmailOption].sort((a, b) =>
		a.displayName < b.displayName ? -1 : 1,
	);
	return [
		...returnAllAndLimit,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options,
		},
	];
}

/** The item's search filters, with Recipient Email checked and lower-cased when given. */
export function searchFilters(
	this: IExecuteFunctions,
	itemIndex: number,
): { filters: IDataObject; recipientEmail?: string } {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const recipientEmail = recipientEmailFilter(this.getNode(), itemIndex, filters.recipientEmail);
	return { filters, recipientEmail };
}

/** What a search found, cut to Limit unless Return All is on, one output item each. */
export function searchResults(
	this: IExecuteFunctions,
	itemIndex: number,
	found: PlatformCredential[],
): IDataObject[] {
	return found.slice(0, resultLimit.call(this, itemIndex)).map(credentialJson);
}
