// Fuzz of every push trigger's webhook() (Moodle, Canvas, Thinkific, Teachable, Docebo, Certifier;
// the Credly Trigger has its own file): random and adversarial bodies, with authentication
// missing or wrong, and authentic deliveries of adversarial bodies. Never a throw, never a
// polluted prototype, never a run without valid authentication, always a clear refusal.
import fc from 'fast-check';

import { useOwnN8nFolder } from '../lms/webhook-context';
import { bodyAround, nastyString } from './support/adversarial';
import { authenticProblems, deliver, unauthenticatedProblems } from './support/deliver';
import type { Delivery } from './support/deliver';
import { fuzz, preview } from './support/fuzz';
import { PUSH_TRIGGERS } from './support/triggers';

useOwnN8nFolder('fuzz-push-triggers-');

const failIf = (problems: string[], delivery: Delivery) => {
	if (problems.length > 0) {
		throw new Error(
			`${problems.join('\n')}\nheaders: ${preview(delivery.headers)}\nbody: ${preview(delivery.body)}`,
		);
	}
};

describe.each(PUSH_TRIGGERS.map((spec) => [spec.trigger.name, spec] as const))(
	'%s',
	(name, spec) => {
		test('the valid body, authentic, starts a run (so refusals below are not the harness failing)', async () => {
			const outcome = await deliver(
				spec.trigger,
				spec.authentic(Buffer.from(JSON.stringify(spec.valid))),
			);
			expect(outcome.thrown).toBeUndefined();
			expect(outcome.items).toHaveLength(1);
		});

		test('a delivery without valid authentication is refused and starts no run', async () => {
			await fuzz(
				`${name}: unauthenticated`,
				fc.asyncProperty(bodyAround(spec.valid).chain(spec.forged), async (delivery) => {
					const outcome = await deliver(spec.trigger, delivery);
					failIf(unauthenticatedProblems(spec.trigger, outcome, spec.refusal), delivery);
				}),
				{ numRuns: 50 },
			);
		});

		test('an authentic delivery of an adversarial body runs or gets a clear 4xx', async () => {
			await fuzz(
				`${name}: authentic adversarial body`,
				fc.asyncProperty(bodyAround(spec.valid).map(spec.authentic), async (delivery) => {
					failIf(authenticProblems(spec.trigger, await deliver(spec.trigger, delivery)), delivery);
				}),
				{ numRuns: 60 },
			);
		});

		const { emptySecret } = spec;
		if (emptySecret) {
			test('an empty secret in the credential authenticates nothing', async () => {
				await fuzz(
					`${name}: empty secret`,
					fc.asyncProperty(
						fc.constantFrom(Buffer.from(JSON.stringify(spec.valid))).map(emptySecret.authentic),
						async (delivery) => {
							const outcome = await deliver(emptySecret.trigger, delivery);
							const problems = [
								...(outcome.items.length > 0 ? ['started a run with an empty secret'] : []),
								...(outcome.thrown ? [`threw ${(outcome.thrown as Error).message}`] : []),
								...((outcome.status ?? 0) < 400 ? [`answered ${outcome.status ?? 'a run'}`] : []),
							];
							failIf(problems, delivery);
						},
					),
					{ numRuns: 1 },
				);
			});
		}
	},
);

describe('Moodle Trigger form bodies (the plugin form-encodes PHP arrays)', () => {
	const moodle = PUSH_TRIGGERS.find((spec) => spec.trigger.name === 'Moodle Trigger')!;
	const valid = moodle.valid as Record<string, unknown>;
	const validFields = Object.entries(valid)
		.filter(([key]) => key !== 'token')
		.flatMap(
			([key, value]): Array<[string, string]> =>
				value && typeof value === 'object'
					? Object.entries(value).map(([inner, v]): [string, string] => [
							`${key}[${inner}]`,
							String(v),
						])
					: [[key, String(value)]],
		);
	const formKey = fc.oneof(
		fc.constantFrom(
			'__proto__[email]',
			'__proto__[polluted]',
			'__proto__[relateduserid]',
			'__proto__',
			'constructor[prototype]',
			'constructor[prototype][polluted]',
			'prototype[polluted]',
			'other[__proto__]',
			'other[constructor]',
			'relateduserid[]',
			'eventname[toString]',
			'[]',
			'a[b][c]',
		),
		nastyString(),
	);
	/** Raw tails no encoder writes: broken percent escapes, NUL, bare separators. */
	const rawTail = fc.constantFrom('', '&%E0%A4%A=1', '&a=%ff%fe', '&%00=%00', '&&==&', '&a[=1&]=2');
	/** The valid fields with adversarial ones mixed in, form-encoded, and a raw tail. */
	const formBody = fc
		.tuple(fc.array(fc.tuple(formKey, nastyString()), { maxLength: 6 }), fc.boolean(), rawTail)
		.map(([extra, first, tail]) => {
			const pairs = first ? [...extra, ...validFields] : [...validFields, ...extra];
			return Buffer.from(new URLSearchParams(pairs).toString() + tail);
		});
	const pollutingExample = Buffer.from('__proto__[email]=attacker%40evil.test&__proto__[x]=1');

	test('form bodies without the token: refused, nothing polluted', async () => {
		await fuzz(
			'Moodle Trigger: unauthenticated form body',
			fc.asyncProperty(formBody, async (body) => {
				const delivery = { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
				failIf(
					unauthenticatedProblems(moodle.trigger, await deliver(moodle.trigger, delivery)),
					delivery,
				);
			}),
			{ numRuns: 60, examples: [[pollutingExample]] },
		);
	});

	test('form bodies with the token: a run or a clear 4xx, nothing polluted', async () => {
		await fuzz(
			'Moodle Trigger: authentic form body',
			fc.asyncProperty(formBody.map(moodle.authentic), async (delivery) => {
				failIf(
					authenticProblems(moodle.trigger, await deliver(moodle.trigger, delivery)),
					delivery,
				);
			}),
			{ numRuns: 60, examples: [[moodle.authentic(pollutingExample)]] },
		);
	});
});
