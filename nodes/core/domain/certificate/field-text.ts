import { sumCredits } from '../credit/decimal';
import type { Certificate, CreditLine } from './model';

/** The Standards' own names for delivery methods; anything else is printed as given. */
const DELIVERY_METHODS: Record<string, string> = {
	'group-live': 'Group Live',
	'group-internet': 'Group Internet Based',
	'self-study': 'QAS Self Study',
	nano: 'Nano Learning',
	blended: 'Blended Learning',
};

export function deliveryMethodLabel(method: string | undefined): string | undefined {
	if (!method) return undefined;
	return DELIVERY_METHODS[method.toLowerCase()] ?? method;
}

/**
 * The amount with its unit: "1 CPE credit", "1.5 CPE credits". The unit is configured in the
 * plural; exactly "1" (English plural rules: integer one, no decimals shown, so "1.0 credits")
 * drops the plural s of its last word ("CEUs" → "CEU", "CLE hours" → "CLE hour").
 */
export function creditAmount(credits: CreditLine['credits'], unit: string): string {
	const amount = String(credits).trim();
	const singular = amount === '1' && /[^s]s$/.test(unit) ? unit.slice(0, -1) : unit;
	return `${amount} ${singular}`;
}

/** One line per field of study: "2.8 CPE credits · Accounting". */
export function creditLines(cert: Certificate): string[] {
	return cert.credits.map((line) => {
		const amount = creditAmount(line.credits, cert.creditUnit);
		return line.fieldOfStudy ? `${amount} · ${line.fieldOfStudy}` : amount;
	});
}

/** Sum of the credit lines in exact decimal, as text. */
export function totalCredits(cert: Certificate): string {
	return sumCredits(cert.credits.map((line) => line.credits));
}

const dateFormats = new Map<string, Intl.DateTimeFormat | null>();

function dateFormat(language: string): Intl.DateTimeFormat | null {
	let format = dateFormats.get(language);
	if (format === undefined) {
		try {
			format = new Intl.DateTimeFormat(language, {
				day: 'numeric',
				month: 'long',
				year: 'numeric',
				timeZone: 'UTC',
			});
		} catch {
			format = null;
		}
		dateFormats.set(language, format);
	}
	return format;
}

/** A date as "14 May 2026" in the certificate's language; date-only values are not shifted. */
export function formatDate(value: string, language: string): string {
	const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
	const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
	if (Number.isNaN(date.getTime())) return value;
	return dateFormat(language)?.format(date) ?? date.toISOString().slice(0, 10);
}

export function datesText(cert: Certificate): string {
	const end = formatDate(cert.completedOn, cert.language);
	if (!cert.startedOn) return end;
	const start = formatDate(cert.startedOn, cert.language);
	return start === end ? end : `${start} – ${end}`;
}

export function supersessionText(cert: Certificate): string | undefined {
	if (!cert.supersedes) return undefined;
	const reason = cert.supersedes.reason ? ` (${cert.supersedes.reason})` : '';
	return `Reissued: this certificate supersedes certificate ${cert.supersedes.certificateId}${reason}, which is no longer valid.`;
}

export function footerText(cert: Certificate, templateVersion: string): string {
	return [
		`Certificate ID ${cert.certificateId}`,
		`Issued ${cert.issuedAt}`,
		`Template ${templateVersion}`,
		cert.decisionRef,
	]
		.filter(Boolean)
		.join('  ·  ');
}
