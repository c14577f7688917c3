import { creditAmount, creditLines } from '../../../nodes/core/domain/certificate/field-text';
import { parseCertificateInput } from '../../../nodes/core/domain/certificate';
import { sampleInput } from './fixtures';

describe('credit amounts', () => {
	it.each([
		[1, 'CPE credits', '1 CPE credit'],
		['1', 'CPE credits', '1 CPE credit'],
		['1.5', 'CPE credits', '1.5 CPE credits'],
		['1.0', 'CPE credits', '1.0 CPE credits'],
		['0.5', 'CPE credits', '0.5 CPE credits'],
		[2, 'CPE credits', '2 CPE credits'],
		[1, 'CEUs', '1 CEU'],
		[1, 'CLE hours', '1 CLE hour'],
		[1, 'Fortbildungspunkte', '1 Fortbildungspunkte'],
		[1, 'CPE credit', '1 CPE credit'],
	])('%p %s → %s', (credits, unit, expected) => {
		expect(creditAmount(credits, unit)).toBe(expected);
	});

	it('prints one line per field of study with the right number', () => {
		const cert = parseCertificateInput(
			sampleInput({
				credits: [
					{ credits: 1, fieldOfStudy: 'Taxes' },
					{ credits: '1.5', fieldOfStudy: 'Ethics' },
				],
			}),
		);
		expect(creditLines(cert)).toEqual(['1 CPE credit · Taxes', '1.5 CPE credits · Ethics']);
	});
});
