export interface MoodleSimHandle {
	name: string;
	url: string;
	port: number;
	stop(): Promise<void>;
}
export declare function startMoodleSimulator(options?: { port?: number }): Promise<MoodleSimHandle>;
export declare const SERVICE_FUNCTIONS: string[];
