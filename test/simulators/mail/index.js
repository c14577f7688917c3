'use strict';
// The mail sink as one registry entry: an SMTP server that keeps every message in memory
// (default port 5725) and an HTTP control server (default port 5726):
//   GET  /__control/messages  { total, messages: [{ id, from, to, subject, attachments, ... }] }
//   POST /__control/reset     forgets every message and every refusal
//   POST /__control/refuse    { recipients: ["a@b.org"] } or { all: true }: RCPT answers 550 for
//                             them (a mail server refusing the address) until DELETE /__control/refuse
//   POST /__control/hang      new SMTP connections get no greeting (a hanging mail server): nothing
//                             is received until DELETE /__control/hang greets them; GET says how
//                             many wait ({ hanging, held })
//   GET  /__control/health
// start({ port }) → { name: 'mail', url, urls: { mail, smtp }, env, stop() }; port 0 = free ports.
// Run alone with `node test/simulators/mail/index.js`.

const http = require('node:http');

const { startSmtpSink } = require('./smtp-sink');

const DEFAULT_PORTS = { smtp: 5725, control: 5726 };
// Demo login the sink accepts (AUTH is optional; a wrong login is refused).
const MAIL_USER = 'conference-mailer';
const MAIL_PASSWORD = 'sim-mail-password';

/** The message list without the raw source (GET /__control/messages?raw=1 includes it). */
function view(messages, withRaw) {
	return messages.map(({ raw, ...rest }) => (withRaw ? { ...rest, raw } : rest));
}

/** Which recipients the SMTP side refuses; addresses compared case-insensitively. */
function refusals() {
	const recipients = new Set();
	let all = false;
	return {
		refuses: (address) => all || recipients.has(address.toLowerCase()),
		set(body) {
			const listed = body.recipients ?? [];
			if (!Array.isArray(listed) || listed.some((r) => typeof r !== 'string'))
				return 'recipients must be an array of email addresses';
			for (const recipient of listed) recipients.add(recipient.toLowerCase());
			all = all || body.all === true;
			return null;
		},
		clear() {
			recipients.clear();
			all = false;
		},
		view: () => ({ all, recipients: [...recipients] }),
	};
}

/** The hang switch: while on, the SMTP side withholds its greeting from new connections. */
function hangSwitch() {
	let hanging = false;
	/** @type {{ held(): number, release(): void } | null} */
	let smtp = null;
	return {
		holds: () => hanging,
		attach(sink) {
			smtp = sink;
		},
		set(on) {
			hanging = on;
			if (!on) smtp?.release();
			return this.view();
		},
		view: () => ({ hanging, held: smtp?.held() ?? 0 }),
	};
}

function startControl(port, messages, refused, hang) {
	const server = http.createServer((req, res) => {
		const url = new URL(req.url || '/', 'http://127.0.0.1');
		const json = (status, body) => {
			const payload = JSON.stringify(body);
			res.writeHead(status, {
				'content-type': 'application/json; charset=utf-8',
				'content-length': Buffer.byteLength(payload),
			});
			res.end(payload);
		};
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (chunk) => {
			body += chunk;
		});
		req.on('end', () => {
			const route = `${req.method} ${url.pathname.replace(/\/$/, '')}`;
			if (route === 'GET /__control/health') return json(200, { name: 'mail', ok: true });
			if (route === 'GET /__control/messages') {
				const list = view(messages, url.searchParams.get('raw') === '1');
				return json(200, { total: list.length, messages: list });
			}
			if (route === 'POST /__control/reset') {
				messages.length = 0;
				refused.clear();
				hang.set(false);
				return json(200, { reset: true });
			}
			if (route === 'GET /__control/hang') return json(200, hang.view());
			if (route === 'POST /__control/hang') return json(200, hang.set(true));
			if (route === 'DELETE /__control/hang') return json(200, hang.set(false));
			if (route === 'POST /__control/refuse') {
				let parsed;
				try {
					parsed = JSON.parse(body || '{}');
				} catch {
					return json(400, {
						error: 'the body must be JSON: { "recipients": [...] } or { "all": true }',
					});
				}
				const problem = refused.set(parsed ?? {});
				return problem ? json(400, { error: problem }) : json(200, refused.view());
			}
			if (route === 'DELETE /__control/refuse') {
				refused.clear();
				return json(200, refused.view());
			}
			return json(404, { error: 'unknown control endpoint' });
		});
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve(server);
		});
	});
}

/** @param {{ port?: number }} [options] port 0 = free ports, absent = default ports */
async function start(options = {}) {
	const free = options.port === 0;
	/** @type {any[]} */
	const messages = [];
	const refused = refusals();
	const hang = hangSwitch();
	const smtp = await startSmtpSink({
		port: free ? 0 : DEFAULT_PORTS.smtp,
		user: MAIL_USER,
		password: MAIL_PASSWORD,
		onMessage: (message) => messages.push(message),
		refuses: refused.refuses,
		holds: hang.holds,
	});
	hang.attach(smtp);
	let control;
	try {
		control = await startControl(free ? 0 : DEFAULT_PORTS.control, messages, refused, hang);
	} catch (error) {
		await smtp.close();
		throw error;
	}
	const url = `http://127.0.0.1:${control.address().port}`;
	const smtpUrl = `smtp://127.0.0.1:${smtp.port}`;
	return {
		name: 'mail',
		url,
		urls: { mail: url, smtp: smtpUrl },
		env: { MAIL_SIM_URL: url, MAIL_SIM_SMTP_URL: smtpUrl },
		messages,
		stop: async () => {
			control.closeAllConnections?.();
			await Promise.all([
				smtp.close(),
				new Promise((done) => control.close(() => done(undefined))),
			]);
		},
	};
}

async function main() {
	const sink = await start();
	console.log(`mail sink  ${sink.urls.smtp}   user=${MAIL_USER}  password=${MAIL_PASSWORD}`);
	console.log(
		`control    ${sink.url}/__control/messages (GET), /__control/reset (POST). Ctrl-C to stop.`,
	);
	const stop = () => sink.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

module.exports = { start, DEFAULT_PORTS, MAIL_USER, MAIL_PASSWORD };
