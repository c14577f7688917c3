// The dashboard's verification lookups: the tiles print the summary Get Metrics reports, counts
// that could not be read are said in words, and a ledger without counts shows no section.
import { dashboardPage } from '../../../nodes/core/domain/dashboard';
import { summariseLookups, type LedgerMetrics } from '../../../nodes/core/domain/ledger';
import { ledgerMetrics } from '../../../nodes/core/domain/ledger/metrics';
import { streamOf } from './support/metrics-ledger';

const PERIOD = { periodStart: '2026-12-01T00:00:00.000Z', periodEnd: '2027-01-01T00:00:00.000Z' };
let metrics: LedgerMetrics;
beforeAll(async () => {
	[metrics] = await ledgerMetrics(streamOf([]), PERIOD);
});

const page = (lookups?: Parameters<typeof dashboardPage>[0]['lookups']) =>
	dashboardPage({ metrics, daily: [], lookups, generatedAt: '2026-12-07T18:00:00.000Z' });

const tile = (html: string, name: string) =>
	new RegExp(`data-metric="${name}">([^<]*)<`).exec(html)?.[1];

it('prints pages, old copies, IDs never issued and status lists served', () => {
	const hour = '2026-12-07T17:00:00.000Z';
	const html = page(
		summariseLookups([
			{ hour, subject: 'valid', count: 40 },
			{ hour, subject: 'revoked', count: 3 },
			{ hour, subject: 'superseded', count: 2 },
			{ hour, subject: 'unknown', count: 4 },
			{ hour, subject: 'malformed', count: 1 },
			{ hour, subject: 'status_list', count: 7 },
		]),
	);
	expect(html).toContain('<h2>Verification lookups</h2>');
	expect(tile(html, 'lookupsTotal')).toBe('50');
	expect(tile(html, 'lookupsOldCopies')).toBe('5');
	expect(tile(html, 'lookupsNotIssued')).toBe('5');
	expect(tile(html, 'statusListFetches')).toBe('7');
});

it('says why when the counts could not be read, escaped', () => {
	const html = page({ unavailable: 'the verification lookup counts could not be read (<EISDIR>)' });
	expect(html).toContain(
		'<p id="lookups-unavailable">the verification lookup counts could not be read (&lt;EISDIR&gt;)</p>',
	);
	expect(tile(html, 'lookupsTotal')).toBeUndefined();
});

it('shows no lookups section for a ledger that does not count them', () => {
	expect(page()).not.toContain('Verification lookups');
});
