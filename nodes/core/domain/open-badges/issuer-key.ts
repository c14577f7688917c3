import { createHmac, createPrivateKey, sign, type JsonWebKey, type KeyObject } from 'node:crypto';

import { OpenBadgeError } from './errors';
import { vcLibraries } from './libraries';

/** How the issuer names itself: did:key derived from the key, or did:web on its own domain. */
export type IssuerIdentity = { method: 'key' } | { method: 'web'; domain: string };

export interface IssuerKeyInput {
	/** Ed25519 private key: PKCS#8 PEM, or a multibase (z...) Multikey secret key. */
	privateKey: string;
	identity: IssuerIdentity;
}

/** The loaded signing key; `signer()` signs, nothing here ever prints the secret. */
export interface IssuerKey {
	did: string;
	verificationMethod: string;
	publicKeyMultibase: string;
	/** A Data Integrity signer (id, algorithm, sign) over the key. */
	signer(): {
		id: string;
		algorithm: 'Ed25519';
		sign(input: { data: Uint8Array }): Promise<Uint8Array>;
	};
	/** A secret for one purpose, derived from the private key (HMAC-SHA256 of the label). */
	deriveSecret(label: string): Buffer;
}

// PKCS#8 header of a bare 32-byte Ed25519 seed (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
// Multicodec header of an Ed25519 private key (0x1300 as varint).
const MULTICODEC_ED25519_PRIVATE = [0x80, 0x26];
const DOMAIN =
	/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?:%3A\d{1,5})?$/;

const badKey = (message: string) =>
	new OpenBadgeError(
		'invalid_issuer_key',
		'privateKey',
		`privateKey: ${message}. Paste an Ed25519 private key as PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----") or as a multibase Multikey secret (starting with "z")`,
	);

async function privateKeyOf(privateKey: string): Promise<KeyObject> {
	const text = privateKey.trim();
	let pem: string | Buffer = text;
	if (text.startsWith('z')) {
		const { base58 } = await vcLibraries();
		// The decoder answers undefined (or throws) for text outside the base58btc alphabet.
		let bytes: Uint8Array | undefined;
		try {
			bytes = base58.decode(text.slice(1));
		} catch {
			bytes = undefined;
		}
		if (!bytes) throw badKey('the multibase text is not base58btc');
		const header = MULTICODEC_ED25519_PRIVATE.every((byte, i) => bytes[i] === byte);
		if (!header || (bytes.length !== 34 && bytes.length !== 66))
			throw badKey('the multibase key is not an Ed25519 private key');
		pem = Buffer.concat([PKCS8_ED25519_PREFIX, bytes.slice(2, 34)]);
	} else if (!text.startsWith('-----BEGIN')) {
		throw badKey('the key is neither PEM nor multibase');
	}
	try {
		const key =
			typeof pem === 'string'
				? createPrivateKey(pem)
				: createPrivateKey({ key: pem, format: 'der', type: 'pkcs8' });
		if (key.asymmetricKeyType !== 'ed25519') throw badKey('the key is not an Ed25519 key');
		return key;
	} catch (error) {
		if (error instanceof OpenBadgeError) throw error;
		throw badKey('the PEM text cannot be read as a private key');
	}
}

/** The issuer DID for a public key: did:key of the key itself, or did:web of the domain. */
export function issuerDid(identity: IssuerIdentity, publicKeyMultibase: string): string {
	if (identity.method === 'key') return `did:key:${publicKeyMultibase}`;
	const domain = identity.domain.trim().toLowerCase().replace(/:/g, '%3A');
	if (!DOMAIN.test(domain))
		throw new OpenBadgeError(
			'invalid_input',
			'issuerDomain',
			`issuerDomain: "${identity.domain.slice(0, 80)}" is not a domain name; give the host that serves /.well-known/did.json, e.g. badges.example.org`,
		);
	return `did:web:${domain}`;
}

export async function loadIssuerKey(input: IssuerKeyInput): Promise<IssuerKey> {
	if (typeof input.privateKey !== 'string' || input.privateKey.trim() === '')
		throw badKey('no key given');
	const privateKey = await privateKeyOf(input.privateKey);
	const { Ed25519Multikey } = await vcLibraries();
	const jwk: JsonWebKey = privateKey.export({ format: 'jwk' });
	const { publicKeyMultibase } = (await Ed25519Multikey.fromJwk({ jwk })) as {
		publicKeyMultibase: string;
	};
	const did = issuerDid(input.identity, publicKeyMultibase);
	const fragment =
		input.identity.method === 'key' ? publicKeyMultibase : `key-${publicKeyMultibase.slice(-8)}`;
	const verificationMethod = `${did}#${fragment}`;
	// The key object is made once: the library's own signer rebuilds it for every signature.
	const signer = () => ({
		id: verificationMethod,
		algorithm: 'Ed25519' as const,
		sign: async ({ data }: { data: Uint8Array }) => new Uint8Array(sign(null, data, privateKey)),
	});
	const seed = Buffer.from(String(jwk.d), 'base64url');
	const deriveSecret = (label: string) => createHmac('sha256', seed).update(label).digest();
	return { did, verificationMethod, publicKeyMultibase, signer, deriveSecret };
}

/** The DID document a verifier resolves for this issuer (did:web serves it at /.well-known/did.json). */
export function didDocumentOf(
	key: Pick<IssuerKey, 'did' | 'verificationMethod' | 'publicKeyMultibase'>,
) {
	return {
		'@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
		id: key.did,
		verificationMethod: [verificationMethodOf(key)],
		assertionMethod: [key.verificationMethod],
		authentication: [key.verificationMethod],
	};
}

export function verificationMethodOf(
	key: Pick<IssuerKey, 'did' | 'verificationMethod' | 'publicKeyMultibase'>,
) {
	return {
		id: key.verificationMethod,
		type: 'Multikey',
		controller: key.did,
		publicKeyMultibase: key.publicKeyMultibase,
	};
}
