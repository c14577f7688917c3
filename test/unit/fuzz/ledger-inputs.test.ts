// Fuzz of the Credential Ledger's inputs as its node hands them over: idempotency keys, decisions,
// actors, private evidence and recorded outcomes, each adversarial (wrong types, prototype keys,
// NUL, lone surrogates, e-mail-like text, deep values). Every call either succeeds or throws a
// LedgerError with a clear message; nothing else escapes and no prototype changes.
import fc from 'fast-check';

import { LedgerError, RECORD_KINDS } from '../../../nodes/core/domain/ledger';
import type { OpenedLedger } from '../ledger/support/fixtures';
import { ISSUED, decision, openTestLedger, removeTempFolders } from '../ledger/support/fixtures';
import { HUGE, deeplyNestedText, mutationOf, nastyString, nastyValue } from './support/adversarial';
import { fuzzParser, parserTarget } from './support/parser-check';

let opened: OpenedLedger;
beforeAll(async () => {
	opened = await openTestLedger();
});
afterAll(async () => {
	await opened.store.close();
	removeTempFolders();
});

const key = fc.oneof(
	fc.constant('course-101|learner-7'),
	fc.string({ minLength: 1, maxLength: 40 }),
	nastyString(),
);
const actor = fc.oneof(fc.constant('workflow:issue'), nastyString());
let keys = 0;
const deep = (): unknown => JSON.parse(deeplyNestedText(HUGE.depth));

const targets = [
	parserTarget({
		name: 'reserve: key, decision, actor and evidence',
		input: fc.tuple(key, mutationOf(decision()), actor, nastyValue()),
		run: async ([k, d, a, evidence]: [string, unknown, string, unknown]) => {
			await opened.ledger.reserve(`${k}#${keys++}`, d, { actor: a, evidence });
			return [];
		},
		ownErrors: [LedgerError],
	}),
	parserTarget({
		name: 'record: kind, details and actor on a reserved key',
		input: fc.tuple(
			fc.oneof(fc.constantFrom(...RECORD_KINDS), nastyString()),
			fc.oneof(
				mutationOf(ISSUED),
				mutationOf({ error: 'HTTP 503', retryable: true }),
				nastyValue(),
			),
			actor,
		),
		run: async ([kind, details, a]: [string, unknown, string]) => {
			const reserved = `record-${keys++}`;
			await opened.ledger.reserve(reserved, decision(), { actor: 'workflow:issue' });
			await opened.ledger.record(reserved, kind as (typeof RECORD_KINDS)[number], details, a);
			return [];
		},
		ownErrors: [LedgerError],
	}),
];

test.each(targets.map((target) => [target.name, target] as const))(
	'%s: written, or refused with a clear LedgerError',
	async (_name, target) => await fuzzParser(target, 60),
);

test('an unknown record kind is named briefly, not echoed whole', async () => {
	await opened.ledger.reserve('kind-echo', decision(), { actor: 'workflow:issue' });
	const kind = 'x'.repeat(100_000) as (typeof RECORD_KINDS)[number];
	const error = await opened.ledger.record('kind-echo', kind, ISSUED, 'a').catch((e: unknown) => e);
	expect(error).toBeInstanceOf(LedgerError);
	expect((error as LedgerError).issues).toEqual([
		{
			path: 'kind',
			message: expect.stringMatching(/^received "x+\.\.\."; expected one of issued,/),
		},
	]);
	expect((error as LedgerError).message.length).toBeLessThan(300);
});

test.each([
	['a decision', () => [decision('L-1', 'C-1', { dataPoints: deep() }), undefined]],
	['evidence', () => [decision(), { raw: deep() }]],
])(
	'%s nested 10,000 levels deep is refused naming the field, not a stack overflow',
	async (_what, make) => {
		const [d, evidence] = make();
		const error = await opened.ledger
			.reserve(`deep-${keys++}`, d, { actor: 'workflow:issue', evidence })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(LedgerError);
		expect((error as LedgerError).message).toMatch(
			/^Invalid (decision|evidence): (decision\.dataPoints|evidence\.raw): nested more than 64 levels deep/,
		);
	},
);
