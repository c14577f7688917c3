import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { isLedgerError } from '../../core/domain/ledger';
import { createPool, poolConfigOf } from '../transport/postgres-pool';
import { signingKeyOf } from '../transport/signing-key';

/** Parses the key (and retired keys) and signs a probe; messages never contain key material. */
export async function credentialLedgerSigningKeyTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const { signer, keyring, evidenceCipher } = signingKeyOf(credential.data ?? {});
		const probe = '0'.repeat(64);
		if (!signer.verify(probe, signer.sign(probe))) {
			return { status: 'Error', message: 'The key cannot verify its own signature' };
		}
		const retired = keyring.length - 1;
		return {
			status: 'OK',
			message: `${signer.algorithm} key "${signer.keyId}" works${retired > 0 ? ` (${retired} retired key${retired > 1 ? 's' : ''})` : ''}${evidenceCipher ? `; evidence is encrypted with key ${evidenceCipher.currentKeyId}` : ''}`,
		};
	} catch (error) {
		return {
			status: 'Error',
			message: isLedgerError(error) ? error.message : 'The key could not be read',
		};
	}
}

/** Connects with a one-off pool (a wrong password must not leave a cached pool behind). */
export async function credentialLedgerPostgresTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const config = poolConfigOf(credential.data ?? {});
	const pool = await createPool({ ...config, max: 1 });
	try {
		await pool.query('SELECT 1');
		return { status: 'OK', message: 'Connected' };
	} catch (error) {
		const message = (error as Error).message ?? 'unknown error';
		// Driver messages name the user and host, never the password; strip it anyway.
		return {
			status: 'Error',
			message: config.password ? message.split(config.password).join('***') : message,
		};
	} finally {
		await pool.end().catch(() => undefined);
	}
}
