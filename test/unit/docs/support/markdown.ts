// Just enough Markdown reading for the docs tests: headings as GitHub anchors them, and links,
// both outside code blocks and inline code.

/** Text without fenced code blocks and inline code, which hold no headings or links. */
function prose(markdown: string): string {
	return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function anchorOf(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N} _-]/gu, '')
		.replace(/ /g, '-');
}

/** Every anchor a page offers, numbered as GitHub numbers repeated headings. */
export function anchorsOf(markdown: string): Set<string> {
	const seen = new Map<string, number>();
	const anchors = new Set<string>();
	const withoutFences = markdown.replace(/^```[\s\S]*?^```/gm, '');
	for (const match of withoutFences.matchAll(/^#{1,6} (.+)$/gm)) {
		const base = anchorOf(match[1].replace(/`/g, ''));
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		anchors.add(count === 0 ? base : `${base}-${count}`);
	}
	return anchors;
}

/** The targets of every Markdown link on the page. */
export function linksOf(markdown: string): string[] {
	return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);
}
