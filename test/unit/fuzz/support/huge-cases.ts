// The fixed huge cases of the fuzz suite: 10 MB strings in the fields that matter (ids, emails,
// names, free text), 10 MB bodies without authentication, and 10,000 levels of nesting, for every
// push trigger, every input parser and the ledger. Run in a worker thread (bounded-worker.js):
// each case returns its problems, and a case that stalls is stopped from outside.
import fc from 'fast-check';

import { LedgerError } from '../../../../nodes/core/domain/ledger';
import { ISSUED, decision, openTestLedger } from '../../ledger/support/fixtures';
import { HUGE, deeplyNestedText, pathsOf, replaceAt } from './adversarial';
import { authenticProblems, deliver, unauthenticatedProblems } from './deliver';
import { FUZZ_SEED } from './fuzz';
import { parserProblems, parserTarget } from './parser-check';
import type { ParserTarget } from './parser-check';
import { PARSERS } from './parsers';
import { PUSH_TRIGGERS } from './triggers';

type HugeCase = () => Promise<string[]>;

/** 10 MB of text with a little of everything the checks look at: letters, digits, @, dots. */
const huge = (): string => 'a1.@b'.repeat(HUGE.chars / 5);
const deep = (): unknown => JSON.parse(deeplyNestedText(HUGE.depth));

/** Leaf paths of a valid example that name ids, emails, names and events (at most four). */
function interestingPaths(valid: unknown): string[][] {
	return pathsOf(valid)
		.filter((path) => path.length > 0 && /id$|email|name|event|type/i.test(path[path.length - 1]))
		.filter((path) => typeof pathValue(valid, path) !== 'object')
		.slice(0, 4);
}

function pathValue(root: unknown, path: readonly string[]): unknown {
	return path.reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], root);
}

function triggerCases(): Record<string, HugeCase> {
	const cases: Record<string, HugeCase> = {};
	for (const spec of PUSH_TRIGGERS) {
		const name = spec.trigger.name;
		const body = (value: unknown) => Buffer.from(JSON.stringify(value));
		cases[`${name}: a 10 MB body without valid authentication`] = async () => {
			const [forged] = fc.sample(spec.forged(body({ padding: huge() })), {
				seed: FUZZ_SEED,
				numRuns: 1,
			});
			return unauthenticatedProblems(
				spec.trigger,
				await deliver(spec.trigger, forged),
				spec.refusal,
			);
		};
		for (const path of interestingPaths(spec.valid)) {
			cases[`${name}: a 10 MB ${path.join('.')}, authentic`] = async () => {
				const delivery = spec.authentic(body(replaceAt(spec.valid, path, huge())));
				return authenticProblems(spec.trigger, await deliver(spec.trigger, delivery));
			};
		}
		cases[`${name}: ${HUGE.depth} levels of nesting in a field, authentic`] = async () => {
			const delivery = spec.authentic(body({ ...(spec.valid as object), extra: deep() }));
			return authenticProblems(spec.trigger, await deliver(spec.trigger, delivery));
		};
	}
	return cases;
}

const parser = (name: string): ParserTarget => {
	const target = PARSERS.find((candidate) => candidate.name.startsWith(name));
	if (!target) throw new Error(`no parser target named ${name}`);
	return target;
};

const completion = {
	source: 'moodle',
	learner: { id: '57', email: 'ana.lima@example.org', name: 'Ana Lima' },
	course: { id: 'FULL' },
	completedAt: '2024-06-03T16:00:00Z',
	recipientName: 'Ana Lima',
};
const csvHeader = 'Badge ID,Full Name,Email Address,Session,Scan Time';
const schedule = {
	timezone: 'America/Chicago',
	defaultPolicy: 'p',
	sessions: [{ id: 'KEY', title: 'Keynote', start: '2026-05-14 08:30', end: '2026-05-14 09:20' }],
};
const issue = {
	templateId: '12472',
	recipient: { name: 'Ada Lovelace', email: 'ada@example.com' },
};

