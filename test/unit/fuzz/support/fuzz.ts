// How the fuzz suite runs its properties: a fixed seed (so CI runs the same cases every time and a
// failure can be replayed), a modest number of runs and a time limit per property, so the suite
// stays bounded on a loaded machine. FUZZ_SEED and FUZZ_RUNS override the defaults locally.
import fc from 'fast-check';

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_207);
const RUN_FACTOR = Number(process.env.FUZZ_RUNS ?? 1);

export interface FuzzOptions<T> {
	numRuns?: number;
	/** Known bad inputs run first, before the generated ones. */
	examples?: T[];
	/** Stop generating new cases after this long (the cases run so far must all have passed). */
	timeLimitMs?: number;
}

/**
 * fc.check with the suite's settings. A failure names the property, the seed, fast-check's
 * replay path, a short preview of the case (bodies can be megabytes) and what went wrong.
 */
export async function fuzz<T>(
	name: string,
	property: fc.IAsyncPropertyWithHooks<T> | fc.IPropertyWithHooks<T>,
	options: FuzzOptions<T> = {},
): Promise<void> {
	const details = await fc.check(property, {
		seed: FUZZ_SEED,
		numRuns: Math.max(1, Math.round((options.numRuns ?? 60) * RUN_FACTOR)),
		plugins: [fc.interruptAfterTimeLimit(options.timeLimitMs ?? 4_000)],
		// Shrinking adversarial bodies of megabytes takes long; the first counterexample is clear.
		endOnFailure: true,
		examples: options.examples ?? [],
	});
	if (process.env.FUZZ_VERBOSE) {
		process.stderr.write(
			`${name}: ${details.numRuns} case(s)${details.interrupted ? ', interrupted' : ''}\n`,
		);
	}
	if (!details.failed) return;
	const error = details.errorInstance as Error | undefined;
	throw new Error(
		[
			`Fuzz property "${name}" failed after ${details.numRuns} case(s):`,
			`  seed ${FUZZ_SEED}, path "${details.counterexamplePath}" (rerun with FUZZ_SEED=${FUZZ_SEED})`,
			`  case: ${preview(details.counterexample)}`,
			`  ${String(error?.message ?? error)}`,
		].join('\n'),
	);
}

const WATCHED_PROTOTYPES: ReadonlyArray<[string, object]> = [
	['Object.prototype', Object.prototype],
	['Array.prototype', Array.prototype],
	['Function.prototype', Function.prototype],
	['String.prototype', String.prototype],
];

const baseline = new Map(
	WATCHED_PROTOTYPES.map(([name, proto]) => [
		name,
		new Map(
			Reflect.ownKeys(proto).map((key) => [key, Object.getOwnPropertyDescriptor(proto, key)]),
		),
	]),
);

/** Names a key in a message, symbols included. */
const keyName = (key: string | symbol) => (typeof key === 'symbol' ? key.toString() : key);

/**
 * Describes what a case added to or changed on the built-in prototypes (undefined when nothing),
 * and puts them back as they were, so one polluting case does not make every later case fail.
 */
export function prototypePollution(): string | undefined {
	const problems: string[] = [];
	for (const [name, proto] of WATCHED_PROTOTYPES) {
		const before = baseline.get(name) as Map<string | symbol, PropertyDescriptor | undefined>;
		for (const key of Reflect.ownKeys(proto)) {
			const original = before.get(key);
			const now = Object.getOwnPropertyDescriptor(proto, key);
			if (!original) {
				problems.push(`${name}.${keyName(key)} was added (${JSON.stringify(now?.value)})`);
				Reflect.deleteProperty(proto, key);
			} else if (original.value !== now?.value || original.get !== now?.get) {
				problems.push(`${name}.${keyName(key)} was replaced`);
				Object.defineProperty(proto, key, original);
			}
		}
	}
	const probe = {} as Record<string, unknown>;
	for (const key of ['x', 'polluted', 'email', 'isAdmin', 'token', 'relateduserid']) {
		if (probe[key] !== undefined) problems.push(`({}).${key} is ${JSON.stringify(probe[key])}`);
	}
	return problems.length > 0 ? problems.join('; ') : undefined;
}

const STACK_LINE = /\n\s+at .+[:(]\d+|\bat (?:async )?\S+ \(.*:\d+:\d+\)|node:internal/;
const MAX_MESSAGE_CHARS = 2_000;

/**
 * What is wrong with an error message a caller sees (undefined when it is clear): it must say
 * something, carry no stack trace and no secret, and not echo a huge input back.
 */
export function unclearMessage(
	message: unknown,
	secrets: readonly string[] = [],
): string | undefined {
	if (typeof message !== 'string' || message.trim().length < 8) {
		return `the message is missing or says nothing: ${JSON.stringify(message)}`;
	}
	if (/^(error|undefined|null|\[object \w+\])$/i.test(message.trim())) {
		return `the message says nothing: ${JSON.stringify(message)}`;
	}
	if (STACK_LINE.test(message))
		return `the message carries a stack trace: ${message.slice(0, 300)}`;
	const leaked = secrets.find((secret) => secret.length >= 4 && message.includes(secret));
	if (leaked) return 'the message carries a secret value';
	if (message.length > MAX_MESSAGE_CHARS) {
		return `the message is ${message.length} characters long (it echoes the input)`;
	}
	return undefined;
}

/** Buffers in a preview read as their text (JSON.stringify turns them into byte lists). */
const bufferAsText = (_key: string, value: unknown) => {
	const buffer = value as { type?: unknown; data?: unknown };
	return buffer?.type === 'Buffer' && Array.isArray(buffer.data)
		? `<bytes> ${Buffer.from(buffer.data as number[]).toString('utf8')}`
		: value;
};

/** A short description of a case for failure messages (never megabytes of it). */
export function preview(value: unknown): string {
	const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
	let text: string;
	try {
		text = Buffer.isBuffer(single)
			? single.toString('utf8')
			: (JSON.stringify(single, bufferAsText) ?? String(single));
	} catch {
		text = Object.prototype.toString.call(single);
	}
	return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}
