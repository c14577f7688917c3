import { closeSync, existsSync, mkdirSync, openSync, realpathSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

import { AsyncMutex } from './async-mutex';
import { ChainIndex } from './chain-index';
import { acquireFolderLock, type FolderLockOptions, type HeldLock } from './folder-lock';

/**
 * Everything one process shares about one ledger folder, however many stores open it: one
 * index, one mutex, one writer queue. Two stores on the same folder in one n8n process must not
 * keep separate heads.
 */
export class FolderState {
	readonly index: ChainIndex;
	readonly mutex = new AsyncMutex();
	readonly chainPath: string;
	readonly evidencePath: string;
	readonly quarantinePath: string;
	private readonly lockPath: string;
	private appendHandle: FileHandle | undefined;
	users = 0;

	constructor(
		readonly folder: string,
		private readonly lockOptions: FolderLockOptions,
	) {
		this.chainPath = join(folder, 'chain.jsonl');
		this.evidencePath = join(folder, 'evidence');
		this.quarantinePath = join(folder, 'quarantine');
		this.lockPath = join(folder, 'chain.lock');
		this.index = new ChainIndex(this.chainPath);
	}

	/** Runs `task` holding this process's mutex and the folder lock, with the index caught up. */
	async locked<T>(task: (lock: HeldLock) => Promise<T>): Promise<T> {
		return this.mutex.run(async () => {
			const lock = await acquireFolderLock(this.lockPath, this.lockOptions);
			try {
				await this.index.catchUp(true);
				return await task(lock);
			} finally {
				lock.release();
			}
		});
	}

	/** Runs `task` with the index caught up on complete lines, without blocking other processes. */
	async reading<T>(task: () => Promise<T>): Promise<T> {
		return this.mutex.run(async () => {
			await this.index.catchUp(false);
			return task();
		});
	}

	async appender(): Promise<FileHandle> {
		this.appendHandle ??= await open(this.chainPath, 'a');
		return this.appendHandle;
	}

	async closeHandles(): Promise<void> {
		const handle = this.appendHandle;
		this.appendHandle = undefined;
		await handle?.close();
	}
}

const states = new Map<string, FolderState>();

/** The shared state for a folder, creating the folder and an empty chain file if needed. */
export function folderStateFor(
	folder: string,
	lockOptions: FolderLockOptions,
): { state: FolderState; created: boolean } {
	mkdirSync(folder, { recursive: true, mode: 0o700 });
	const real = realpathSync(folder);
	const chain = join(real, 'chain.jsonl');
	// Only decides whether the folder entry needs a sync; a race here costs one extra sync.
	const created = !existsSync(chain);
	closeSync(openSync(chain, 'a', 0o600));
	let state = states.get(real);
	if (!state) {
		state = new FolderState(real, lockOptions);
		states.set(real, state);
	}
	state.users++;
	return { state, created };
}

export async function releaseFolderState(state: FolderState): Promise<void> {
	state.users--;
	if (state.users > 0) return;
	states.delete(state.folder);
	await state.closeHandles();
}
