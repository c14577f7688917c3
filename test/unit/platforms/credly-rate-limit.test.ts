import { CREDLY_RATE_LIMIT, credlyRateLimit } from '../../../nodes/core/integrations/platforms';

// The Credly credential's "Requests per Minute": blank keeps the default, a whole number above 0
// sets the account's limit, anything else is refused with the field's name and the fix.
describe('Credly credential: Requests per Minute', () => {
	it.each([undefined, null, ''])('%p keeps the default of 100 a minute', (value) => {
		expect(credlyRateLimit(value)).toEqual(CREDLY_RATE_LIMIT);
		expect(CREDLY_RATE_LIMIT).toEqual({ requests: 100, perMs: 60_000 });
	});

	it.each([
		[1_200, 1_200],
		['250', 250],
		[1, 1],
	])('%p sets %p requests a minute', (value, requests) => {
		expect(credlyRateLimit(value)).toEqual({ requests, perMs: 60_000 });
	});

	it.each([0, -5, 1.5, 'fast', Number.NaN, Number.POSITIVE_INFINITY, {}])(
		'%p is refused, naming the field and the fix',
		(value) => {
			expect(() => credlyRateLimit(value)).toThrow(
				/"Requests per Minute" must be a whole number above 0; received .*Enter the limit Credly gives your organization, or 100/,
			);
		},
	);
});
