import type { PublicCredentialView, PublicStatusCode } from '../ledger/public-view';

/** An HTTP answer a webhook can send as is. */
export interface VerificationResponse {
	statusCode: number;
	contentType: string;
	body: string;
}

interface StatusLook {
	heading: string;
	explanation: string;
	/** Text and background colours with at least 4.5:1 contrast (WCAG AA). */
	colour: string;
	background: string;
	httpStatus: number;
}

const LOOKS: Record<PublicStatusCode, StatusLook> = {
	valid: {
		heading: 'Valid',
		explanation: 'This certificate was issued as shown and has not been revoked or replaced.',
		colour: '#ffffff',
		background: '#1b6e35',
		httpStatus: 200,
	},
	revoked: {
		heading: 'Revoked',
		explanation: 'The issuer revoked this certificate. It is no longer valid.',
		colour: '#ffffff',
		background: '#a4161a',
		httpStatus: 200,
	},
	superseded: {
		heading: 'Superseded',
		explanation: 'A corrected certificate replaced this one. Only the replacement is valid.',
		colour: '#1f1f1f',
		background: '#f2c14e',
		httpStatus: 200,
	},
	expired: {
		heading: 'Expired',
		explanation: 'This certificate was valid until its expiry date, which has passed.',
		colour: '#1f1f1f',
		background: '#f2c14e',
		httpStatus: 200,
	},
	erased: {
		heading: 'Erased',
		explanation:
			'The record of this certificate was erased at the end of its retention period. It can no longer be confirmed.',
		colour: '#ffffff',
		background: '#4a4a4a',
		httpStatus: 200,
	},
	unknown: {
		heading: 'Not found',
		explanation: 'No certificate with this ID was issued. Check the ID printed on the certificate.',
		colour: '#ffffff',
		background: '#4a4a4a',
		httpStatus: 404,
	},
	malformed: {
		heading: 'Not a certificate ID',
		explanation: 'This is not a certificate ID.',
		colour: '#ffffff',
		background: '#4a4a4a',
		httpStatus: 400,
	},
};

const REVOCATION_WORDS: Record<string, string> = {
	issued_in_error: 'issued in error',
	requirements_not_met: 'requirements not met',
	misconduct: 'misconduct',
	holder_request: 'at the holder’s request',
	other: 'other reasons',
	unspecified: 'not stated',
};

/** The HTTP status a verification answer carries: 404 unknown, 400 malformed, else 200. */
export function httpStatusOf(view: PublicCredentialView): number {
	return LOOKS[view.status].httpStatus;
}

/**
 * Whether the caller asked for JSON rather than a page: an Accept header that names
 * application/json (or +json) ahead of text/html, as machines send it; browsers name HTML first.
 */
export function prefersJson(accept: unknown): boolean {
	const header = typeof accept === 'string' ? accept.slice(0, 1024).toLowerCase() : '';
	const json = header.search(/application\/(?:[\w.-]+\+)?json/);
	if (json < 0) return false;
	const html = header.indexOf('text/html');
	return html < 0 || json < html;
}

/** The answer for one lookup: JSON for machines, an HTML page for people. */
export function verificationResponse(
	view: PublicCredentialView,
	accept: unknown,
): VerificationResponse {
	const statusCode = httpStatusOf(view);
	if (prefersJson(accept))
		return {
			statusCode,
			contentType: 'application/json; charset=utf-8',
			body: JSON.stringify(view),
		};
	return { statusCode, contentType: 'text/html; charset=utf-8', body: verificationPage(view) };
}

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** "10 January 2026" from an ISO date; the text itself if it is not one. */
function dateText(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	return date.toLocaleDateString('en-GB', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC',
	});
}

function detailRows(view: PublicCredentialView): Array<[string, string]> {
	const rows: Array<[string, string | undefined]> = [
		['Certificate ID', view.certificateId],
		['Holder', view.holderName],
		['Credential', view.credentialTitle],
		['Issuer', view.issuer],
		['Issued on', view.issuedOn && dateText(view.issuedOn)],
		['Expires on', view.expiresOn && dateText(view.expiresOn)],
		[
			'Credits',
			view.credits
				?.map((c) =>
					[c.credits, c.unit, c.fieldOfStudy && `(${c.fieldOfStudy})`].filter(Boolean).join(' '),
				)
				.join('; '),
		],
		[
			'Revoked on',
			view.revocation &&
				`${dateText(view.revocation.revokedAt)}, reason: ${REVOCATION_WORDS[view.revocation.category]}`,
		],
		['Superseded on', view.supersededBy && dateText(view.supersededBy.supersededAt)],
	];
	return rows.filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '');
}

/** A self-contained page: inline styles only, no script, font or image from anywhere. */
export function verificationPage(view: PublicCredentialView): string {
	const look = LOOKS[view.status];
	const rows = detailRows(view)
		.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`)
		.join('');
	const notes: string[] = [];
	if (view.problem) notes.push(`<p>${escapeHtml(view.problem)}.</p>`);
	if (view.supersededBy?.certificateId) {
		// Relative to this page's own address, so the link works behind any base URL.
		const next = encodeURIComponent(view.supersededBy.certificateId);
		notes.push(
			`<p><a id="replacement" href="./${next}">See the replacement certificate ${escapeHtml(view.supersededBy.certificateId)}</a></p>`,
		);
	}
	if (view.personalDataErased && view.status !== 'erased')
		notes.push('<p>The holder’s personal data was erased at the end of its retention period.</p>');
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(look.heading)}: certificate ${escapeHtml(view.certificateId)}</title>
<style>
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f1f1f;background:#f5f5f5}
main{max-width:40rem;margin:0 auto;padding:1rem}
.status{margin:1rem 0;padding:1.25rem;border-radius:.5rem;color:${look.colour};background:${look.background}}
.status h1{margin:0;font-size:2rem}
.status p{margin:.5rem 0 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1rem;background:#fff;padding:1rem;border-radius:.5rem;margin:0}
dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere}
a{color:#0b4f9c}
footer{margin-top:1rem;font-size:.875rem;color:#4a4a4a}
@media (max-width:30rem){dl{grid-template-columns:1fr}dd{margin-bottom:.5rem}}
</style>
</head>
<body>
<main>
<p>Certificate verification</p>
<section class="status" role="status" aria-live="polite" data-status="${view.status}">
<h1 id="status">${escapeHtml(look.heading)}</h1>
<p>${escapeHtml(look.explanation)}</p>
</section>
${notes.join('\n')}
${rows ? `<dl>${rows}</dl>` : ''}
<footer>Checked ${escapeHtml(dateText(view.checkedAt))} against the issuer’s signed credential ledger.</footer>
</main>
</body>
</html>
`;
}
