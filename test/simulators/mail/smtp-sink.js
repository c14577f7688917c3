'use strict';
// An SMTP sink: accepts mail on 127.0.0.1 and keeps it in memory, speaking the subset of
// RFC 5321 a mail client such as nodemailer needs: EHLO/HELO, AUTH PLAIN/LOGIN (optional; a
// wrong login is refused), MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT. No TLS:
// STARTTLS is neither advertised nor accepted, so clients must connect in plain text. A recipient
// the `refuses` option names is refused at RCPT with 550, as a real server refuses a mailbox.
// While `holds()` is true a new connection gets no greeting (a mail server that hangs): it waits,
// nothing is received, until `release()` greets every held connection.

const net = require('node:net');

const { parseMessage } = require('./mime');

const MAX_LINE = 4096;
const MAX_MESSAGE = 25 * 1024 * 1024;

/**
 * @typedef {object} StoredMessage
 * @property {string} id
 * @property {string} from
 * @property {string[]} to
 * @property {string | null} subject
 * @property {Array<{ filename: string | null, contentType: string, size: number }>} attachments
 * @property {number} size
 * @property {string | null} authenticatedAs
 * @property {string} receivedAt
 * @property {string} raw
 */

const reply = {
	greeting: (host) => `220 ${host} ESMTP mail sink ready`,
	ok: '250 2.0.0 OK',
	bye: '221 2.0.0 Bye',
	badSequence: (what) => `503 5.5.1 Bad sequence of commands: ${what}`,
	syntax: (what) => `501 5.5.4 Syntax error: ${what}`,
	unknown: '500 5.5.2 Command not recognized',
	noTls: '502 5.5.1 STARTTLS not offered: connect without TLS',
	authOk: '235 2.7.0 Authentication successful',
	authBad: '535 5.7.8 Authentication credentials invalid',
	authMechanism: '504 5.5.4 Unrecognized authentication type (PLAIN and LOGIN are offered)',
	tooBig: '552 5.3.4 Message too big',
	lineTooLong: '500 5.5.2 Line too long',
	refused: '550 5.1.1 Mailbox unavailable: recipient refused',
};

/** `FROM:<a@b> SIZE=1` → 'a@b'; null when the path is not in angle brackets. */
function reversePath(argument, keyword) {
	const match = new RegExp(`^${keyword}:\\s*<([^>]*)>(?:\\s.*)?$`, 'i').exec(argument);
	return match ? match[1] : null;
}

/**
 * @param {{ host?: string, port?: number, user?: string, password?: string, onMessage: (m: StoredMessage) => void, refuses?: (recipient: string) => boolean, holds?: () => boolean }} options
 * @returns {Promise<{ port: number, held(): number, release(): void, close(): Promise<void> }>}
 */
