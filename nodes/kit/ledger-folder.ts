import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { IExecuteFunctions } from 'n8n-workflow';

import { allowedLocation, realLocation } from './file-access';

/**
 * n8n keeps its own files in `<N8N_USER_FOLDER or home>/.n8n`; the embedded ledger lives next to
 * them by default, so it survives restarts and container updates wherever n8n's data does.
 */
export function n8nFolder(): string {
	const userFolder = process.env.N8N_USER_FOLDER?.trim();
	return join(userFolder ? userFolder : homedir(), '.n8n');
}

export function defaultLedgerFolder(): string {
	return join(n8nFolder(), 'credential-ledger');
}

/** The folder a Folder Path parameter names: empty for the default, relative to n8n's folder. */
export function resolveLedgerFolder(folderPath: string): string {
	const trimmed = folderPath.trim();
	if (trimmed === '') return defaultLedgerFolder();
	const expanded = trimmed.startsWith('~/') ? join(homedir(), trimmed.slice(2)) : trimmed;
	return isAbsolute(expanded) ? resolve(expanded) : resolve(n8nFolder(), expanded);
}

/**
 * The real folder a Folder Path names, if n8n's file restrictions allow it. The default folder is
 * the package's own, inside n8n's folder, which those restrictions otherwise block: it alone is
 * let through, by its exact real location, so no other path reaches into n8n's folder (its
 * config, database, other nodes' files). Which workflow may use it is the key binding's concern.
 */
export async function allowedLedgerFolder(
	context: IExecuteFunctions,
	folderPath: string,
): Promise<string> {
	const folder = resolveLedgerFolder(folderPath);
	const real = await realLocation(folder);
	if (typeof real === 'string' && real === (await realLocation(defaultLedgerFolder()))) return real;
	return await allowedLocation(context, folder, 'Folder Path');
}
