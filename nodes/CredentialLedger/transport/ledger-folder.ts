import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

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
