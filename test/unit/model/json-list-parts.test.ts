import { topLevelListParts } from '../../../nodes/core/domain/json-list-parts';

const bytes = (text: string) => Buffer.from(text, 'utf8');

/** The list's elements parsed one by one, and the rest of the document with an empty list. */
function readInParts(text: string) {
	const buffer = bytes(text);
	const parts = topLevelListParts(buffer, 'timelines');
	if (!parts) return undefined;
	const slice = (start: number, end?: number) => buffer.toString('utf8', start, end);
	return {
		rest: JSON.parse(`${slice(0, parts.list.start)}[]${slice(parts.list.end)}`) as unknown,
		elements: parts.elements.map(({ start, end }) => JSON.parse(slice(start, end)) as unknown),
	};
}

describe('topLevelListParts', () => {
	it.each([
		['compact', '{"format":"f","timelines":[{"a":1},{"b":[1,2,{"c":"]"}]}],"z":true}'],
		[
			'spaced',
			' {\n "timelines" : [ {"a" : "x, y"} ,\t[1, [2]] , "s" , 3 , null ] ,\n "n": {"timelines": [9]} }\n',
		],
		['empty', '{"timelines":[],"sessions":[]}'],
		['escapes in strings', '{"timelines":[{"q":"a \\" ] , [ b","bs":"\\\\"},{"u":"Zoë 会议"}]}'],
		['the key as a value elsewhere', '{"format":"timelines","timelines":[1]}'],
	])('finds each element as JSON.parse reads it (%s list)', (_case, text) => {
		const whole = JSON.parse(text) as { timelines: unknown[] };
		const read = readInParts(text);
		expect(read?.elements).toEqual(whole.timelines);
		expect(read?.rest).toEqual({ ...whole, timelines: [] });
	});

	it.each([
		['no object', '[{"timelines":[1]}]'],
		['no such key', '{"sessions":[1]}'],
		['the key twice', '{"timelines":[1],"timelines":[2]}'],
		['an escaped key', '{"timel\\u0069nes":[1]}'],
		['a value that is not a list', '{"timelines":{"a":[1]}}'],
		['a trailing comma', '{"timelines":[1,]}'],
		['a missing element', '{"timelines":[1,,2]}'],
		['an unclosed list', '{"timelines":[1,2}'],
		['an unclosed string', '{"timelines":["a]}'],
		['an unclosed document', '{"timelines":[1]'],
	])('leaves a document with %s to be parsed whole', (_case, text) => {
		expect(topLevelListParts(bytes(text), 'timelines')).toBeUndefined();
	});
});
