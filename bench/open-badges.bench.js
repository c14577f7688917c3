// How many Open Badges 3.0 credentials one core signs per second: status entry, credential
// building and an eddsa-rdfc-2022 Data Integrity proof (JSON-LD expansion and RDF dataset
// canonicalisation of the credential and the proof options, then Ed25519). The baseline is a
// bare Ed25519 signature of the same credential's JSON bytes: what the signature alone costs.
// Target: at least 100 credentials per second.
const crypto = require('node:crypto');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const { medianOfRuns, report } = require('./support');

const built = path.resolve(__dirname, '../dist/nodes/core/domain/open-badges');
const badges = require(built);

const COUNT = 300;
const STATUS_BASE = 'https://verify.example.org/webhook/badges/status';

const request = badges.checkBadgeRequest({
	achievement: {
		name: 'Safe Lifting Basics',
		description: 'Completed the Safe Lifting Basics course with a passing score.',
		criteria: 'Pass the final assessment with at least 80%.',
		image: 'https://badges.example.org/images/safe-lifting.png',
	},
	recipient: { email: 'learner@example.org', learnerId: 'learner-42' },
	issuer: { name: 'Example Training Ltd' },
	issuedOn: '2026-03-01T10:00:00Z',
	evidenceUrl: 'https://verify.example.org/certificates/CERT-42',
	creditsEarned: 2,
});

async function main() {
	const { privateKey } = crypto.generateKeyPairSync('ed25519');
	const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
	const key = await badges.loadIssuerKey({ privateKey: pem, identity: { method: 'key' } });
	const credentialFor = (i) =>
		badges.buildAchievementCredential(request, key.did, badges.statusEntriesFor(STATUS_BASE, i));
	for (let i = 0; i < 20; i++) await badges.signCredential(credentialFor(i), key); // warm-up

	const signSeconds = await medianOfRuns(async (round) => {
		const start = performance.now();
		for (let i = 0; i < COUNT; i++) {
			const signed = await badges.signCredential(credentialFor(round * COUNT + i), key);
			if (!Array.isArray(signed.proof)) throw new Error('no proof');
		}
		return (performance.now() - start) / 1000;
	});
	const bytes = Array.from({ length: COUNT }, (_, i) =>
		Buffer.from(JSON.stringify(credentialFor(i))),
	);
	const bareSeconds = await medianOfRuns(async () => {
		const start = performance.now();
		for (const data of bytes) crypto.sign(null, data, privateKey);
		return (performance.now() - start) / 1000;
	});
	report('open-badges-per-second', COUNT / signSeconds, 'credentials/s', COUNT / bareSeconds);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
