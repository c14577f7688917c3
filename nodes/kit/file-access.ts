import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { NodeOperationError } from 'n8n-workflow';
import type { FileSystemHelperFunctions, IExecuteFunctions, ResolvedFilePath } from 'n8n-workflow';

/**
 * The real location a path names once `..`, `~`-free relative parts and every symlink on the way
 * are resolved. A path that does not exist yet (a folder to be created) is resolved through its
 * nearest existing ancestor, so a symlinked parent cannot smuggle it elsewhere. A folder on the
 * way that cannot be read gives its error code instead.
 */
export async function realLocation(path: string): Promise<string | { failed: string }> {
	const missing: string[] = [];
	let current = resolve(path);
	for (;;) {
		try {
			return join(await realpath(current), ...missing.reverse());
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
			const parent = dirname(current);
			if (code !== 'ENOENT' || parent === current) return { failed: code };
			missing.push(basename(current));
			current = parent;
		}
	}
}

/**
 * Refuses a path n8n's own file restrictions forbid, with the same rules as the Read/Write Files
 * node: N8N_RESTRICT_FILE_ACCESS_TO, N8N_BLOCK_FILE_ACCESS_TO_N8N_FILES and N8N_BLOCK_FILE_PATTERNS,
 * as the running n8n version applies them (its helper decides, so its defaults hold too). Returns
 * the real location to use from here on, never the path as typed.
 */
export async function allowedLocation(
	context: IExecuteFunctions,
	path: string,
	field: string,
): Promise<string> {
	// Older n8n releases do not hand this helper to nodes; without it nothing can be checked.
	const helpers = context.helpers as Partial<FileSystemHelperFunctions>;
	if (typeof helpers.isFilePathBlocked !== 'function') {
		throw new NodeOperationError(
			context.getNode(),
			`${field}: this n8n version cannot check its file access restrictions, so no file is read`,
			{ description: 'Update n8n to a release that offers file access restrictions to nodes.' },
		);
	}
	const real = await realLocation(path);
	if (typeof real !== 'string') {
		throw new NodeOperationError(
			context.getNode(),
			`${field}: the path ${path} cannot be resolved`,
			{
				description: `The folders on the way must be readable by n8n (${real.failed}).`,
			},
		);
	}
	if (helpers.isFilePathBlocked(real as ResolvedFilePath)) {
		throw new NodeOperationError(
			context.getNode(),
			`${field}: access to ${path} is not allowed by this n8n instance's file restrictions`,
			{ description: restrictionHint() },
		);
	}
	return real;
}

function restrictionHint(): string {
	return (
		"n8n's own folder (.n8n, config, custom extensions, binary data) is never readable by nodes " +
		'unless N8N_BLOCK_FILE_ACCESS_TO_N8N_FILES=false, and when N8N_RESTRICT_FILE_ACCESS_TO is set ' +
		'(n8n 2 defaults it to ~/.n8n-files) only the folders it lists are. Move the file there or ask ' +
		'the n8n administrator to allow its folder.'
	);
}

/**
 * Reads a text file at a resolved location without following a symlink put in its place since,
 * refusing (EFBIG) more than `maxBytes`.
 */
export async function readTextFile(location: string, maxBytes: number): Promise<string> {
	const handle = await open(location, constants.O_RDONLY | constants.O_NOFOLLOW);
	try {
		const { size } = await handle.stat();
		if (size > maxBytes) throw Object.assign(new Error('file too large'), { code: 'EFBIG' });
		const buffer = Buffer.alloc(maxBytes + 1);
		const { bytesRead } = await handle.read(buffer, 0, maxBytes + 1, 0);
		if (bytesRead > maxBytes) throw Object.assign(new Error('file too large'), { code: 'EFBIG' });
		return buffer.subarray(0, bytesRead).toString('utf8');
	} finally {
		await handle.close();
	}
}
