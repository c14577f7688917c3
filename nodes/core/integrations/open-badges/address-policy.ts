import { BlockList, isIP } from 'node:net';

/** Loopback: this machine. Reachable only when the verifier allows it (tests, local demos). */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Addresses a credential must never make the verifier call: private networks, link-local (cloud
 * metadata at 169.254.169.254), carrier-grade NAT, unspecified, multicast and reserved ranges.
 * A credential is outside data, and its URLs would otherwise reach whatever n8n's network can.
 */
const NEVER = new BlockList();
for (const [network, prefix] of [
	['0.0.0.0', 8],
	['10.0.0.0', 8],
	['100.64.0.0', 10],
	['169.254.0.0', 16],
	['172.16.0.0', 12],
	['192.0.0.0', 24],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
	['224.0.0.0', 4],
	['240.0.0.0', 4],
] as const)
	NEVER.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
	['::', 128],
	['fc00::', 7],
	['fe80::', 10],
	['ff00::', 8],
	['64:ff9b::', 96],
	['2002::', 16],
] as const)
	NEVER.addSubnet(network, prefix, 'ipv6');

export type AddressVerdict = 'public' | 'loopback' | 'private';

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:1.2.3.4 or ::ffff:102:304). */
function mappedIpv4(address: string): string | undefined {
	const dotted = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1];
	if (dotted) return dotted;
	const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
	if (!hex) return undefined;
	const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
	return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** What an IP address is, IPv4-mapped IPv6 judged as the IPv4 address it carries. */
export function classifyAddress(address: string): AddressVerdict {
	const ip = mappedIpv4(address) ?? address;
	const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
	if (isIP(ip) === 0) return 'private';
	if (LOOPBACK.check(ip, family)) return 'loopback';
	return NEVER.check(ip, family) ? 'private' : 'public';
}

/** Why an address may not be called, or undefined when it may. */
export function refusedAddress(address: string, allowLoopback: boolean): string | undefined {
	const verdict = classifyAddress(address);
	if (verdict === 'public' || (verdict === 'loopback' && allowLoopback)) return undefined;
	return verdict === 'loopback'
		? `${address} is a loopback address (allowed only with Allow Loopback, for tests)`
		: `${address} is a private or reserved address`;
}
