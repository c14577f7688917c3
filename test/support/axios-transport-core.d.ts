import type { AxiosInstance } from 'axios';

import type * as HttpTransportModule from '../../nodes/core/integrations/platforms/transport/http-transport';

export function axiosTransportOver(
	http: typeof HttpTransportModule,
	instance?: AxiosInstance,
): HttpTransportModule.HttpTransport;
