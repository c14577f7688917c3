import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

import { LedgerError, storeFailure } from '../../../domain/ledger/errors';

/*
 * Cross-process exclusion for one ledger folder: a lock file created with O_EXCL that names its
 * holder (host, pid, a random token, the time). Node has no flock(), and O_APPEND alone would
 * let two processes append entries with the same seq; a lock held only for the few
 * milliseconds of one batch keeps the chain head serial and costs a few syscalls per batch.
 *
 * A holder that died leaves its file behind. It is stale when its pid is gone on this host, or
 * when it is older than `staleMs` (pids are reused, especially in containers, and another host's
 * pid cannot be checked). Removing a stale file goes through a second O_EXCL "steal" file and
 * re-reads the lock first, so two processes cleaning up at once cannot delete a fresh lock taken
 * in between. The holder re-checks its token before writing (see `stillHeld`).
 */

export interface FolderLockOptions {
	timeoutMs: number;
	staleMs: number;
}

export interface HeldLock {
	stillHeld(): boolean;
	release(): void;
}

interface Holder {
	raw: string;
	host?: string;
	pid?: number;
	since?: number;
}

const STEAL_GUARD_STALE_MS = 10_000;
const UNREADABLE_LOCK_STALE_MS = 2_000;

export async function acquireFolderLock(
	lockPath: string,
	options: FolderLockOptions,
): Promise<HeldLock> {
	const token = randomBytes(12).toString('hex');
	const content = JSON.stringify({ host: hostname(), pid: process.pid, token, since: Date.now() });
	const deadline = Date.now() + options.timeoutMs;
	let wait = 1;
	for (;;) {
		if (tryCreate(lockPath, content)) return heldLock(lockPath, content);
		const holder = readHolder(lockPath);
		if (holder && isStale(lockPath, holder, options.staleMs)) {
			removeStale(lockPath, holder.raw);
			continue;
		}
		if (Date.now() >= deadline) {
			throw new LedgerError(
				'lock_timeout',
				`The ledger folder stayed locked for ${options.timeoutMs} ms by ${describeHolder(holder)}`,
				{ details: { pid: holder?.pid ?? null, host: holder?.host ?? null } },
			);
		}
		await sleep(wait + Math.random() * wait);
		wait = Math.min(wait * 2, 5);
	}
}

function heldLock(lockPath: string, content: string): HeldLock {
	let released = false;
	const stillHeld = () => readText(lockPath) === content;
	return {
		stillHeld,
		release: () => {
			if (released) return;
			released = true;
			// Never delete a lock that was taken over after ours was judged stale.
			if (stillHeld()) unlinkQuietly(lockPath);
		},
	};
}

function tryCreate(path: string, content: string): boolean {
	let fd: number;
	try {
		fd = openSync(path, 'wx', 0o644);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw storeFailure('Cannot create the ledger lock file', error);
	}
	try {
		writeSync(fd, content);
	} finally {
		closeSync(fd);
	}
	return true;
}

function readHolder(path: string): Holder | undefined {
	const raw = readText(path);
	if (raw === undefined) return undefined;
	try {
		const parsed = JSON.parse(raw) as { host?: unknown; pid?: unknown; since?: unknown };
		return {
			raw,
			host: typeof parsed.host === 'string' ? parsed.host : undefined,
			pid: typeof parsed.pid === 'number' ? parsed.pid : undefined,
			since: typeof parsed.since === 'number' ? parsed.since : undefined,
		};
	} catch {
		// Written between open and write, or its writer died there.
		return { raw };
	}
}

function isStale(path: string, holder: Holder, staleMs: number): boolean {
	if (holder.since === undefined || holder.pid === undefined) {
		const age = fileAge(path);
		return age !== undefined && age > Math.min(staleMs, UNREADABLE_LOCK_STALE_MS);
	}
	if (Date.now() - holder.since > staleMs) return true;
	return holder.host === hostname() && !processAlive(holder.pid);
}

function removeStale(lockPath: string, observed: string): void {
	const guard = `${lockPath}.steal`;
	if (!tryCreate(guard, String(process.pid))) {
		const age = fileAge(guard);
		if (age !== undefined && age > STEAL_GUARD_STALE_MS) unlinkQuietly(guard);
		return;
	}
	try {
		if (readText(lockPath) === observed) unlinkQuietly(lockPath);
	} finally {
		unlinkQuietly(guard);
	}
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function readText(path: string): string | undefined {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return undefined;
	}
}

function fileAge(path: string): number | undefined {
	try {
		return Date.now() - statSync(path).mtimeMs;
	} catch {
		return undefined;
	}
}

function unlinkQuietly(path: string): void {
	try {
		unlinkSync(path);
	} catch {
		// Already gone.
	}
}

function describeHolder(holder: Holder | undefined): string {
	if (!holder || holder.pid === undefined) return 'another process';
	const since = holder.since === undefined ? '' : ` since ${new Date(holder.since).toISOString()}`;
	return `process ${holder.pid} on ${holder.host ?? 'an unknown host'}${since}`;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
