// Generated parts of the docs live between two HTML comments, so the prose around them stays
// hand-written.
'use strict';

/** The text with everything between `<!-- name:start -->` and `<!-- name:end -->` replaced. */
function replaceBetweenMarkers(text, name, body, file) {
	const start = `<!-- ${name}:start -->`;
	const end = `<!-- ${name}:end -->`;
	const from = text.indexOf(start);
	const to = text.indexOf(end);
	if (from < 0 || to < from || text.indexOf(start, from + 1) >= 0) {
		throw new Error(
			`${file} needs exactly one "${start}" followed by "${end}": add them where the table belongs`,
		);
	}
	return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

module.exports = { replaceBetweenMarkers };
