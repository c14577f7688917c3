// Every node's input parsing as the fuzz suite drives it: rule sets (JSON/YAML), completion events
// (parsed and judged), attendance (CSV, rows, Zoom reports and webhooks), schedules, credit
// policies, certificate fields and platform issue requests. The ledger has its own file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';

import {
	parseAttendanceCsv,
	parseAttendanceRows,
	parseSchedule,
	parseScheduleCsv,
	parseZoomParticipantReport,
	parseZoomWebhook,
} from '../../../../nodes/core/domain/attendance';
import { CertificateError, renderCertificate } from '../../../../nodes/core/domain/certificate';
import { parseCreditPolicies, parseCreditPolicyText } from '../../../../nodes/core/domain/credit';
import { PlatformError } from '../../../../nodes/core/integrations/platforms';
import { parseIssueRequest } from '../../../../nodes/core/integrations/platforms/issue-request';
import {
	parseCompletionRuleSetText,
	parseVerificationInput,
	verifyCompletion,
} from '../../../../nodes/core/domain/rules';
import type { CertificateInput } from '../../../../nodes/core/domain/certificate';
import { sampleInput } from '../../certificate/fixtures';
import {
	PROTOTYPE_KEYS,
	bodyAround,
	mutationOf,
	nastyKey,
	nastyString,
	objectOf,
} from './adversarial';
import { messagesOf, parserTarget } from './parser-check';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures');
const text = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');
const json = (path: string): unknown => JSON.parse(text(path));

/** Text around a valid text: adversarial bodies, read as UTF-8 like n8n reads a binary file. */
const textAround = (valid: unknown) => bodyAround(valid).map((body) => body.toString('utf8'));

const ruleSetText = text('rule-sets/completion-rules.yaml');
const ruleSet = parseCompletionRuleSetText(ruleSetText);
if (!ruleSet.ok) throw new Error('the rule-set fixture is invalid');

/** YAML that tries prototype keys, merge keys and alias bombs. */
const HOSTILE_YAML = [
	'__proto__:\n  polluted: yes\nid: r\nversion: 1\ncourses: {}',
	'constructor:\n  prototype:\n    polluted: yes\nid: r\nversion: 1\ncourses: {}',
	'id: r\nversion: 1\ncourses:\n  __proto__:\n    passingScore: 1\n  constructor:\n    passingScore: 1',
	'base: &b {polluted: yes}\n__proto__:\n  <<: *b\nid: r\nversion: 1\ncourses: {}',
	'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
	'!!js/function "function () { return 1 }"',
	'id: !!binary AAAA\nversion: 1',
	'\uFEFFid: r\nversion: 1\ncourses: {}',
	'id: "r\u0000"\nversion: 1\ncourses: {}',
];

const schedule = parseSchedule(json('cpe/schedule.json'));
if (!schedule.ok) throw new Error('the schedule fixture is invalid');

/** Mappings whose keys and values a user types: prototype names included. */
const mapping = fc
	.array(fc.tuple(nastyKey(), nastyString()), { maxLength: 4 })
	.map((entries) => objectOf(entries) as Record<string, string>);

const attendanceOptions = fc.record({
	columns: mapping,
	identityMap: mapping,
	sessionIdByMeetingId: mapping,
	timezone: fc.constantFrom(undefined, 'America/Chicago', 'Not/AZone', '__proto__', ''),
	dateOrder: fc.constantFrom(undefined, 'MDY', 'DMY'),
	confidence: fc.constantFrom(undefined, 0, 1, -1, 2, Number.NaN),
});
type AttendanceFuzzOptions = typeof attendanceOptions extends fc.Arbitrary<infer O> ? O : never;
const optionsFor = (extra: AttendanceFuzzOptions) => ({
	...extra,
	schedule,
	source: 'badge',
});

/** A CSV header row with prototype names or random names in place of the real ones. */
const csvWithHostileHeader = fc
	.array(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), nastyString()), {
		minLength: 1,
		maxLength: 8,
	})
	.map((header) => {
		const rows = text('cpe/badge-scans.csv').split('\n').slice(1, 4);
		return [header.map((name) => `"${name.replace(/"/g, '""')}"`).join(','), ...rows].join('\n');
	});

