import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parseIssueRequest, type IssueRequest } from '../../../core/integrations/platforms';
import { chosenTemplate } from '../../../kit/issuing/course-mapping';
import { readJsonParameter } from '../../../kit/errors';
import { optionalText } from '../../../kit/text';
import { ACCREDIBLE_MAPPING } from '../common.descriptions';
import { optionsOf, textParameter } from '../items';

export type GroupRef = { kind: 'id'; id: string } | { kind: 'name'; name: string };

export interface IssueInput {
	group: GroupRef;
	/** Checked and normalised; templateId is set once the group is resolved. */
	request: IssueRequest;
}

// Stands in for a group given by name while the other fields are checked, before any request.
const UNRESOLVED_GROUP = '0';

/**
 * Reads and checks one item's issue fields without sending anything: a bad email, an
 * over-long name or a custom attribute that is not text fails here, naming the field.
 */
export function readIssueInput(this: IExecuteFunctions, itemIndex: number): IssueInput {
	const group = readGroupRef.call(this, itemIndex);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const options = optionsOf.call(this, itemIndex);
	const recipientId = text(fields.recipientId);
	const input = {
		templateId: group.kind === 'id' ? group.id : UNRESOLVED_GROUP,
		recipient: {
			email: textParameter.call(this, 'recipientEmail', itemIndex),
			name: textParameter.call(this, 'recipientName', itemIndex),
			...(recipientId ? { id: recipientId } : {}),
		},
		...optional('issuedOn', text(fields.issuedOn)),
		...optional('expiresOn', text(fields.expiresOn)),
		...optional('evidenceUrl', text(fields.evidenceUrl)),
		...optional('idempotencyKey', text(fields.reference)),
		...optional('attributes', readAttributes.call(this, fields.customAttributes, itemIndex)),
		notify: options.notify !== false,
	};
	return { group, request: parseIssueRequest(input, 'accredible') };
}

function readGroupRef(this: IExecuteFunctions, itemIndex: number): GroupRef {
	const value = text(chosenTemplate(this, itemIndex, ACCREDIBLE_MAPPING, 'groupId')) ?? '';
	if (/^\d+$/.test(value)) return { kind: 'id', id: value };
	if (value !== '' && value.length <= 255) return { kind: 'name', name: value };
	throw new NodeOperationError(
		this.getNode(),
		`Item ${itemIndex}: invalid "Group Name or ID": ${value === '' ? 'it is empty' : 'it is longer than 255 characters'}`,
		{
			itemIndex,
			description:
				'Choose a group from the list, or give its ID or exact name. Nothing was sent to Accredible.',
		},
	);
}

/**
 * Custom attributes as a JSON object of text values. Numbers and booleans become text (what
 * Accredible prints); objects, arrays and null are refused by the request check, by name.
 */
function readAttributes(this: IExecuteFunctions, value: unknown, itemIndex: number): unknown {
	const parsed = readJsonParameter(value, 'attributes');
	if (!parsed.ok) {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${itemIndex}: invalid "Custom Attributes": ${parsed.issue.message}`,
			{
				itemIndex,
				description:
					'Give a JSON object such as {"Location": "London"}. Nothing was sent to Accredible.',
			},
		);
	}
	const attributes = parsed.value;
	if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes))
		return attributes;
	return Object.fromEntries(
		Object.entries(attributes).map(([key, entry]) => [
			key,
			typeof entry === 'number' || typeof entry === 'boolean' ? String(entry) : entry,
		]),
	);
}

const text = optionalText;

function optional<K extends string>(key: K, value: unknown): Partial<Record<K, unknown>> {
	return value === undefined ? {} : ({ [key]: value } as Record<K, unknown>);
}
