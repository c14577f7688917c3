// A small HTTP client for talking to n8n: JSON in, parsed JSON (or text) out, a timeout,
// and the status and headers kept for assertions. No keep-alive, so no socket outlives a
// test (jest would wait for it).
'use strict';

const http = require('http');

function request(url, { method = 'GET', body, headers = {}, timeoutMs = 60_000 } = {}) {
	const outHeaders = { ...headers };
	let payload;
	if (body !== undefined) {
		payload = typeof body === 'string' ? body : JSON.stringify(body);
		if (
			typeof body !== 'string' &&
			!Object.keys(outHeaders).some((h) => h.toLowerCase() === 'content-type')
		) {
			outHeaders['content-type'] = 'application/json';
		}
		outHeaders['content-length'] = Buffer.byteLength(payload);
	}
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{ method, headers: outHeaders, agent: false, timeout: timeoutMs },
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('error', reject);
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let parsed = text;
					if ((res.headers['content-type'] || '').includes('json')) {
						try {
							parsed = JSON.parse(text);
						} catch {
							// keep the text: the assertion will show it
						}
					}
					resolve({ status: res.statusCode, headers: res.headers, body: parsed, text });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
		req.on('error', reject);
		req.end(payload);
	});
}

module.exports = { request };