const issuePlatforms = fc.constantFrom(
	'accredible' as const,
	'credly' as const,
	'certifier' as const,
);
const validIssue = {
	templateId: '12472',
	recipient: { name: 'Ada Lovelace', email: 'Ada@Example.COM', id: 'lms-42' },
	issuedOn: '2025-05-01',
	attributes: { Location: 'London' },
};

export const PARSERS = [
	parserTarget({
		name: 'rule set text (JSON or YAML)',
		input: fc.oneof(
			textAround(ruleSet.ruleSet),
			fc.constantFrom(...HOSTILE_YAML),
			fc.nat({ max: ruleSetText.length }).map((at) => ruleSetText.slice(0, at)),
		),
		run: (input: string) => messagesOf(parseCompletionRuleSetText(input)),
	}),
	parserTarget({
		name: 'completion event, parsed and judged against the rule set',
		input: mutationOf(json('completions/completion-event.json')),
		run: (input: unknown) => {
			const parsed = parseVerificationInput(input);
			if (!parsed.ok) return messagesOf(parsed);
			const decision = verifyCompletion(parsed.value, ruleSet, { now: new Date('2026-01-01') });
			return decision.reasons.map((reason) => reason.detail);
		},
	}),
	parserTarget({
		name: 'attendance CSV',
		input: fc.tuple(
			fc.oneof(textAround(text('cpe/badge-scans.csv')), csvWithHostileHeader),
			attendanceOptions,
		),
		run: ([input, options]: [string, AttendanceFuzzOptions]) =>
			messagesOf(parseAttendanceCsv(input, optionsFor(options))),
	}),
	parserTarget({
		name: 'attendance rows (items)',
		input: fc.tuple(
			fc.array(
				mutationOf({ 'Badge ID': '1001', Session: 'KEY', 'Scan Time': '2026-05-14 08:27' }),
				{
					maxLength: 4,
				},
			),
			attendanceOptions,
		),
		run: ([rows, options]: [unknown[], AttendanceFuzzOptions]) =>
			messagesOf(parseAttendanceRows(rows as Array<Record<string, unknown>>, optionsFor(options))),
	}),
	parserTarget({
		name: 'Zoom participant report',
		input: fc.tuple(mutationOf(json('cpe/zoom-webinar-report.json')), attendanceOptions),
		run: ([input, options]: [unknown, AttendanceFuzzOptions]) =>
			messagesOf(parseZoomParticipantReport(input, { ...optionsFor(options), sessionId: 'A1' })),
	}),
	parserTarget({
		name: 'Zoom participant webhooks',
		input: fc.tuple(mutationOf(json('cpe/zoom-webhooks.json')), attendanceOptions),
		run: ([input, options]: [unknown, AttendanceFuzzOptions]) =>
			messagesOf(parseZoomWebhook(input, optionsFor(options))),
	}),
	parserTarget({
		name: 'schedule (JSON)',
		input: mutationOf(json('cpe/schedule.json')),
		run: (input: unknown) => messagesOf(parseSchedule(input)),
	}),
	parserTarget({
		name: 'schedule CSV',
		input: textAround(text('cpe/schedule.csv')),
		run: (input: string) => messagesOf(parseScheduleCsv(input, { timezone: 'America/Chicago' })),
	}),
	parserTarget({
		name: 'credit policies (JSON text and parsed)',
		input: fc.oneof(
			textAround(json('cpe/policies.json')),
			mutationOf(json('cpe/policies.json')).map((value) => JSON.stringify(value) ?? ''),
		),
		run: (input: string) => {
			let parsed: unknown;
			try {
				parsed = JSON.parse(input);
			} catch {
				return messagesOf(parseCreditPolicyText(input));
			}
			return messagesOf(parseCreditPolicies(parsed));
		},
	}),
	parserTarget({
		name: 'certificate fields, rendered',
		input: mutationOf(sampleInput()),
		run: async (input: unknown) => {
			await renderCertificate(input as CertificateInput);
			return [];
		},
		ownErrors: [CertificateError],
		numRuns: 25,
	}),
	parserTarget({
		name: 'platform issue request',
		input: fc.tuple(mutationOf(validIssue), issuePlatforms),
		run: ([input, platform]: [unknown, 'accredible' | 'credly' | 'certifier']) => {
			parseIssueRequest(input, platform);
			return [];
		},
		ownErrors: [PlatformError],
	}),
];
