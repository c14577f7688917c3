// A separate process working on a shared ledger folder, driven by tests through argv:
//   node worker.js <command> <json options>
// Prints one JSON line per result on stdout.
require('./ts-register');
const path = require('node:path');

const ledgerModule = require(
	path.resolve(__dirname, '../../../../nodes/core/domain/ledger/index.ts'),
);
const storageModule = require(
	path.resolve(__dirname, '../../../../nodes/core/integrations/ledger-storage/index.ts'),
);

async function main() {
	const [command, json] = process.argv.slice(2);
	const options = JSON.parse(json);
	const signer = ledgerModule.hmacSigner({ keyId: 'k1', secret: options.secret });
	const store = options.pgUrl
		? await storageModule.PostgresStore.open({
				pool: new (require('pg').Pool)({ connectionString: options.pgUrl, max: 4 }),
				ownsPool: true,
				signer,
				tablePrefix: options.tablePrefix,
			})
		: await storageModule.EmbeddedStore.open({
				folder: options.folder,
				signer,
				durability: options.durability ?? 'write',
			});
	const ledger = new ledgerModule.CredentialLedger({ store });
	if (options.barrier) await waitForGo();
	if (command === 'reserve-many') {
		// Reserve each key, then "issue" the new ones, all in parallel within this process too.
		const results = await Promise.all(
			options.keys.map(async (key) => {
				const result = await ledger.reserve(key, options.decision, {
					actor: `worker-${options.id}`,
				});
				if (result.status === 'new') {
					await ledger.record(
						key,
						'issued',
						{ platform: 'sim', externalId: `${key}-by-${options.id}` },
						`worker-${options.id}`,
					);
				}
				return { key, status: result.status };
			}),
		);
		process.stdout.write(`${JSON.stringify(results)}\n`);
		process.stdin.destroy();
	} else if (command === 'append-many') {
		for (let i = 0; i < options.count; i++) {
			await store.append([
				{
					type: 'review',
					key: `w${options.id}`,
					at: new Date().toISOString(),
					actor: `worker-${options.id}`,
					payload: { reason: `note ${i}` },
				},
			]);
		}
		process.stdout.write('{"done":true}\n');
		process.stdin.destroy();
	} else if (command === 'reserve-then-hang') {
		// Crash simulation: reserve, tell the parent, then wait to be killed before recording.
		// The reservation's timeout (pendingTimeoutMs) is what a later Reserve judges it by.
		const result = await ledger.reserve(options.key, options.decision, {
			actor: 'crashing-run',
			pendingTimeoutMs: options.pendingTimeoutMs,
		});
		if (options.platformFile && result.status === 'new') {
			// The platform accepted the credential, but the run dies before recording it.
			require('node:fs').appendFileSync(
				options.platformFile,
				`${JSON.stringify({ key: options.key, externalId: 'crashed-run-credential' })}\n`,
			);
		}
		process.stdout.write(`${JSON.stringify(result)}\n`);
		setInterval(() => undefined, 1000);
		return;
	} else {
		throw new Error(`unknown command ${command}`);
	}
	await store.close();
}

/** Loading takes a moment: every worker reports ready and starts only when all are. */
function waitForGo() {
	process.stdout.write('{"ready":true}\n');
	return new Promise((resolve) => {
		process.stdin.on('data', (chunk) => {
			if (chunk.toString().includes('go')) resolve();
		});
	});
}

main().catch((error) => {
	process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
	process.exit(1);
});
