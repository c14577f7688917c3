export declare const SAMPLE_TOKEN: string;
export declare const SAMPLE_ORGANIZATION_ID: string;
export declare const SAMPLE_TEMPLATES: ReadonlyArray<{
	id: string;
	name: string;
	description: string;
	state: 'active' | 'archived' | 'draft';
	allow_duplicate_badges?: boolean;
}>;
