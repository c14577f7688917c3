// The independent Open Badge verifier (test/unit/open-badges/support) for the e2e layer, which
// runs without --experimental-vm-modules: the verifier (ES modules) runs in a plain node process,
// with the TypeScript helper compiled on the fly.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export function verifyInChildProcess(credential: unknown, lists: Record<string, unknown>): unknown {
	const script = `
		const { verifyIndependently } = require(${JSON.stringify(path.join(__dirname, '../../unit/open-badges/support/independent-verifier.ts'))});
		const input = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
		verifyIndependently(input.credential, new Map(Object.entries(input.lists)))
			.then((result) => process.stdout.write(JSON.stringify(result)));`;
	// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions
	const child = spawnSync(
		process.execPath,
		['-r', path.join(__dirname, '../../unit/ledger/support/ts-register.js'), '-e', script],
		{ input: JSON.stringify({ credential, lists }), encoding: 'utf8', timeout: 60_000 },
	);
	if (child.status !== 0) throw new Error(`verifier process failed: ${child.stderr}`);
	return JSON.parse(child.stdout);
}
