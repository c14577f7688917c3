// Types for the JavaScript simulators, so TypeScript tests can start and drive them.

export interface SimOptions {
	/** 0 (default in tests) picks a free port. */
	port?: number;
	host?: string;
	/** Platform milliseconds per real millisecond, for rate-limit windows and Retry-After. */
	timeScale?: number;
	/** Seed of the deterministic id generator. */
	seed?: number;
	/** Load the sample groups / templates (default true). */
	sample?: boolean;
	webhookUrl?: string;
	webhookSecret?: string;
	/** The key or token the simulator accepts (default: the sample one). */
	apiKey?: string;
}

export interface SimHandle {
	name: 'accredible' | 'credly' | 'certifier';
	url: string;
	port: number;
	/** apiKey always; organizationId (Credly); webhookSecret (Certifier). */
	credentials: Record<string, string>;
	/** e.g. ACCREDIBLE_SIM_URL, ACCREDIBLE_SIM_API_KEY. */
	env: Record<string, string>;
	stop(): Promise<void>;
}

export declare const DEFAULT_PORTS: { accredible: number; credly: number; certifier: number };
export declare function startAccredibleSimulator(options?: SimOptions): Promise<SimHandle>;
export declare function startCredlySimulator(options?: SimOptions): Promise<SimHandle>;
export declare function startCertifierSimulator(options?: SimOptions): Promise<SimHandle>;
export declare function startAllSimulators(options?: {
	ports?: Partial<{ accredible: number; credly: number; certifier: number }>;
	timeScale?: number;
	only?: Array<'accredible' | 'credly' | 'certifier'>;
}): Promise<SimHandle[]>;
/** One simulator in a child process (uses another core); stop() ends the process. */
export declare function startSimulatorProcess(
	name: 'accredible' | 'credly' | 'certifier',
	options?: SimOptions,
): Promise<SimHandle>;
