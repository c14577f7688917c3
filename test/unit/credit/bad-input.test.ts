import { computeCredits } from '../../../nodes/core/domain/credit';
import { at, inOut, NOW, policyOf, scheduleOf, session, signal } from './cpe-fixtures';

const nasba = policyOf({ type: 'nasba' });
const policies = new Map([[nasba.policy.id, nasba]]);

describe('setup errors are refused before anyone is credited, with paths', () => {
	it('unknown or missing policy ids', () => {
		const schedule = scheduleOf(
			[session('S1', '09:00', '10:00', { creditPolicy: 'nope' }), session('S2', '10:00', '11:00')],
			{ defaultPolicy: undefined },
		);
		const result = computeCredits({ schedule, policies, signals: [], now: NOW });
		expect(result.ok ? [] : result.issues).toEqual([
			{
				path: 'sessions[0].creditPolicy',
				message: 'received unknown policy id "nope"; expected one of "policy"',
			},
			{
				path: 'sessions[1].creditPolicy',
				message: 'missing; expected a policy id here or a defaultPolicy for the schedule',
			},
		]);
	});

	it('a program whose sessions disagree on the policy, or whose id is also a session id', () => {
		const other = policyOf({ type: 'cme', id: 'cme' });
		const schedule = scheduleOf([
			session('S1', '09:00', '09:30', { programId: 'P' }),
			session('S2', '09:30', '10:00', { programId: 'P', creditPolicy: 'cme' }),
			session('S3', '10:00', '10:30', { programId: 'S1' }),
		]);
		const result = computeCredits({
			schedule,
			policies: new Map([
				[nasba.policy.id, nasba],
				[other.policy.id, other],
			]),
			signals: [],
			now: NOW,
		});
		expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual([
			'sessions[1].creditPolicy',
			'sessions',
		]);
	});

	it('an invalid decision time throws', () => {
		const schedule = scheduleOf([session('S1', '09:00', '10:00')]);
		expect(() =>
			computeCredits({ schedule, policies, signals: [], now: new Date('nope') }),
		).toThrow(RangeError);
	});
});

describe('bad signals are reported by index while the rest are credited', () => {
	it('unknown session id, unparseable time, end before start, unknown registration session', () => {
		const schedule = scheduleOf([session('S1', '09:00', '09:50')]);
		const result = computeCredits({
			schedule,
			policies,
			now: NOW,
			signals: [
				...inOut('09:00', '09:50'),
				signal({ kind: 'check_in', at: at('09:00'), sessionId: 'S404', attendeeId: 'b' }),
				signal({ kind: 'check_in', at: '14/05/2026 09:00', attendeeId: 'c' }),
				signal({
					kind: 'manual',
					at: at('09:00'),
					from: at('09:30'),
					until: at('09:10'),
					attendeeId: 'd',
				}),
			],
			registrations: [{ attendeeId: 'e', sessionId: 'S404' }],
		});
		if (!result.ok) throw new Error(JSON.stringify(result.issues));
		expect(result.invalidSignals).toEqual([
			{
				index: 2,
				field: 'sessionId',
				message: 'received unknown session id "S404"; expected one of the schedule\'s session ids',
			},
			{
				index: 3,
				field: 'at',
				message: 'received "14/05/2026 09:00"; expected an ISO-8601 UTC time',
			},
			{
				index: 4,
				field: 'until',
				message: 'received an end that is not after the start; expected an end after the start',
			},
			{ index: 0, field: 'registrations.sessionId', message: 'received unknown session id "S404"' },
		]);
		expect(result.decisions.map((d) => [d.subject.attendeeId, d.outcome, d.credits])).toEqual([
			['a1', 'full_credit', '1'],
		]);
	});
});
