// The mail sink speaks SMTP the way a mail client expects: a whole conversation (EHLO, AUTH,
// MAIL, RCPT, DATA with dot-stuffing, an attachment) lands in the control API, and commands out
// of order or a wrong login get the 5xx replies RFC 5321 / 4954 prescribe.
import { connect, type Socket } from 'node:net';

import { MAIL_PASSWORD, MAIL_USER, start, type MailSinkHandle } from '../../simulators/mail';

let sink: MailSinkHandle;

beforeAll(async () => {
	sink = await start({ port: 0 });
});
afterAll(async () => {
	await sink.stop();
});
beforeEach(async () => {
	const res = await fetch(`${sink.urls.mail}/__control/reset`, { method: 'POST' });
	expect(res.status).toBe(200);
});

/** A line-based SMTP client: send() writes one command and resolves to the full reply. */
async function smtpSession() {
	const { hostname, port } = new URL(sink.urls.smtp);
	const socket: Socket = connect(Number(port), hostname);
	let buffer = '';
	let waiting: ((reply: string) => void) | null = null;
	// A reply is complete at a line whose code is followed by a space (not "250-").
	const take = () => {
		const match = /(^|\r\n)\d{3} [^\r\n]*\r\n/.exec(buffer);
		if (!match || !waiting) return;
		const end = match.index + match[0].length;
		const reply = buffer.slice(0, end).trimEnd();
		buffer = buffer.slice(end);
		const resolve = waiting;
		waiting = null;
		resolve(reply);
	};
	socket.setEncoding('latin1');
	socket.on('data', (chunk: string) => {
		buffer += chunk;
		take();
	});
	const next = () =>
		new Promise<string>((resolve) => {
			waiting = resolve;
			take();
		});
	const greeting = await next();
	return {
		greeting,
		send(line: string) {
			const reply = next();
			socket.write(`${line}\r\n`);
			return reply;
		},
		close: () => new Promise<void>((resolve) => socket.end(resolve)),
	};
}

const code = (reply: string) => reply.slice(0, 3);
const b64 = (text: string) => Buffer.from(text).toString('base64');

async function messages() {
	const res = await fetch(`${sink.urls.mail}/__control/messages?raw=1`);
	return ((await res.json()) as { messages: Array<Record<string, unknown>> }).messages;
}

test('a full conversation with AUTH PLAIN, dot-stuffing and a PDF attachment is recorded', async () => {
	const pdf = Buffer.from('%PDF-1.7\n% a tiny stand-in for a certificate\n%%EOF\n');
	const body = [
		'From: CPE desk <cpe@example.org>',
		'To: ada@example.com',
		'Subject: =?UTF-8?Q?Your_CPE_certificate_=E2=80=93_KEY?=',
		'MIME-Version: 1.0',
		'Content-Type: multipart/mixed; boundary="--b1"',
		'',
		'----b1',
		'Content-Type: text/plain; charset=utf-8',
		'',
		'Hello Ada,',
		'..a line that starts with a dot (stuffed by the client)',
		'----b1',
		'Content-Type: application/pdf; name=certificate.pdf',
		'Content-Transfer-Encoding: base64',
		'Content-Disposition: attachment; filename=certificate.pdf',
		'',
		pdf.toString('base64'),
		'----b1--',
	];
	const smtp = await smtpSession();
	expect(code(smtp.greeting)).toBe('220');
	const ehlo = await smtp.send('EHLO client.example');
	expect(ehlo.split('\r\n').map((line) => line.slice(4))).toContain('AUTH PLAIN LOGIN');
	expect(ehlo).not.toMatch(/STARTTLS/);
	expect(code(await smtp.send(`AUTH PLAIN ${b64(`\0${MAIL_USER}\0${MAIL_PASSWORD}`)}`))).toBe(
		'235',
	);
	expect(code(await smtp.send('MAIL FROM:<cpe@example.org> SIZE=1000'))).toBe('250');
	expect(code(await smtp.send('RCPT TO:<ada@example.com>'))).toBe('250');
	expect(code(await smtp.send('RCPT TO:<audit@example.org>'))).toBe('250');
	expect(code(await smtp.send('DATA'))).toBe('354');
	expect(await smtp.send(`${body.join('\r\n')}\r\n.`)).toMatch(/^250 .*queued as sink-\d+/);
	expect(code(await smtp.send('QUIT'))).toBe('221');
	await smtp.close();

	const [message] = await messages();
	expect(message).toMatchObject({
		from: 'cpe@example.org',
		to: ['ada@example.com', 'audit@example.org'],
		subject: 'Your CPE certificate – KEY',
		authenticatedAs: MAIL_USER,
		attachments: [
			{ filename: 'certificate.pdf', contentType: 'application/pdf', size: pdf.length },
		],
	});
	expect(message.raw).toContain('\r\n.a line that starts with a dot');
	expect(message.raw).not.toContain('..a line');
	// The list without ?raw=1 leaves the source out.
	const plain = (await (await fetch(`${sink.urls.mail}/__control/messages`)).json()) as {
		total: number;
		messages: Array<Record<string, unknown>>;
	};
	expect(plain.total).toBe(1);
	expect(plain.messages[0]).not.toHaveProperty('raw');
});

