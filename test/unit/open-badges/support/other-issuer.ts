// "Another issuer" on this machine: a did:web identity on a loopback port, serving its DID
// document and its revocation list over plain http, or over https with a test certificate (see
// test-tls.ts), as a verifier would fetch them.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import {
	buildAchievementCredential,
	checkBadgeRequest,
	didDocumentOf,
	loadIssuerKey,
	signCredential,
	signedStatusList,
	type IssuerKey,
	type SignedCredential,
} from '../../../../nodes/core/domain/open-badges';
import { badgeRequest, ed25519Pem } from './fixtures';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface OtherIssuer {
	key: IssuerKey;
	origin: string;
	listUrl: string;
	/** Requests seen per path. */
	hits: Map<string, number>;
	/** Replaces what one path answers (e.g. a slow or oversized response). */
	answer(path: string, handler: Handler): void;
	issue(index: number): Promise<SignedCredential>;
	/** Signs and serves the revocation list with these bits set. */
	publishList(setIndexes: number[], validUntil?: string): Promise<void>;
	close(): Promise<void>;
}

/** Serve over https under `host` (resolved to 127.0.0.1 by the test) with this key and chain. */
export interface IssuerTls {
	host: string;
	key: string;
	cert: string;
}

export async function startOtherIssuer(tls?: IssuerTls): Promise<OtherIssuer> {
	const handlers = new Map<string, Handler>();
	const hits = new Map<string, number>();
	const serve = (request: IncomingMessage, response: ServerResponse) => {
		const path = request.url ?? '/';
		hits.set(path, (hits.get(path) ?? 0) + 1);
		const handler = handlers.get(path);
		if (handler) return handler(request, response);
		response.writeHead(404).end();
	};
	const server: Server = tls
		? createTlsServer({ key: tls.key, cert: tls.cert }, serve)
		: createServer(serve);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	const origin = tls ? `https://${tls.host}:${port}` : `http://127.0.0.1:${port}`;
	const did = `did:web:${tls?.host ?? '127.0.0.1'}%3A${port}`;
	const own = await loadIssuerKey({ privateKey: ed25519Pem(), identity: { method: 'key' } });
	const verificationMethod = `${did}#key-1`;
	const key: IssuerKey = {
		did,
		verificationMethod,
		publicKeyMultibase: own.publicKeyMultibase,
		signer: () => ({ ...own.signer(), id: verificationMethod }),
		deriveSecret: own.deriveSecret,
	};
	const json =
		(body: unknown): Handler =>
		(_request, response) =>
			response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
	handlers.set('/.well-known/did.json', json(didDocumentOf(key)));
	const listUrl = `${origin}/status/revocation/0`;
	return {
		key,
		origin,
		listUrl,
		hits,
		answer: (path, handler) => handlers.set(path, handler),
		issue: async (index) =>
			signCredential(
				buildAchievementCredential(checkBadgeRequest(badgeRequest()), did, [
					{ purpose: 'revocation', index, listUrl },
				]),
				key,
			),
		publishList: async (setIndexes, validUntil) => {
			const list = await signedStatusList({
				url: listUrl,
				purpose: 'revocation',
				setIndexes,
				key,
				validFrom: '2026-01-01T00:00:00Z',
				...(validUntil ? { validUntil } : {}),
			});
			handlers.set('/status/revocation/0', json(list));
		},
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
