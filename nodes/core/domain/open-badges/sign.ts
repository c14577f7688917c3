import { didDocumentOf, type IssuerKey } from './issuer-key';
import { offlineDocumentLoader } from './document-loader';
import { vcLibraries } from './libraries';

export type SignedCredential = Record<string, unknown> & { proof: Array<Record<string, unknown>> };

/**
 * Signs a credential as a Data Integrity proof (eddsa-rdfc-2022) with the issuer's key: the
 * library canonicalises with RDFC-1.0 over the bundled contexts, with the network off.
 */
export async function signCredential(
	credential: Record<string, unknown>,
	key: IssuerKey,
): Promise<SignedCredential> {
	const libs = await vcLibraries();
	const suite = new libs.DataIntegrityProof({
		signer: key.signer(),
		cryptosuite: libs.cryptosuite,
	});
	const documentLoader = offlineDocumentLoader(libs, { didDocuments: [didDocumentOf(key)] });
	const signed = await libs.vc.issue({ credential, suite, documentLoader });
	// OB 3.0 wants `proof` as an array (a proof set of one); verifiers read both forms.
	return { ...signed, proof: [signed.proof] } as SignedCredential;
}
