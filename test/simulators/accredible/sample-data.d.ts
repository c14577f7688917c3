export declare const SAMPLE_API_KEY: string;
export declare const SAMPLE_GROUPS: ReadonlyArray<{ id: number; name: string }>;