test('AUTH LOGIN in steps, RSET drops the transaction, NOOP and HELO work', async () => {
	const smtp = await smtpSession();
	expect(code(await smtp.send('HELO client.example'))).toBe('250');
	expect(await smtp.send('AUTH LOGIN')).toBe('334 VXNlcm5hbWU6');
	expect(await smtp.send(b64(MAIL_USER))).toBe('334 UGFzc3dvcmQ6');
	expect(code(await smtp.send(b64(MAIL_PASSWORD)))).toBe('235');
	expect(code(await smtp.send('MAIL FROM:<a@example.org>'))).toBe('250');
	expect(code(await smtp.send('RSET'))).toBe('250');
	expect(code(await smtp.send('NOOP'))).toBe('250');
	// After RSET a new transaction may start; no MAIL means no RCPT.
	expect(await smtp.send('RCPT TO:<b@example.org>')).toMatch(/^503 5\.5\.1 /);
	expect(code(await smtp.send('MAIL FROM:<>'))).toBe('250');
	expect(code(await smtp.send('RCPT TO:<b@example.org>'))).toBe('250');
	expect(code(await smtp.send('DATA'))).toBe('354');
	expect(code(await smtp.send('Subject: bounce\r\n\r\nno attachments\r\n.'))).toBe('250');
	await smtp.send('QUIT');
	await smtp.close();
	expect(await messages()).toEqual([
		expect.objectContaining({
			from: '',
			to: ['b@example.org'],
			subject: 'bounce',
			attachments: [],
		}),
	]);
});

test('commands out of sequence, bad syntax, a wrong login and STARTTLS get 5xx replies', async () => {
	const smtp = await smtpSession();
	expect(await smtp.send('MAIL FROM:<a@example.org>')).toMatch(/^503 5\.5\.1 .*EHLO/);
	expect(await smtp.send('AUTH PLAIN')).toMatch(/^503 /);
	expect(await smtp.send('EHLO')).toMatch(/^501 /);
	expect(code(await smtp.send('EHLO client.example'))).toBe('250');
	expect(await smtp.send('STARTTLS')).toMatch(/^502 /);
	expect(await smtp.send('AUTH CRAM-MD5')).toMatch(/^504 /);
	expect(await smtp.send(`AUTH PLAIN ${b64(`\0${MAIL_USER}\0wrong`)}`)).toMatch(/^535 5\.7\.8 /);
	expect(await smtp.send('DATA')).toMatch(/^503 5\.5\.1 .*MAIL/);
	expect(await smtp.send('MAIL FROM:a@example.org')).toMatch(/^501 /);
	expect(code(await smtp.send('MAIL FROM:<a@example.org>'))).toBe('250');
	expect(await smtp.send('MAIL FROM:<a@example.org>')).toMatch(/^503 5\.5\.1 .*nested/);
	expect(await smtp.send('DATA')).toMatch(/^503 5\.5\.1 .*RCPT/);
	expect(await smtp.send('BOGUS')).toMatch(/^500 /);
	await smtp.send('QUIT');
	await smtp.close();
	expect(await messages()).toEqual([]);
});

