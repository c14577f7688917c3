export interface MoodleSimHandle {
	name: string;
	url: string;
	port: number;
	stop(): Promise<void>;
}
export declare function startMoodleSimulator(options?: { port?: number }): Promise<MoodleSimHandle>;
export declare const SERVICE_FUNCTIONS: string[];
/** A course outside the sample data, for tests to add with /__control/seed. */
export declare const NEW_COURSE: { id: number; shortname: string; fullname: string } & Record<
	string,
	unknown
>;