/** Each parser with 10 MB in one field (as its input takes it) and 10,000 levels of nesting. */
function parserCases(): Record<string, HugeCase> {
	const inputs: Array<[string, string, () => unknown]> = [
		[
			'rule set text',
			'YAML description',
			() => `id: r\nversion: 1\ndescription: ${huge()}\ncourses: {}`,
		],
		['rule set text', 'JSON id', () => JSON.stringify({ id: huge(), version: '1', courses: {} })],
		['rule set text', 'nesting', () => deeplyNestedText(HUGE.depth)],
		['completion event', 'learner.id', () => replaceAt(completion, ['learner', 'id'], huge())],
		[
			'completion event',
			'learner.email',
			() => replaceAt(completion, ['learner', 'email'], huge()),
		],
		['completion event', 'learner.name', () => replaceAt(completion, ['learner', 'name'], huge())],
		['completion event', 'recipientName', () => replaceAt(completion, ['recipientName'], huge())],
		['completion event', 'nesting', () => ({ ...completion, extra: deep() })],
		['attendance CSV', 'cell', () => [`${csvHeader}\n1001,Ada,${huge()},KEY,2026-05-14 08:27`, {}]],
		['attendance CSV', 'header', () => [`${huge()},Email\n1,ada@example.com`, {}]],
		['schedule (JSON)', 'title', () => replaceAt(schedule, ['sessions', '0', 'title'], huge())],
		[
			'schedule CSV',
			'cell',
			() => `Session ID,Title,Start,End\nKEY,${huge()},2026-05-14 08:30,2026-05-14 09:20`,
		],
		[
			'credit policies',
			'description',
			() => JSON.stringify({ type: 'nasba', id: 'p', version: '1', description: huge() }),
		],
		[
			'platform issue request',
			'recipient.name',
			() => [replaceAt(issue, ['recipient', 'name'], huge()), 'credly'],
		],
		[
			'platform issue request',
			'recipient.email',
			() => [replaceAt(issue, ['recipient', 'email'], huge()), 'accredible'],
		],
	];
	const cases: Record<string, HugeCase> = {};
	for (const [target, field, input] of inputs) {
		cases[`${target}: 10 MB ${field}`.replace('10 MB nesting', `${HUGE.depth} levels of nesting`)] =
			async () => await parserProblems(parser(target), input());
	}
	return cases;
}

/** The ledger with 10 MB keys, ids, evidence and details, and deeply nested evidence. */
function ledgerCases(): Record<string, HugeCase> {
	const reserve =
		(key: () => string, options: () => { decision?: unknown; evidence?: unknown }) => async () => {
			const { ledger, store } = await openTestLedger();
			const target = parserTarget({
				name: 'ledger',
				input: fc.constant(null),
				run: async () => {
					const { decision: d, evidence } = options();
					await ledger.reserve(key(), d ?? decision(), { actor: 'workflow:issue', evidence });
					await ledger
						.record('k-record', 'issued', { ...ISSUED, externalId: huge() }, 'a')
						.catch((error: unknown) => {
							if (!(error instanceof LedgerError)) throw error;
						});
					return [];
				},
				ownErrors: [LedgerError],
			});
			const problems = await parserProblems(target, null);
			await store.close();
			return problems;
		};
	return {
		'ledger: a 10 MB key': reserve(huge, () => ({})),
		'ledger: a 10 MB learner id in the decision': reserve(
			() => 'k-1',
			() => ({ decision: decision(huge()) }),
		),
		'ledger: 10 MB of evidence': reserve(
			() => 'k-2',
			() => ({ evidence: { email: huge() } }),
		),
		[`ledger: ${HUGE.depth} levels of nesting in the decision`]: reserve(
			() => 'k-3',
			() => ({ decision: decision('L-1', 'C-1', { dataPoints: deep() }) }),
		),
	};
}

export const HUGE_CASES: Record<string, HugeCase> = {
	...triggerCases(),
	...parserCases(),
	...ledgerCases(),
};