function startSmtpSink(options) {
	const host = options.host || '127.0.0.1';
	let sequence = 0;
	const sockets = new Set();
	/** Greetings withheld while the sink hangs, one per waiting connection. */
	const withheld = new Map();

	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => {
			sockets.delete(socket);
			withheld.delete(socket);
		});
		socket.on('error', () => socket.destroy());
		socket.setEncoding('latin1');
		const session = {
			greeted: false,
			/** @type {string | null} */ user: null,
			/** @type {null | { mechanism: 'PLAIN' } | { mechanism: 'LOGIN', user?: string }} */ auth: null,
			/** @type {string | null} */ from: null,
			/** @type {string[]} */ to: [],
			/** @type {string[] | null} */ data: null,
			dataSize: 0,
			tooBig: false,
		};
		let buffer = '';
		const write = (line) => {
			if (!socket.destroyed) socket.write(`${line}\r\n`);
		};
		const resetTransaction = () => {
			session.from = null;
			session.to = [];
			session.data = null;
			session.dataSize = 0;
			session.tooBig = false;
		};

		const finishAuth = (user, password) => {
			session.auth = null;
			if (user === options.user && password === options.password) {
				session.user = user;
				write(reply.authOk);
			} else write(reply.authBad);
		};

		const decode = (text) => Buffer.from(text.trim(), 'base64').toString('utf8');

		const authStep = (line) => {
			const auth = /** @type {NonNullable<typeof session.auth>} */ (session.auth);
			if (line.trim() === '*') {
				session.auth = null;
				return write('501 5.7.0 Authentication cancelled');
			}
			if (auth.mechanism === 'PLAIN') {
				const [, user, password] = decode(line).split('\u0000');
				return finishAuth(user, password);
			}
			if (auth.user === undefined) {
				auth.user = decode(line);
				return write('334 UGFzc3dvcmQ6');
			}
			return finishAuth(auth.user, decode(line));
		};

		const startAuth = (argument) => {
			if (!session.greeted) return write(reply.badSequence('send EHLO first'));
			if (session.user) return write(reply.badSequence('already authenticated'));
			if (session.from) return write(reply.badSequence('AUTH inside a mail transaction'));
			const [mechanism = '', initial] = argument.split(/\s+/);
			if (mechanism.toUpperCase() === 'PLAIN') {
				session.auth = { mechanism: 'PLAIN' };
				return initial ? authStep(initial) : write('334 ');
			}
			if (mechanism.toUpperCase() === 'LOGIN') {
				session.auth = { mechanism: 'LOGIN' };
				return initial ? authStep(initial) : write('334 VXNlcm5hbWU6');
			}
			return write(reply.authMechanism);
		};

		const command = (line) => {
			const space = line.indexOf(' ');
			const verb = (space < 0 ? line : line.slice(0, space)).toUpperCase();
			const argument = space < 0 ? '' : line.slice(space + 1).trim();
			switch (verb) {
				case 'EHLO':
				case 'HELO':
					if (!argument) return write(reply.syntax(`${verb} needs a domain`));
					resetTransaction();
					session.greeted = true;
					if (verb === 'HELO') return write(`250 ${host}`);
					return write(
						[
							`250-${host} greets ${argument}`,
							'250-8BITMIME',
							`250-SIZE ${MAX_MESSAGE}`,
							'250 AUTH PLAIN LOGIN',
						].join('\r\n'),
					);
				case 'AUTH':
					return startAuth(argument);
				case 'MAIL': {
					if (!session.greeted) return write(reply.badSequence('send EHLO or HELO first'));
					if (session.from !== null) return write(reply.badSequence('nested MAIL command'));
					const from = reversePath(argument, 'FROM');
					if (from === null) return write(reply.syntax('use MAIL FROM:<address>'));
					session.from = from;
					return write('250 2.1.0 Sender OK');
				}
				case 'RCPT': {
					if (session.from === null) return write(reply.badSequence('need MAIL before RCPT'));
					const to = reversePath(argument, 'TO');
					if (!to) return write(reply.syntax('use RCPT TO:<address>'));
					if (options.refuses?.(to)) return write(reply.refused);
					session.to.push(to);
					return write('250 2.1.5 Recipient OK');
				}
				case 'DATA':
					if (session.from === null) return write(reply.badSequence('need MAIL before DATA'));
					if (!session.to.length) return write(reply.badSequence('need RCPT before DATA'));
					session.data = [];
					return write('354 End data with <CR><LF>.<CR><LF>');
				case 'RSET':
					resetTransaction();
					return write(reply.ok);
				case 'NOOP':
					return write(reply.ok);
				case 'VRFY':
					return write('252 2.5.2 Cannot verify, will accept');
				case 'STARTTLS':
					return write(reply.noTls);
				case 'QUIT':
					write(reply.bye);
					return socket.end();
				default:
					return write(reply.unknown);
			}
		};

		const endData = () => {
			const lines = /** @type {string[]} */ (session.data);
			if (session.tooBig) {
				resetTransaction();
				return write(reply.tooBig);
			}
			const raw = lines.join('\r\n') + '\r\n';
			const parsed = parseMessage(raw);
			sequence += 1;
			const id = `sink-${String(sequence).padStart(6, '0')}`;
			options.onMessage({
				id,
				from: /** @type {string} */ (session.from),
				to: [...session.to],
				subject: parsed.subject,
				attachments: parsed.attachments,
				size: Buffer.byteLength(raw, 'latin1'),
				authenticatedAs: session.user,
				receivedAt: new Date().toISOString(),
				raw,
			});
			resetTransaction();
			write(`250 2.0.0 OK: queued as ${id}`);
		};

		const onLine = (line) => {
			if (session.data) {
				if (line === '.') return endData();
				// Dot-stuffing (RFC 5321 4.5.2): a leading dot was doubled by the client.
				const content = line.startsWith('.') ? line.slice(1) : line;
				session.dataSize += content.length + 2;
				if (session.dataSize > MAX_MESSAGE) session.tooBig = true;
				else session.data.push(content);
				return;
			}
			if (session.auth) return authStep(line);
			return command(line);
		};

		socket.on('data', (chunk) => {
			buffer += chunk;
			let newline;
			while ((newline = buffer.indexOf('\n')) >= 0) {
				const line = buffer.slice(0, newline).replace(/\r$/, '');
				buffer = buffer.slice(newline + 1);
				onLine(line);
			}
			if (buffer.length > MAX_LINE && !session.data) {
				buffer = '';
				write(reply.lineTooLong);
			}
		});
		if (options.holds?.()) withheld.set(socket, () => write(reply.greeting(host)));
		else write(reply.greeting(host));
	});

	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve({
				port: /** @type {import('node:net').AddressInfo} */ (server.address()).port,
				held: () => withheld.size,
				release: () => {
					const greetings = [...withheld.values()];
					withheld.clear();
					for (const greet of greetings) greet();
				},
				close: () =>
					new Promise((done) => {
						for (const socket of sockets) socket.destroy();
						server.close(() => done(undefined));
					}),
			});
		});
	});
}

module.exports = { startSmtpSink };
