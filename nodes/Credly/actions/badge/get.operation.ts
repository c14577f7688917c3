import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { credentialJson } from '../../../kit/issuing/credential-output';
import { updateDisplayOptions } from '../../../kit/display-options';
import type { CredlyRun } from '../context';
import { badgeIdOf, badgeIdProperty } from './common';

const properties: INodeProperties[] = [badgeIdProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['badge'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: CredlyRun,
): Promise<IDataObject> {
	return credentialJson(await run.client.get(badgeIdOf.call(this, itemIndex)));
}
