'use strict';
// The platforms accept several date spellings; store them as YYYY-MM-DD or ISO instants.

/**
 * Reads YYYY-MM-DD, "YYYY-MM-DD HH:MM:SS ±ZZZZ", DD/MM/YYYY or ISO-8601.
 * @param {unknown} value @returns {Date | null}
 */
function parseLenientDate(value) {
	if (typeof value !== 'string' || value.trim() === '') return null;
	const text = value.trim();
	let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (m) return validDate(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`);
	m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
	if (m) return validDate(`${m[3]}-${m[2]}-${m[1]}T00:00:00Z`);
	m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.\d+)?\s*([+-])(\d{2}):?(\d{2})$/.exec(text);
	if (m) return validDate(`${m[1]}T${m[2]}${m[3]}${m[4]}:${m[5]}`);
	return validDate(text);
}

/** @param {string} text */
function validDate(text) {
	const date = new Date(text);
	return Number.isNaN(date.getTime()) ? null : date;
}

/** @param {Date} date */
const dateOnly = (date) => date.toISOString().slice(0, 10);

/** Today (UTC), YYYY-MM-DD. */
const today = () => dateOnly(new Date());

module.exports = { parseLenientDate, dateOnly, today };
