import { formatCredits, minCredits, sumCredits } from '../../../nodes/core/domain/credit';
import {
	atLeastPercent,
	percentCut,
	stepsFor,
	stepsIn,
	stepsToText,
	timeStepRule,
} from '../../../nodes/core/domain/credit/steps';
import { seededRandom } from './seeded-random';

describe('credits are exact decimals', () => {
	it('0.2 + 0.2 + 0.2 prints 0.6 (binary floats print 0.6000000000000001)', () => {
		expect(0.2 + 0.2 + 0.2).not.toBe(0.6);
		expect(sumCredits(['0.2', '0.2', '0.2'])).toBe('0.6');
		expect(sumCredits([0.1, 0.2])).toBe('0.3');
		expect(sumCredits(['2.8', '1.75', '0.05', '0'])).toBe('4.6');
		expect(sumCredits([])).toBe('0');
		expect(() => sumCredits(['-1'])).toThrow(RangeError);
	});

	it('compares and prints exactly', () => {
		expect([minCredits('1.5', '1.40'), minCredits('2', '2.0')]).toEqual(['1.40', '2']);
		expect([
			formatCredits('1'),
			formatCredits('2.8'),
			formatCredits('0.25', 2),
			formatCredits('3', 0),
		]).toEqual(['1.0', '2.8', '0.25', '3']);
	});

	it('counts whole steps without float drift (29 x 0.1 is 2.9, not 2.8999999999999995)', () => {
		const tenths = timeStepRule('60', '0.1', 'down');
		expect(stepsToText(stepsFor(tenths, 174 * 60_000), tenths.increment)).toBe('2.9');
		const fifths = timeStepRule('50', '0.2', 'down');
		expect(stepsToText(stepsFor(fifths, 140 * 60_000 - 1), fifths.increment)).toBe('2.6');
		expect(stepsToText(stepsFor(fifths, 140 * 60_000), fifths.increment)).toBe('2.8');
		const quarters = timeStepRule('60', '0.25', 'nearest');
		expect(
			[7.5, 7.499, 22.5].map((m) =>
				stepsToText(stepsFor(quarters, Math.round(m * 60_000)), quarters.increment),
			),
		).toEqual(['0.25', '0', '0.5']);
		expect([
			stepsIn('1.3', '0.5', 'floor'),
			stepsIn('1.3', '0.5', 'ceil'),
			stepsIn('1', '0.2', 'ceil'),
		]).toEqual([2, 3, 5]);
	});

	it('property: step counts equal exact rational arithmetic for random durations and rules', () => {
		const random = seededRandom(11);
		const rates = ['50', '60', '600', '45.5'];
		const increments = ['0.2', '0.5', '0.25', '0.1', '1', '0.0001'];
		for (let run = 0; run < 2000; run++) {
			const rate = rates[Math.floor(random() * rates.length)];
			const increment = increments[Math.floor(random() * increments.length)];
			const ms = Math.floor(random() * 5 * 86_400_000);
			const rule = timeStepRule(rate, increment, 'down');
			// Exact: floor(ms / (rate x 60000 x increment)), rate and increment in 1/10^4 units.
			const rateUnits = BigInt(Math.round(Number(rate) * 1e4));
			const incrementUnits = BigInt(Math.round(Number(increment) * 1e4));
			const exact = (BigInt(ms) * 10n ** 8n) / (rateUnits * incrementUnits * 60_000n);
			expect([rate, increment, ms, stepsFor(rule, ms)]).toEqual([
				rate,
				increment,
				ms,
				Number(exact),
			]);
		}
	});

	it('percent thresholds are exact: 80 % of 50 minutes is exactly 40 minutes', () => {
		const eighty = { units: 80, scale: 0 };
		expect(atLeastPercent(40 * 60_000, 50 * 60_000, eighty)).toBe(true);
		expect(atLeastPercent(40 * 60_000 - 1, 50 * 60_000, eighty)).toBe(false);
		expect(atLeastPercent(1, 3, { units: 3333, scale: 2 })).toBe(true);
		expect([percentCut(79_999, 100_000), percentCut(2, 3)]).toEqual([79.99, 66.66]);
	});
});
