import { AccredibleClient, type AccredibleClientOptions } from './accredible/client';
import { CertifierClient, type CertifierClientOptions } from './certifier/client';
import { CredlyClient, type CredlyClientOptions } from './credly/client';
import type { IssuerPlatform } from './types';

export type PlatformOptions =
	| ({ platform: 'accredible' } & AccredibleClientOptions)
	| ({ platform: 'credly' } & CredlyClientOptions)
	| ({ platform: 'certifier' } & CertifierClientOptions);

/** A client behind the common interface, for code that works with any platform. */
export function createIssuerPlatform(options: PlatformOptions): IssuerPlatform {
	switch (options.platform) {
		case 'accredible':
			return new AccredibleClient(options);
		case 'credly':
			return new CredlyClient(options);
		case 'certifier':
			return new CertifierClient(options);
	}
}
