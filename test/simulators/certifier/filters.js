'use strict';
// Certifier search filters: AND / OR / NOT around field conditions such as
// {recipient: {email: {equals: "a@b.c"}}} with equals, contains, startsWith, endsWith, in.

const OPERATORS = {
	equals: (a, b) => a === b,
	contains: (a, b) => typeof a === 'string' && a.includes(b),
	startsWith: (a, b) => typeof a === 'string' && a.startsWith(b),
	endsWith: (a, b) => typeof a === 'string' && a.endsWith(b),
	in: (a, b) => Array.isArray(b) && b.includes(a),
};

// [inferred] groupId as a searchable field; status and recipient fields are the confirmed ones.
const FIELDS = new Set([
	'id',
	'publicId',
	'status',
	'groupId',
	'recipient.name',
	'recipient.email',
	'issueDate',
	'expiryDate',
	'createdAt',
	'updatedAt',
]);

/**
 * Compiles a filter into a predicate over the public credential view; throws with a message
 * naming the bad part.
 * @param {any} filter @returns {(c: Record<string, any>) => boolean}
 */
function compileFilter(filter, path = 'filter') {
	if (filter === undefined || filter === null) return () => true;
	if (typeof filter !== 'object' || Array.isArray(filter))
		throw new Error(`${path} must be an object`);
	/** @type {Array<(c: Record<string, any>) => boolean>} */
	const tests = [];
	for (const [key, value] of Object.entries(filter)) {
		if (key === 'AND' || key === 'OR') {
			if (!Array.isArray(value)) throw new Error(`${path}.${key} must be a list`);
			const parts = value.map((part, i) => compileFilter(part, `${path}.${key}[${i}]`));
			tests.push(key === 'AND' ? (c) => parts.every((p) => p(c)) : (c) => parts.some((p) => p(c)));
		} else if (key === 'NOT') {
			const parts = (Array.isArray(value) ? value : [value]).map((part, i) =>
				compileFilter(part, `${path}.NOT[${i}]`),
			);
			tests.push((c) => !parts.some((p) => p(c)));
		} else {
			tests.push(compileField(key, value, `${path}.${key}`));
		}
	}
	return (c) => tests.every((t) => t(c));
}

/** @param {string} field @param {any} condition @param {string} path */
function compileField(field, condition, path) {
	if (typeof condition !== 'object' || condition === null)
		throw new Error(`${path} must be an object`);
	const operators = Object.keys(condition).filter((k) => k in OPERATORS);
	if (operators.length === 0) {
		// Nested field: {recipient: {email: {...}}}.
		const tests = Object.entries(condition).map(([sub, value]) =>
			compileField(`${field}.${sub}`, value, `${path}.${sub}`),
		);
		return (c) => tests.every((t) => t(c));
	}
	if (!FIELDS.has(field)) throw new Error(`${path}: ${field} is not a searchable field`);
	const unknown = Object.keys(condition).filter((k) => !(k in OPERATORS));
	if (unknown.length > 0) throw new Error(`${path}: unknown operator ${unknown[0]}`);
	// [inferred] email matching ignores case, as email addresses do.
	const fold =
		field === 'recipient.email'
			? (v) => (typeof v === 'string' ? v.toLowerCase() : Array.isArray(v) ? v.map(fold) : v)
			: (v) => v;
	return (c) => {
		const actual = fold(field.split('.').reduce((o, k) => (o == null ? undefined : o[k]), c));
		return operators.every((op) => OPERATORS[op](actual, fold(condition[op])));
	};
}

module.exports = { compileFilter };
