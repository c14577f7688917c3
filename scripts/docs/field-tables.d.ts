// Types for the plain-Node field-table generator, so the tests can import it.
import type { RenderedPage } from './reason-code-tables';

/** A node or credential property as far as the table reads it. */
export interface DocumentedProperty {
	displayName: string;
	name: string;
	type: string;
	default?: unknown;
	required?: boolean;
	description?: string;
	displayOptions?: { show?: Record<string, unknown[]> };
	options?: Array<{ name: string; value?: unknown; displayName?: string; values?: unknown[] }>;
}
export function fieldsTable(properties: readonly object[]): string;
export function renderFieldPages(
	kind: 'nodes' | 'credentials',
	properties: Record<string, readonly object[]>,
	root?: string,
): RenderedPage[];
export function shippedNames(root?: string): { nodes: string[]; credentials: string[] };
