/**
 * Patterns for the ends of text that stay linear on any input. `/\/+$/` looks harmless but
 * restarts at every "/" of a run and scans the rest of the run each time, so a megabyte of
 * slashes (or zeros, or spaces) without the expected end takes minutes. Refusing to start inside
 * a run (the look-behind) makes each run scanned once.
 */

/** Trailing slashes of a URL: `url.replace(TRAILING_SLASHES, '')`. */
export const TRAILING_SLASHES = /(?<!\/)\/+$/;

/** Trailing zeros of a decimal fraction: `fraction.replace(TRAILING_ZEROS, '')`. */
export const TRAILING_ZEROS = /(?<!0)0+$/;
