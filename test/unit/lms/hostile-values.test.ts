// Values a sender controls reach refusal messages: an object whose toString is not a function
// made String() throw (a 500 from the trigger, before Canvas even checked the signature), and a
// megabyte event name was echoed whole. Each refusal now names the value briefly.
import {
	normaliseCanvas,
	normaliseDocebo,
	normaliseMoodle,
	normaliseTalentLmsTimelineEvent,
	normaliseTeachable,
	normaliseThinkific,
	verifyRs256Jwt,
} from '../../../nodes/core/integrations/lms';

const UNPRINTABLE = JSON.parse('{"toString":1,"valueOf":{}}') as unknown;
const HUGE = 'x'.repeat(1_000_000);

const cases: Array<[string, (value: unknown) => unknown, string]> = [
	['Moodle eventname', (v) => normaliseMoodle({ eventname: v }), 'eventname'],
	['Docebo event', (v) => normaliseDocebo({ event: v }), 'event'],
	['Teachable type', (v) => normaliseTeachable({ type: v }), 'type'],
	['Thinkific resource', (v) => normaliseThinkific({ resource: v, action: 'x' }), 'resource'],
	[
		'Canvas event_name',
		(v) => normaliseCanvas({ metadata: { event_name: v } }),
		'metadata.event_name',
	],
	['TalentLMS action', (v) => normaliseTalentLmsTimelineEvent({ action: v }), 'action'],
];

describe.each(cases)('%s', (_name, normalise, field) => {
	test.each([
		['an object that cannot be printed', UNPRINTABLE],
		['a megabyte of text', HUGE],
		['nothing', undefined],
	])('%s is refused as an unknown event with a short message', (_what, value) => {
		const result = normalise(value) as {
			ok: boolean;
			reason: string;
			field: string;
			message: string;
		};
		expect(result).toMatchObject({ ok: false, reason: 'unknown_event', field });
		expect(result.message.length).toBeLessThan(300);
	});
});

test('a Canvas JWT whose alg cannot be printed is refused as a bad signature', () => {
	const part = (value: string) => Buffer.from(value).toString('base64url');
	const token = `${part('{"alg":{"toString":1}}')}.${part('{}')}.${part('sig')}`;
	expect(verifyRs256Jwt(token, { keys: [] })).toMatchObject({
		ok: false,
		reason: 'bad_signature',
		field: 'alg',
		message: 'JWT algorithm an object is not accepted; Canvas signs with RS256',
	});
});
