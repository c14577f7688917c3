import type { IDataObject, IExecuteFunctions, IGetNodeParameterOptions } from 'n8n-workflow';

import { itemParameter } from '../../../nodes/kit/item-parameter';

/**
 * A context whose parameters are the given raw values; what n8n would evaluate is marked
 * "n8n: <raw value>" and recorded, so each test sees which way a value was read.
 */
function contextWith(parameters: IDataObject, json: IDataObject) {
	const evaluated: string[] = [];
	const rawAt = (name: string, fallback: unknown) => {
		let value: unknown = parameters;
		for (const part of name.split('.')) value = (value as IDataObject | undefined)?.[part];
		return value === undefined ? fallback : value;
	};
	const context = {
		getInputData: () => [{ json: { other: 'item' } }, { json }],
		getNodeParameter: (
			name: string,
			_itemIndex: number,
			fallback: unknown,
			options?: IGetNodeParameterOptions,
		) => {
			const raw = rawAt(name, fallback);
			if (options?.rawExpressions) return raw;
			evaluated.push(name);
			return typeof raw === 'string' && raw.startsWith('=') ? `n8n: ${raw}` : raw;
		},
	} as unknown as IExecuteFunctions;
	return { context, evaluated };
}

const ITEM: IDataObject = {
	subject: { attendeeId: 'ada@example.org', eventId: 'EV-1' },
	credits: 3,
	final: true,
	nothing: null,
	sessionCredits: [{ sessionId: 'S1', credits: '1' }],
};

describe('itemParameter', () => {
	it('reads a mapped field of the item without evaluating it', () => {
		const { context, evaluated } = contextWith(
			{ attendeeId: '={{ $json.subject.attendeeId }}', credits: '={{$json.credits}}' },
			ITEM,
		);
		expect(itemParameter.call(context, 'attendeeId', 1, '')).toBe('ada@example.org');
		expect(itemParameter.call(context, 'credits', 1, '')).toBe(3);
		expect(evaluated).toEqual([]);
	});

	it('gives the whole item or a list as a copy the node may change', () => {
		const { context } = contextWith(
			{ decision: '={{ $json }}', sessions: '={{ $json.sessionCredits }}' },
			ITEM,
		);
		const decision = itemParameter.call(context, 'decision', 1, undefined) as IDataObject;
		expect(decision).toEqual(ITEM);
		(decision.subject as IDataObject).attendeeId = 'changed';
		const sessions = itemParameter.call(context, 'sessions', 1, '[]') as IDataObject[];
		sessions.push({ sessionId: 'S2' });
		expect(ITEM.subject).toEqual({ attendeeId: 'ada@example.org', eventId: 'EV-1' });
		expect(ITEM.sessionCredits).toHaveLength(1);
	});

	it.each([
		// The first field that is neither missing nor null, as JavaScript's ?? gives it.
		['={{ $json.attendeeName ?? $json.subject.attendeeId }}', 'ada@example.org'],
		['={{ $json.nothing ?? $json.credits }}', 3],
		['={{$json.final??$json.credits}}', true],
		['={{ $json.missing ?? $json.nothing ?? $json.sessionCredits }}', ITEM.sessionCredits],
	])('reads %s from the item', (raw, expected) => {
		const { context, evaluated } = contextWith({ value: raw }, ITEM);
		expect(itemParameter.call(context, 'value', 1, '')).toEqual(expected);
		expect(evaluated).toEqual([]);
	});

	it('reads an empty text before ?? as JavaScript does: it is not null', () => {
		const { context } = contextWith(
			{ value: '={{ $json.empty ?? $json.credits }}' },
			{ ...ITEM, empty: '' },
		);
		expect(itemParameter.call(context, 'value', 1, '')).toBe('');
	});

	it.each([
		['another expression', "={{ $json.attendeeName || 'guest' }}"],
		['?? with every field missing or null', '={{ $json.missing ?? $json.nothing }}'],
		['?? past a field below a value', '={{ $json.credits.value ?? $json.final }}'],
		['?? past an inherited property', '={{ $json.toString ?? $json.final }}'],
		['?? with a literal', "={{ $json.missing ?? 'guest' }}"],
		['a field the item lacks', '={{ $json.subject.learnerId }}'],
		['a field below a value', '={{ $json.credits.value }}'],
		['a null field', '={{ $json.nothing }}'],
		['an inherited property', '={{ $json.constructor }}'],
		['a prototype key', '={{ $json.__proto__ }}'],
		['text around the expression', '=id {{ $json.credits }}'],
	])('leaves %s to n8n', (_case, raw) => {
		const { context, evaluated } = contextWith({ value: raw }, ITEM);
		expect(itemParameter.call(context, 'value', 1, '')).toBe(`n8n: ${raw}`);
		expect(evaluated).toEqual(['value']);
	});

	it('reads a collection field by field, leaving only the other expressions to n8n', () => {
		const { context, evaluated } = contextWith(
			{
				additionalFields: {
					recipientId: '={{ $json.subject.attendeeId }}',
					decisionRef: "={{ 'policy ' + $json.credits }}",
					location: 'Chicago',
				},
			},
			ITEM,
		);
		expect(itemParameter.call(context, 'additionalFields', 1, {})).toEqual({
			recipientId: 'ada@example.org',
			decisionRef: "n8n: ={{ 'policy ' + $json.credits }}",
			location: 'Chicago',
		});
		expect(evaluated).toEqual(['additionalFields.decisionRef', 'additionalFields.location']);
	});

	it('gives the fallback of an unset parameter as n8n does', () => {
		const { context } = contextWith({}, ITEM);
		const fallback = {};
		expect(itemParameter.call(context, 'additionalFields', 1, fallback)).toBe(fallback);
		expect(itemParameter.call(context, 'final', 0, '')).toBe('');
	});
});
