// The Credly and Certifier nodes space their requests for the platform's documented limit (100
// a minute: one every 600 ms), so a node test of a dozen calls spent most of its time waiting on
// the client-side limiter. Where that pacing is not the subject, the limiter runs on faster
// time. The simulator's own 429s and their Retry-After are still waited out in real time, so
// those paths run for real (and a faster limiter meets them for sure instead of by chance); the
// pacing itself is proven in test/unit/platforms (rate-limit-storm, resilience).
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from './pinned-n8n';

/** Limiter time runs this many times faster than the wall clock. */
const LIMITER_SPEED_UP = 20;

interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}
interface RateLimiterRegistry {
	forKey(key: string, limit: object, clock?: Clock): unknown;
}

/** A module of our built package, found by its path's ending so a folder move does not break it. */
export function builtModule<T>(ending: string): T {
	const distNodes = path.join(REPO_ROOT, 'dist', 'nodes');
	const found = readdirSync(distNodes, { recursive: true, encoding: 'utf8' }).filter((file) =>
		file.split(path.sep).join('/').endsWith(ending),
	);
	if (found.length !== 1) {
		throw new Error(
			`expected one dist/nodes/**/${ending}, found ${found.length}: run npm run build`,
		);
	}
	// The copy in jest's registry for this test file: the one n8n loaded our nodes with.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(path.join(distNodes, found[0])) as T;
}

/** Every rate limiter our nodes create in this test file from now on runs on faster time. */
export function speedUpRateLimiters(factor = LIMITER_SPEED_UP): void {
	const { sharedRateLimiters } = builtModule<{ sharedRateLimiters: RateLimiterRegistry }>(
		'resilience/rate-limiter.js',
	);
	const { scaledClock } = builtModule<{ scaledClock(factor: number): Clock }>(
		'resilience/clock.js',
	);
	const clock = scaledClock(factor);
	const forKey = sharedRateLimiters.forKey.bind(sharedRateLimiters);
	sharedRateLimiters.forKey = (key, limit) => forKey(key, limit, clock);
}
