import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

import { classifyAddress, refusedAddress } from './address-policy';

/** How far Verify may reach for another issuer's documents. */
export interface FetchPolicy {
	/** Whole request, redirects included. */
	timeoutMs: number;
	/** Largest response body read; a longer one is cut off and refused. */
	maxBytes: number;
	/**
	 * Lets http:// and https:// reach loopback addresses (127.0.0.0/8, ::1): for tests and local
	 * demos only. Private and reserved ranges stay refused either way.
	 */
	allowLoopback: boolean;
	/** Name resolution; tests swap it, everything else uses the system resolver. */
	lookup?: typeof dnsLookup;
	/**
	 * Certificate authorities (PEM) trusted for https instead of the system's: for tests with a
	 * CA made for them. No node parameter sets it, and certificates are checked either way.
	 */
	trustedCertificates?: string;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = {
	timeoutMs: 5000,
	maxBytes: 1024 * 1024,
	allowLoopback: false,
};

const MAX_REDIRECTS = 3;

/** A fetch that did not give a usable document; `reason` says why in a verifier's words. */
export class FetchRefused extends Error {
	constructor(
		readonly url: string,
		readonly reason: string,
	) {
		super(`${url}: ${reason}`);
		this.name = 'FetchRefused';
	}
}

/**
 * GETs JSON from a URL a credential named, within the policy: https only (http only to loopback
 * when allowed), every resolved address checked before connecting (so a name that resolves to a
 * private address, or a redirect to one, is refused), at most three redirects, one deadline for
 * the whole fetch and a cap on the bytes read.
 */
export async function fetchJsonText(url: string, policy: FetchPolicy): Promise<string> {
	const deadline = Date.now() + policy.timeoutMs;
	let current = url;
	for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
		const response = await getOnce(current, policy, deadline, url);
		if (response.redirect === undefined) return response.body;
		current = response.redirect;
	}
	throw new FetchRefused(url, `more than ${MAX_REDIRECTS} redirects`);
}

function checkedUrl(text: string, policy: FetchPolicy, original: string): URL {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new FetchRefused(original, `${text.slice(0, 200)} is not a URL`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		throw new FetchRefused(original, `${url.protocol} URLs are not fetched (only https)`);
	if (url.protocol === 'http:' && !(policy.allowLoopback && isLoopbackHost(url)))
		throw new FetchRefused(original, `${url.origin} is not https (only https is fetched)`);
	const host = url.hostname.replace(/^\[|\]$/g, '');
	if (url.username || url.password)
		throw new FetchRefused(original, 'URLs with a user name or password are not fetched');
	if (isIP(host) !== 0) {
		const refused = refusedAddress(host, policy.allowLoopback);
		if (refused) throw new FetchRefused(original, refused);
	}
	return url;
}

/** Resolves like dns.lookup, then refuses the connection if any address is not allowed. */
/** localhost or a loopback IP: the only hosts plain http may reach, and only when allowed. */
export function isLoopbackHost(url: URL): boolean {
	const host = url.hostname.replace(/^\[|\]$/g, '');
	return host === 'localhost' || (isIP(host) !== 0 && classifyAddress(host) === 'loopback');
}

function guardedLookup(
	policy: FetchPolicy,
	loopbackOnly: boolean,
	onRefused: (reason: string) => void,
): LookupFunction {
	const resolve = policy.lookup ?? dnsLookup;
	return (hostname, options, callback) => {
		resolve(hostname, { ...options, all: true }, (error, addresses) => {
			if (error) return callback(error, '', 0);
			const list = addresses as unknown as LookupAddress[];
			for (const { address } of list) {
				const refused =
					loopbackOnly && classifyAddress(address) !== 'loopback'
						? `${address}, which plain http may not reach`
						: refusedAddress(address, policy.allowLoopback);
				if (refused) {
					onRefused(`${hostname} resolves to ${refused}`);
					return callback(new Error('address refused'), '', 0);
				}
			}
			if (options.all) return callback(null, list as never);
			callback(null, list[0].address, list[0].family);
		});
	};
}

function getOnce(
	text: string,
	policy: FetchPolicy,
	deadline: number,
	original: string,
): Promise<{ body: string; redirect?: string }> {
	const url = checkedUrl(text, policy, original);
	const left = deadline - Date.now();
	if (left <= 0) return Promise.reject(timedOut(original, policy));
	return new Promise((resolve, reject) => {
		let refusal: string | undefined;
		const fail = (error: FetchRefused) => {
			clearTimeout(timer);
			request.destroy();
			reject(error);
		};
		const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
		const request = send(
			url,
			{
				method: 'GET',
				headers: { accept: 'application/did+json, application/vc+ld+json, application/json' },
				lookup: guardedLookup(policy, url.protocol === 'http:', (reason) => (refusal = reason)),
				...(url.protocol === 'https:' && policy.trustedCertificates !== undefined
					? { ca: policy.trustedCertificates }
					: {}),
			},
			(response) => {
				const status = response.statusCode ?? 0;
				if (status >= 300 && status < 400 && response.headers.location) {
					response.resume();
					clearTimeout(timer);
					resolve({ body: '', redirect: new URL(response.headers.location, url).href });
					return;
				}
				if (status !== 200) {
					response.resume();
					return fail(new FetchRefused(original, `answered HTTP ${status}`));
				}
				readCapped(response, policy.maxBytes).then(
					(body) => {
						clearTimeout(timer);
						resolve({ body });
					},
					() => fail(tooLarge(original, policy)),
				);
			},
		);
		const timer = setTimeout(() => fail(timedOut(original, policy)), left);
		request.on('error', (error) =>
			fail(new FetchRefused(original, refusal ?? unreachableReason(error))),
		);
		request.end();
	});
}

// OpenSSL's and Node's codes for a certificate chain or name that does not check out.
const UNTRUSTED_CERTIFICATE =
	/^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET_ISSUER_CERT(_LOCALLY)?|VERIFY_LEAF_SIGNATURE)|CERT_\w+|ERR_TLS_CERT_ALTNAME_INVALID)$/;

function unreachableReason(error: Error): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code !== undefined && UNTRUSTED_CERTIFICATE.test(code))
		return `cannot be reached securely: its TLS certificate is not trusted (${code})`;
	return `cannot be reached (${code ?? error.message})`;
}

function readCapped(response: IncomingMessage, maxBytes: number): Promise<string> {
	const declared = Number(response.headers['content-length']);
	return new Promise((resolve, reject) => {
		if (Number.isFinite(declared) && declared > maxBytes) {
			response.destroy();
			return reject(new Error('too large'));
		}
		const chunks: Buffer[] = [];
		let size = 0;
		response.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > maxBytes) {
				response.destroy();
				reject(new Error('too large'));
			} else chunks.push(chunk);
		});
		response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		response.on('error', reject);
	});
}

const timedOut = (url: string, policy: FetchPolicy) =>
	new FetchRefused(url, `timed out after ${policy.timeoutMs} ms`);

const tooLarge = (url: string, policy: FetchPolicy) =>
	new FetchRefused(
		url,
		`answered more than ${policy.maxBytes.toLocaleString('en-US')} bytes (the limit)`,
	);
