import type { CredentialTemplate, CredlyClient } from '../../core/integrations/platforms';

/** What every operation gets: the client, and the template list read at most once per run. */
export interface CredlyRun {
	client: CredlyClient;
	templates(): Promise<CredentialTemplate[]>;
}

export function credlyRun(client: CredlyClient): CredlyRun {
	let templates: Promise<CredentialTemplate[]> | undefined;
	return {
		client,
		templates: () => (templates ??= client.listTemplates()),
	};
}
