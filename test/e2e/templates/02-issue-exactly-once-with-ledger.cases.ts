// Template 02 in a real n8n: a fresh n8n user folder holds a fresh ledger, so the first Reserve
// is New, the re-sent completion finds it issued, and the chain of three entries verifies; a
// second run, in a new n8n process, finds the credential already issued at the first Reserve.
import * as path from 'node:path';

import type { TemplateCase } from '../support/cases';

const ledgerCredential = { platform: 'demo-platform', externalId: expect.stringMatching(/^demo-/) };

export const cases: TemplateCase = {
	execute: [
		{
			nodeOutputs: {
				'Reserve credential': [{ ledger: { status: 'new', attempt: 1 } }],
				'Record issued': [{ ledger: { recorded: 'issued', seq: 3 } }],
				'Verify ledger': [{ ok: true, entries: 3, keyIds: ['demo-ledger-ed25519'] }],
			},
			check: (_run, output, { userFolder }) => {
				expect(output('Reserve credential', 1)).toEqual([]);
				expect(output('Completion re-sent: Reserve again', 0)).toEqual([]);
				expect(output('Completion re-sent: Reserve again', 1)).toMatchObject([
					{ ledger: { status: 'already_issued', credential: ledgerCredential } },
				]);
				expect(output('Pending: reconcile with the platform')).toBeUndefined();
				// The ledger's default folder is inside n8n's user folder.
				expect(output('Verify ledger')).toMatchObject([
					{ location: path.join(userFolder, '.n8n', 'credential-ledger') },
				]);
			},
		},
		{
			nodeOutputs: {
				'Reserve credential': [],
				'Verify ledger': [{ ok: true, entries: 3 }],
			},
			check: (_run, output) => {
				expect(output('Reserve credential', 1)).toMatchObject([
					{ ledger: { status: 'already_issued', credential: ledgerCredential } },
				]);
				expect(output('Record issued')).toBeUndefined();
			},
		},
	],
};
