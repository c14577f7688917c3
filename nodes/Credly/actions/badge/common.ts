import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkedId } from '../../../kit/issuing/issue-input';
import { CREDLY_LABELS, UUID } from '../../helpers/fields';

export const badgeIdProperty: INodeProperties = {
	displayName: 'Badge ID',
	name: 'badgeId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'f77311e5-9d8c-4c4f-a5e7-089ae2f0b85b',
	description: 'The ID of the issued badge (the "ID" of an Issue or Search result)',
};

/** The Badge ID parameter, checked for shape before any request. */
export function badgeIdOf(this: IExecuteFunctions, itemIndex: number): string {
	return checkedId(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('badgeId', itemIndex),
		'badgeId',
		CREDLY_LABELS,
		UUID,
	);
}
