// Types for the plain-Node docs generator, so the unit test can import it.
export interface RenderedPage {
	file: string;
	current: string;
	expected: string;
}
export const TABLES: ReadonlyArray<{ id: string; file: string; registry: string }>;
export function renderPages(registries: Record<string, object>, root?: string): RenderedPage[];
export function findRegistryFiles(root?: string): Record<string, string>;
export function replaceBetweenMarkers(
	text: string,
	id: string,
	table: string,
	file: string,
): string;
