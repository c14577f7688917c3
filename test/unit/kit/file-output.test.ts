import { datedFileName, fileNamePart } from '../../../nodes/kit/file-output';

describe('output file names', () => {
	it.each([
		['SPRING-CPE-2026', 'SPRING-CPE-2026'],
		['Spring CPE / 2026', 'Spring-CPE-2026'],
		['../../etc/passwd', '..-..-etc-passwd'],
		['été_2026.v2', '-t-_2026.v2'],
	])('makes %j safe for a file name: %j', (text, expected) => {
		expect(fileNamePart(text)).toBe(expected);
	});

	it('dates a name with the UTC day and adds the extension', () => {
		const at = new Date('2026-06-01T23:30:00-02:00');
		expect(datedFileName('audit-pack-Spring CPE', at, 'zip')).toBe(
			'audit-pack-Spring-CPE-2026-06-02.zip',
		);
	});
});
