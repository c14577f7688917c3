import type { IExecuteFunctions } from 'n8n-workflow';

import type { CertifierClient, CredentialTemplate } from '../../core/integrations/platforms';
import { certifierClient, type CertifierFlow } from '../transport';

/** The clients (one per issuing flow, sharing one rate limit) and the group list, read once per run. */
export interface CertifierRun {
	client(flow?: CertifierFlow): Promise<CertifierClient>;
	groups(): Promise<CredentialTemplate[]>;
}

export function certifierRun(context: IExecuteFunctions): CertifierRun {
	const clients = new Map<CertifierFlow, Promise<CertifierClient>>();
	let groups: Promise<CredentialTemplate[]> | undefined;
	const client = (flow: CertifierFlow = 'three-step') => {
		let existing = clients.get(flow);
		if (!existing) {
			existing = certifierClient.call(context, flow);
			clients.set(flow, existing);
		}
		return existing;
	};
	return {
		client,
		groups: () => (groups ??= client().then(async (c) => await c.listTemplates())),
	};
}
