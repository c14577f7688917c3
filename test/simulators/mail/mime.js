'use strict';
// Just enough MIME to list what a message carries: headers (unfolded, RFC 2047 words decoded),
// multipart bodies walked recursively, and every part with a filename or an `attachment`
// disposition reported as an attachment with its decoded size.

/** @param {string} text */
function splitHead(text) {
	const match = /\r?\n\r?\n/.exec(text);
	if (!match) return { head: text, body: '' };
	return { head: text.slice(0, match.index), body: text.slice(match.index + match[0].length) };
}

/** Header names lower-cased; folded lines joined; the first occurrence wins. */
function parseHeaders(head) {
	/** @type {Record<string, string>} */
	const headers = {};
	const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
	for (const line of unfolded.split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		const name = line.slice(0, colon).trim().toLowerCase();
		if (!(name in headers)) headers[name] = line.slice(colon + 1).trim();
	}
	return headers;
}

/** Encoded words (=?utf-8?B?...?= / =?utf-8?Q?...?=) as nodemailer writes long or non-ASCII values. */
function decodeWords(value) {
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_all, _charset, encoding, text) => {
			if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
			const bytes = text
				.replace(/_/g, ' ')
				.replace(/=([0-9A-Fa-f]{2})/g, (_m, hex) => String.fromCharCode(parseInt(hex, 16)));
			return Buffer.from(bytes, 'latin1').toString('utf8');
		});
}

/** `type/subtype; a=1; b="x"` → { value, params }; RFC 2231 continuations (name*0*=) joined. */
function parseParams(header = '') {
	const [value, ...rest] = header.split(';');
	/** @type {Record<string, string>} */
	const params = {};
	/** @type {Record<string, string[]>} */
	const continued = {};
	for (const part of rest) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		let key = part.slice(0, eq).trim().toLowerCase();
		let val = part
			.slice(eq + 1)
			.trim()
			.replace(/^"(.*)"$/, '$1');
		const star = /^([^*]+)\*(\d+)?\*?$/.exec(key);
		if (star) {
			key = star[1];
			if (/\*$/.test(part.slice(0, eq).trim())) {
				val = decodeURIComponent(val.replace(/^[^']*'[^']*'/, ''));
			}
			(continued[key] ||= [])[Number(star[2] || 0)] = val;
			continue;
		}
		params[key] = decodeWords(val);
	}
	for (const [key, pieces] of Object.entries(continued)) params[key] = pieces.join('');
	return { value: value.trim().toLowerCase(), params };
}

function decodedSize(body, encoding = '') {
	const enc = encoding.trim().toLowerCase();
	if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').length;
	if (enc === 'quoted-printable') {
		const soft = body.replace(/=\r?\n/g, '');
		return Buffer.from(
			soft.replace(/=([0-9A-Fa-f]{2})/g, (_m, hex) => String.fromCharCode(parseInt(hex, 16))),
			'latin1',
		).length;
	}
	return Buffer.byteLength(body.replace(/\r?\n$/, ''), 'latin1');
}

/** Every leaf part that is an attachment, depth first. */
function collectAttachments(headers, body, out) {
	const type = parseParams(headers['content-type'] || 'text/plain');
	if (type.value.startsWith('multipart/') && type.params.boundary) {
		const delimiter = `--${type.params.boundary}`;
		const sections = body.split(new RegExp(`\\r?\\n?${escapeRegExp(delimiter)}`));
		// sections[0] is the preamble; the one starting with "--" is the epilogue.
		for (const section of sections.slice(1)) {
			if (section.startsWith('--')) break;
			const part = splitHead(section.replace(/^[ \t]*\r?\n/, ''));
			collectAttachments(parseHeaders(part.head), part.body, out);
		}
		return out;
	}
	const disposition = parseParams(headers['content-disposition'] || '');
	const filename = disposition.params.filename || type.params.name;
	if (disposition.value === 'attachment' || filename) {
		out.push({
			filename: filename || null,
			contentType: type.value,
			size: decodedSize(body, headers['content-transfer-encoding']),
		});
	}
	return out;
}

function escapeRegExp(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * @param {string} raw the message as received after DATA (dot-unstuffed)
 * @returns {{ subject: string | null, headers: Record<string, string>, attachments: Array<{ filename: string | null, contentType: string, size: number }> }}
 */
function parseMessage(raw) {
	const { head, body } = splitHead(raw);
	const headers = parseHeaders(head);
	return {
		subject: headers.subject === undefined ? null : decodeWords(headers.subject),
		headers,
		attachments: collectAttachments(headers, body, []),
	};
}

module.exports = { parseMessage, parseParams, decodeWords };
