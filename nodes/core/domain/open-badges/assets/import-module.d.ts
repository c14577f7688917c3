/** A real dynamic import() of an ES module, by absolute file: URL. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export declare function importModule(url: string): Promise<any>;
