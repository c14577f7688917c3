import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Shows every property only for the given resource and operation (n8n's updateDisplayOptions). */
export function forOperation(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	const base: IDisplayOptions = { show: { resource: [resource], operation: [operation] } };
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...base.show, ...property.displayOptions?.show },
		},
	}));
}
