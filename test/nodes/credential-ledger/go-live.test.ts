// Apply Go-Live Mode inside n8n: shadow records what would be issued and sends nothing on to
// Reserve, a mistyped mode stops the run naming the Settings field, assisted opens the review of
// the first N, and the Go-Live Mode option writes the mode on a Reserve.
import type { IDataObject } from 'n8n-workflow';

import {
	ISSUED_PARAMS,
	RESERVE,
	RESERVE_PARAMS,
	chainEntries,
	completionItem,
	derivedKey,
	ledgerFolder,
	ledgerOf,
	runLedger,
} from '../support/credential-ledger';

const RECORD_DECISION = { ...RESERVE_PARAMS, operation: 'recordDecision' };
const GO_LIVE = { resource: 'credential', operation: 'goLive' };
const goLiveOf = (item: { json: IDataObject } | undefined) => item?.json.goLive as IDataObject;

async function decided(folder: string, learners: string[], goLiveMode: string) {
	const run = await runLedger({
		folder,
		items: learners.map((learner) => completionItem(learner)),
		parameters: { ...RECORD_DECISION, decisionOptions: { goLiveMode } },
	});
	expect(run.status).toBe('success');
	return run.outputs[0].map((item) => item.json);
}

describe('Credential Ledger: Apply Go-Live Mode', () => {
	test('shadow: a would_issue entry per learner, goLive.issue false, and a retry adds nothing', async () => {
		const folder = ledgerFolder();
		const items = await decided(folder, ['L-1', 'L-2'], 'shadow');
		const parameters = {
			...GO_LIVE,
			goLiveStep: 'beforeIssuing',
			goLiveMode: 'shadow',
			platform: 'accredible',
			credentialTemplate: 'group-7',
		};
		const run = await runLedger({ folder, items, parameters });
		expect(run.status).toBe('success');
		expect(run.outputs[0].map((item) => goLiveOf(item).issue)).toEqual([false, false]);
		expect(run.outputs[0][0].json.learner).toEqual(items[0].learner);
		const entries = chainEntries(folder);
		expect(entries.map((e) => [e.type, e.key, (e.payload as IDataObject).goLiveMode])).toEqual([
			['decided', derivedKey('L-1'), 'shadow'],
			['decided', derivedKey('L-2'), 'shadow'],
			['would_issue', derivedKey('L-1'), 'shadow'],
			['would_issue', derivedKey('L-2'), 'shadow'],
		]);
		expect(entries[2].payload).toEqual({
			platform: 'accredible',
			credentialTemplate: 'group-7',
			goLiveMode: 'shadow',
		});
		const retried = await runLedger({ folder, items, parameters });
		expect(goLiveOf(retried.outputs[0][0])).toMatchObject({ issue: false, alreadyRecorded: true });
		expect(chainEntries(folder)).toHaveLength(4);
	});

	test('full: goLive.issue true and nothing written; a mistyped mode stops the run naming the field', async () => {
		const folder = ledgerFolder();
		const items = await decided(folder, ['L-1'], 'full');
		const base = { ...GO_LIVE, goLiveStep: 'beforeIssuing', platform: 'accredible' };
		const full = await runLedger({ folder, items, parameters: { ...base, goLiveMode: 'full' } });
		expect(goLiveOf(full.outputs[0][0])).toMatchObject({ mode: 'full', issue: true });
		const typo = await runLedger({ folder, items, parameters: { ...base, goLiveMode: 'shadw' } });
		expect(typo.status).toBe('error');
		expect(typo.error?.message).toMatch(
			/goLiveMode: received "shadw"; expected one of shadow, assisted, monitored, full/,
		);
		expect(chainEntries(folder)).toHaveLength(1);
	});

	test('assisted: the first N issued credentials open a review; Reserve and Issued carry the mode', async () => {
		const folder = ledgerFolder();
		const items = ['L-1', 'L-2', 'L-3'].map((learner) => completionItem(learner));
		const reserved = await runLedger({
			folder,
			items,
			parameters: { ...RESERVE_PARAMS, reserveOptions: { goLiveMode: 'assisted' } },
		});
		const issued = await runLedger({
			folder,
			items: reserved.outputs[RESERVE.new].map((item) => item.json),
			parameters: { ...ISSUED_PARAMS, recordOptions: { goLiveMode: 'assisted' } },
		});
		const checked = await runLedger({
			folder,
			items: issued.outputs[0].map((item) => item.json),
			parameters: {
				...GO_LIVE,
				goLiveStep: 'afterIssuing',
				goLiveMode: 'assisted',
				assistedFirstN: 2,
			},
		});
		expect(checked.status).toBe('success');
		expect(
			checked.outputs[0].map((item) => [goLiveOf(item).check, goLiveOf(item).ordinal]),
		).toEqual([
			['assisted_review', 1],
			['assisted_review', 2],
			['none', 3],
		]);
		expect(ledgerOf(checked.outputs[0][0]).key).toBe(derivedKey('L-1'));
		const entries = chainEntries(folder);
		const modes = (type: string) =>
			entries.filter((e) => e.type === type).map((e) => (e.payload as IDataObject).goLiveMode);
		expect(modes('reserved')).toEqual(['assisted', 'assisted', 'assisted']);
		expect(modes('issued')).toEqual(['assisted', 'assisted', 'assisted']);
		expect(modes('review')).toEqual(['assisted', 'assisted']);
	});
});
