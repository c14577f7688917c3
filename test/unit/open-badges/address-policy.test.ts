// Which addresses a credential may make Verify call: public ones, loopback only when allowed.
import { classifyAddress, refusedAddress } from '../../../nodes/core/integrations/open-badges';

it.each([
	['8.8.8.8', 'public'],
	['2606:4700::1111', 'public'],
	['::ffff:8.8.8.8', 'public'],
	['127.0.0.1', 'loopback'],
	['127.9.9.9', 'loopback'],
	['::1', 'loopback'],
	['::ffff:127.0.0.1', 'loopback'],
	['::ffff:7f00:1', 'loopback'],
	['10.1.2.3', 'private'],
	['172.16.0.1', 'private'],
	['172.31.255.255', 'private'],
	['192.168.1.1', 'private'],
	['169.254.169.254', 'private'],
	['100.64.0.1', 'private'],
	['0.0.0.0', 'private'],
	['224.0.0.1', 'private'],
	['::', 'private'],
	['fd00::1', 'private'],
	['fe80::1', 'private'],
	['::ffff:a00:1', 'private'],
	['64:ff9b::a00:1', 'private'],
	['not an address', 'private'],
])('%s is %s', (address, verdict) => {
	expect(classifyAddress(address)).toBe(verdict);
});

it('refuses loopback unless allowed, and private addresses always, saying which', () => {
	expect(refusedAddress('8.8.8.8', false)).toBeUndefined();
	expect(refusedAddress('127.0.0.1', true)).toBeUndefined();
	expect(refusedAddress('127.0.0.1', false)).toMatch(/^127\.0\.0\.1 is a loopback address/);
	expect(refusedAddress('10.0.0.1', true)).toBe('10.0.0.1 is a private or reserved address');
	expect(refusedAddress('172.15.0.1', false)).toBeUndefined();
});
