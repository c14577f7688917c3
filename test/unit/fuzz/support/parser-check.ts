// How one input parser is fuzzed: it runs on an adversarial input and must return a result or
// throw its own clear error type; every message it gives must be clear; no prototype may change.
import fc from 'fast-check';

import { fuzz, preview, prototypePollution, unclearMessage } from './fuzz';

type ErrorClass = abstract new (...args: never[]) => Error;

export interface ParserTarget<T = unknown> {
	name: string;
	input: fc.Arbitrary<T>;
	/** Runs the parser; returns the messages its result carries (issues, row errors), if any. */
	run(input: T): Promise<string[]> | string[];
	/** The error types the parser throws on purpose (with a clear message); others are crashes. */
	ownErrors?: ErrorClass[];
	numRuns?: number;
}

export function parserTarget<T>(target: ParserTarget<T>): ParserTarget {
	return target as unknown as ParserTarget;
}

/** Everything wrong with one run of `target` on `input` (empty when it behaved). */
export async function parserProblems<T>(target: ParserTarget<T>, input: T): Promise<string[]> {
	const problems: string[] = [];
	let messages: string[] = [];
	try {
		messages = await target.run(input);
	} catch (error) {
		const own = target.ownErrors?.some((type) => error instanceof type) ?? false;
		if (!own) problems.push(`threw ${(error as Error)?.name}: ${(error as Error)?.message}`);
		messages = [(error as Error)?.message];
	}
	for (const message of messages) {
		const unclear = unclearMessage(message);
		if (unclear) problems.push(unclear);
	}
	const pollution = prototypePollution();
	if (pollution) problems.push(`prototype polluted: ${pollution}`);
	return problems;
}

/** Fuzzes one target: every generated input must leave no problem (the failing input is shown). */
export async function fuzzParser(target: ParserTarget, numRuns: number): Promise<void> {
	await fuzz(
		target.name,
		fc.asyncProperty(target.input, async (input) => {
			const problems = await parserProblems(target, input);
			if (problems.length > 0) throw new Error(`${problems.join('\n')}\ninput: ${preview(input)}`);
		}),
		{ numRuns: target.numRuns ?? numRuns },
	);
}

/** Messages of a parse result's issues or row errors: [{ message }] lists at any of these keys. */
export function messagesOf(result: unknown): string[] {
	const record = (result ?? {}) as Record<string, unknown>;
	return ['issues', 'errors']
		.map((key) => record[key])
		.filter((list): list is Array<{ message?: unknown }> => Array.isArray(list))
		.flatMap((list) => list.map((item) => String(item?.message)));
}