test('the control API answers 404 for unknown endpoints', async () => {
	const res = await fetch(`${sink.urls.mail}/__control/nope`);
	expect(res.status).toBe(404);
});

async function refuse(body: unknown, method = 'POST') {
	return await fetch(`${sink.urls.mail}/__control/refuse`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: method === 'POST' ? JSON.stringify(body) : undefined,
	});
}

test('a refused recipient gets 550 at RCPT until the refusal is lifted; others are still accepted', async () => {
	expect((await refuse({ recipients: ['Gone@Example.org'] })).status).toBe(200);
	const smtp = await smtpSession();
	expect(code(await smtp.send('EHLO client.example'))).toBe('250');
	expect(code(await smtp.send('MAIL FROM:<a@example.org>'))).toBe('250');
	expect(await smtp.send('RCPT TO:<gone@example.org>')).toMatch(/^550 5\.1\.1 /);
	expect(await smtp.send('DATA')).toMatch(/^503 5\.5\.1 .*RCPT/);
	expect(code(await smtp.send('RCPT TO:<here@example.org>'))).toBe('250');
	expect(code(await smtp.send('DATA'))).toBe('354');
	expect(code(await smtp.send('Subject: kept\r\n\r\nhello\r\n.'))).toBe('250');
	expect((await refuse(undefined, 'DELETE')).status).toBe(200);
	expect(code(await smtp.send('MAIL FROM:<a@example.org>'))).toBe('250');
	expect(code(await smtp.send('RCPT TO:<gone@example.org>'))).toBe('250');
	await smtp.send('QUIT');
	await smtp.close();
	expect((await messages()).map((m) => m.to)).toEqual([['here@example.org']]);
});

test('refusing everyone, and a refusal the control API cannot read, are answered clearly', async () => {
	expect((await refuse({ all: true })).status).toBe(200);
	const smtp = await smtpSession();
	await smtp.send('EHLO client.example');
	await smtp.send('MAIL FROM:<a@example.org>');
	expect(code(await smtp.send('RCPT TO:<anyone@example.org>'))).toBe('550');
	await smtp.send('QUIT');
	await smtp.close();
	// A reset forgets the refusals with the messages.
	await fetch(`${sink.urls.mail}/__control/reset`, { method: 'POST' });
	const bad = await refuse({ recipients: 'gone@example.org' });
	expect(bad.status).toBe(400);
	expect(((await bad.json()) as { error: string }).error).toMatch(/recipients must be an array/);
	const after = await smtpSession();
	await after.send('EHLO client.example');
	await after.send('MAIL FROM:<a@example.org>');
	expect(code(await after.send('RCPT TO:<anyone@example.org>'))).toBe('250');
	await after.send('QUIT');
	await after.close();
});

test('a hanging sink greets no new connection and receives nothing until released', async () => {
	const hang = async (method: string) =>
		(await (await fetch(`${sink.urls.mail}/__control/hang`, { method })).json()) as {
			hanging: boolean;
			held: number;
		};
	expect(await hang('POST')).toEqual({ hanging: true, held: 0 });
	let greeted = false;
	const session = smtpSession().then((smtp) => {
		greeted = true;
		return smtp;
	});
	await new Promise((resolve) => setTimeout(resolve, 300));
	expect(greeted).toBe(false);
	expect(await hang('GET')).toEqual({ hanging: true, held: 1 });
	expect(await hang('DELETE')).toEqual({ hanging: false, held: 0 });
	const smtp = await session;
	expect(smtp.greeting).toMatch(/^220 /);
	await smtp.send('EHLO client.example');
	await smtp.send('MAIL FROM:<a@example.org>');
	await smtp.send('RCPT TO:<late@example.org>');
	await smtp.send('DATA');
	expect(code(await smtp.send('Subject: late\r\n\r\nhello\r\n.'))).toBe('250');
	await smtp.send('QUIT');
	await smtp.close();
	expect((await messages()).map((m) => m.to)).toEqual([['late@example.org']]);
});
