// Seconds to make the audit pack (zip) of a 10,000-attendee event from the Credential Ledger,
// against a baseline measured in the same run: the plain auditor CSV export of the same ledger.
// The ledger also holds a 1,000-attendee second event, so the pack really filters. Each
// attendee has four session decisions and twenty signals as private evidence (about 9 KB), was
// reserved and issued; every twentieth certificate is revoked. The ledger is written once into
// a temporary folder (not measured) and removed after. Target: under 300 s.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { report, timedMedian } = require('./support');

const ledger = require(path.resolve(__dirname, '../dist/nodes/core/domain/ledger'));
const { EmbeddedStore } = require(
	path.resolve(__dirname, '../dist/nodes/core/integrations/ledger-storage'),
);

const ATTENDEES = Number(process.env.AUDIT_PACK_ATTENDEES ?? 10_000);
const EVENT = 'SPRING-CPE-2026';
const OTHER = 'FALL-CPE-2026';
const RULE_HASH = 'a'.repeat(64);
const SESSIONS = ['KEY', 'A1', 'B2', 'C3'];
const AT = '2026-05-20T10:00:00.000Z';

function sessionDecision(attendeeId, sessionId) {
	return {
		subject: { attendeeId, sessionId, sessionIds: [sessionId] },
		outcome: 'full_credit',
		credits: '1',
		maxCredits: '1',
		attendedMinutes: 50,
		contentMinutes: 50,
		attendedPercent: 100,
		deliveryMethod: 'group-live',
		fieldOfStudy: 'Auditing',
		windowsUsed: [
			{
				sessionId,
				start: '2026-05-14T14:00:00.000Z',
				end: '2026-05-14T14:50:00.000Z',
				sources: ['badge-scan'],
			},
		],
		reasons: [{ code: 'FULL_ATTENDANCE', detail: 'all content attended' }],
		dataPoints: { attendedMinutes: 50 },
		ruleSetId: 'nasba-fifths',
		ruleVersion: '2026.1',
		ruleHash: RULE_HASH,
		decidedAt: AT,
	};
}

/** The drafts and evidence of one attendee: decided (with evidence), reserved, issued, maybe revoked. */
function attendee(eventId, n) {
	const attendeeId = `A-${eventId}-${String(n).padStart(6, '0')}`;
	const key = ledger.deriveAttendeeEventKey({ attendeeId, eventId });
	const signals = Array.from({ length: 20 }, (_, i) => ({
		attendeeId,
		sessionId: SESSIONS[i % 4],
		kind: i % 2 === 0 ? 'check_in' : 'check_out',
		at: new Date(Date.UTC(2026, 4, 14, 14, i * 3)).toISOString(),
		source: 'badge-scan',
		confidence: 1,
		raw: { scanner: `door-${i % 3}`, badge: attendeeId },
	}));
	const evidenceFile = {
		attendeeId,
		eventId,
		decisions: SESSIONS.map((s) => sessionDecision(attendeeId, s)),
		signals,
	};
	const sealed = ledger.sealEvidence({ attendeeName: `Attendee ${n}`, evidenceFile });
	const decision = {
		subject: { learnerId: attendeeId, courseId: eventId, eventId, sessionIds: SESSIONS },
		outcome: 'full_credit',
		credits: '4',
		ruleSetId: 'nasba-fifths',
		ruleVersion: '2026.1',
		ruleHash: RULE_HASH,
		decidedAt: AT,
	};
	const draft = (type, payload, extra = {}) => ({
		type,
		key,
		at: AT,
		actor: 'bench',
		payload,
		...extra,
	});
	const drafts = [
		draft('decided', decision, { evidenceHash: sealed.hash }),
		draft('reserved', { attempt: 1, pendingTimeoutMs: 900_000 }),
		draft('issued', {
			platform: 'certificate-pdf',
			externalId: `CERT-${eventId}-${n}`,
			attempt: 1,
			attributes: { sha256: ledger.sealEvidence(n).hash },
		}),
	];
	if (n % 20 === 0)
		drafts.push(
			draft('revoked', { reason: 'attendance disputed', operator: 'auditor', revokedAt: AT }),
		);
	return { sealed, drafts };
}

async function seed(store) {
	const all = [
		...Array.from({ length: ATTENDEES }, (_, n) => [EVENT, n]),
		...Array.from({ length: Math.round(ATTENDEES / 10) }, (_, n) => [OTHER, n]),
	];
	for (let i = 0; i < all.length; i += 1000) {
		await store.transact(async (view) => {
			const drafts = [];
			for (const [eventId, n] of all.slice(i, i + 1000)) {
				const { sealed, drafts: own } = attendee(eventId, n);
				await view.putEvidence(sealed.hash, sealed.record);
				drafts.push(...own);
			}
			return { drafts, value: undefined };
		});
	}
}

async function main() {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-pack-bench-'));
	try {
		const signer = ledger.hmacSigner({ keyId: 'bench', secret: 'bench-secret-0123456789abcdef' });
		const store = await EmbeddedStore.open({ folder, signer, durability: 'write' });
		try {
			const seeding = Date.now();
			await seed(store);
			console.log(
				`# ledger written in ${((Date.now() - seeding) / 1000).toFixed(1)} s (not measured)`,
			);
			console.log(
				`# peak RSS after writing the ledger ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
			);
			const credentialLedger = new ledger.CredentialLedger({ store });
			// One round each: the pack alone is several seconds, and the bench stays under ~30 s.
			const pack = await timedMedian(
				() => credentialLedger.auditPack({ eventId: EVENT, generatedAt: new Date(AT) }),
				1,
			);
			const { zip, summary } = pack.result;
			if (summary.attendees !== ATTENDEES || summary.evidence.present !== ATTENDEES)
				throw new Error(`unexpected pack: ${JSON.stringify(summary)}`);
			if (summary.files.length !== ATTENDEES + 6) throw new Error('wrong file count in the zip');
			const baseline = await timedMedian(() => credentialLedger.exportCsv(), 1);
			console.log(
				`# ${ATTENDEES} attendees (+${Math.round(ATTENDEES / 10)} of another event): zip ${(zip.length / 1e6).toFixed(1)} MB, ${summary.rosterRows} roster rows, ${summary.certificates.revoked} revoked; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB, writing the ledger included`,
			);
			report(`audit-pack-${ATTENDEES / 1000}k`, pack.seconds, 's', baseline.seconds);
		} finally {
			await store.close();
		}
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
