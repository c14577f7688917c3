import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { revokeJson } from '../../../kit/issuing/credential-output';
import { updateDisplayOptions } from '../../../kit/display-options';
import { inputError } from '../../../kit/issuing/issue-input';
import { optionalText } from '../../../kit/text';
import { CREDLY_LABELS } from '../../helpers/fields';
import type { CredlyRun } from '../context';
import { badgeIdOf, badgeIdProperty } from './common';

const properties: INodeProperties[] = [
	badgeIdProperty,
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Issued in error',
		description:
			'Why the badge is revoked. Credly requires it, keeps it and shows it to the earner.',
	},
	{
		displayName: 'Suppress Revocation Email',
		name: 'suppressRevokeNotificationEmail',
		type: 'boolean',
		default: false,
		description: 'Whether to revoke without the email Credly sends to the earner',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['badge'], operation: ['revoke'] } },
	properties,
);

/**
 * Credly's own revoke: the badge stays on record with state revoked and the reason. A badge that
 * is already revoked is left alone (alreadyDone: true), so a repeated run is harmless.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: CredlyRun,
): Promise<IDataObject> {
	const credentialId = badgeIdOf.call(this, itemIndex);
	const reason = optionalText(this.getNodeParameter('reason', itemIndex, ''));
	if (!reason) {
		throw inputError(
			this.getNode(),
			itemIndex,
			[{ path: 'reason', message: 'missing; Credly requires a revocation reason' }],
			CREDLY_LABELS,
		);
	}
	const suppress = this.getNodeParameter('suppressRevokeNotificationEmail', itemIndex, false);
	const outcome = await run.client.revoke({
		credentialId,
		method: 'revoke',
		reason,
		notify: suppress !== true,
	});
	return revokeJson(outcome, { reason });
}
