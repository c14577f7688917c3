// Drives an n8n review form (Wait node "On Form Submitted") as a browser would: the link comes
// from the reviewer's email, GET shows the form, and the answer is a multipart POST of the
// fields in form order, named field-0, field-1, ... (n8n 1.x and 2.x alike; 2.x signs the link).
import type { Instance } from './harness';

/** Mail bodies are quoted-printable: soft line breaks would cut the link, "=3D" hide its "=". */
export function decodeQuotedPrintable(text: string): string {
	return text
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The form link of a message, on the server's current address (a restart may change its port). */
export function formLink(n8n: Instance, rawMessage: string): string {
	const match = /https?:\/\/\S+\/form-waiting\/\S+/.exec(decodeQuotedPrintable(rawMessage));
	if (!match) throw new Error(`no form link in the message:\n${rawMessage.slice(0, 2000)}`);
	const link = new URL(match[0]);
	return `${n8n.baseUrl.replace(/\/$/, '')}${link.pathname}${link.search}`;
}

export async function openForm(link: string): Promise<{ status: number; html: string }> {
	const response = await fetch(link);
	return { status: response.status, html: await response.text() };
}

/**
 * Posts the answers in the order of the form's fields; with `timeoutMs`, 0 when n8n has not
 * answered by then.
 */
export async function submitForm(
	link: string,
	answers: string[],
	timeoutMs?: number,
): Promise<number> {
	const form = new FormData();
	answers.forEach((value, index) => form.append(`field-${index}`, value));
	try {
		const response = await fetch(link, {
			method: 'POST',
			body: form,
			signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
		});
		await response.text();
		return response.status;
	} catch (error) {
		if (timeoutMs && (error as Error).name === 'TimeoutError') return 0;
		throw error;
	}
}
