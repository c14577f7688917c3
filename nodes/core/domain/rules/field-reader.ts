import { describeValue, formatPath, type PathSegment, type ValidationIssue } from './issues';
import { normalizeTimestamp } from './timestamps';

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

export interface NumberLimits {
	/** Smallest allowed value (inclusive). */
	min?: number;
	/** Values must be strictly greater than this. */
	above?: number;
}

/**
 * Lenient field readers for data as LMSs send it, collecting issues instead of throwing.
 * Lenient: numeric strings, "true"/"false", numeric ids, epoch times, and blank or null
 * optional fields (read as absent). Strict: anything that changes a decision when misread.
 */
export class FieldReader {
	readonly issues: ValidationIssue[] = [];

	fail(path: ReadonlyArray<PathSegment>, value: unknown, expected: string): undefined {
		const received = value === undefined ? 'missing' : `received ${describeValue(value)}`;
		this.issues.push({ path: formatPath(path), message: `${received}; expected ${expected}` });
		return undefined;
	}

	/** Absent: undefined, null or blank text. */
	isAbsent(value: unknown): boolean {
		return (
			value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
		);
	}

	object(
		value: unknown,
		path: ReadonlyArray<PathSegment>,
		expected: string,
	): Record<string, unknown> | undefined {
		if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
			return value as Record<string, unknown>;
		}
		return this.fail(path, value, expected);
	}

	/** A list; absent reads as undefined without an issue. */
	optionalList(
		value: unknown,
		path: ReadonlyArray<PathSegment>,
		expected: string,
	): unknown[] | undefined {
		if (this.isAbsent(value)) return undefined;
		return Array.isArray(value) ? value : this.fail(path, value, expected);
	}

	text(
		value: unknown,
		path: ReadonlyArray<PathSegment>,
		required: boolean,
		expected = 'text',
	): string | undefined {
		if (this.isAbsent(value)) return required ? this.fail(path, value, expected) : undefined;
		if (typeof value === 'string') return value.trim();
		return this.fail(path, value, expected);
	}

	/** Ids arrive as strings or numbers depending on the LMS; both become trimmed text. */
	id(
		value: unknown,
		path: ReadonlyArray<PathSegment>,
		required: boolean,
		expected: string,
	): string | undefined {
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
		return this.text(value, path, required, expected);
	}

	number(
		value: unknown,
		path: ReadonlyArray<PathSegment>,
		limits: NumberLimits = {},
	): number | undefined {
		if (this.isAbsent(value)) return undefined;
		const expected = describeLimits(limits);
		let parsed: number | undefined;
		if (typeof value === 'number') parsed = value;
		else if (typeof value === 'string' && NUMERIC.test(value.trim())) parsed = Number(value.trim());
		if (parsed === undefined || !Number.isFinite(parsed)) return this.fail(path, value, expected);
		if (limits.min !== undefined && parsed < limits.min) return this.fail(path, value, expected);
		if (limits.above !== undefined && parsed <= limits.above)
			return this.fail(path, value, expected);
		return parsed;
	}

	boolean(value: unknown, path: ReadonlyArray<PathSegment>): boolean | undefined {
		if (this.isAbsent(value)) return undefined;
		if (typeof value === 'boolean') return value;
		if (typeof value === 'string') {
			const word = value.trim().toLowerCase();
			if (word === 'true') return true;
			if (word === 'false') return false;
		}
		return this.fail(path, value, 'true or false');
	}

	/** Case-insensitive choice among fixed values. */
	choice<T extends string>(
		value: unknown,
		path: ReadonlyArray<PathSegment>,
		options: readonly T[],
	): T | undefined {
		const expected = `one of ${options.map((o) => `"${o}"`).join(', ')}`;
		if (typeof value !== 'string') return this.fail(path, value, expected);
		const word = value.trim().toLowerCase();
		return options.find((option) => option === word) ?? this.fail(path, value, expected);
	}

	/** A completion time normalised to UTC, with the value as the source sent it. */
	timestamp(
		value: unknown,
		path: ReadonlyArray<PathSegment>,
	): { utc: string; original: string | number } | undefined {
		if (this.isAbsent(value)) {
			return this.fail(
				path,
				value,
				'the completion time as ISO-8601 with Z or an offset, or epoch seconds or milliseconds',
			);
		}
		if (typeof value !== 'string' && typeof value !== 'number') {
			return this.fail(
				path,
				value,
				'the completion time as ISO-8601 text or epoch seconds or milliseconds',
			);
		}
		const result = normalizeTimestamp(value);
		if (!result.ok) return this.fail(path, value, result.expected);
		return { utc: result.utc, original: value };
	}
}

function describeLimits(limits: NumberLimits): string {
	if (limits.above !== undefined)
		return `a number greater than ${limits.above}, such as 85 or "85.5"`;
	if (limits.min !== undefined) return `a number of at least ${limits.min}, such as 85 or "85.5"`;
	return 'a number such as 85 or "85.5"';
}
