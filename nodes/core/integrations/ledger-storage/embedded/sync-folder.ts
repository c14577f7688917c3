import { open } from 'node:fs/promises';

/** Makes a folder's entries (new or renamed files) durable; a no-op where folders cannot be opened. */
export async function syncFolder(path: string): Promise<void> {
	let handle;
	try {
		handle = await open(path, 'r');
		await handle.sync();
	} catch {
		// Some platforms (Windows) cannot fsync a directory; the data itself is synced already.
	} finally {
		await handle?.close();
	}
}
