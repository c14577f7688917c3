import type { AxiosInstance } from 'axios';

import * as http from '../../nodes/core/integrations/platforms/transport/http-transport';
import { axiosTransportOver } from './axios-transport-core';

/** The tests' transport outside n8n: axios over the package's own response parsing. */
export function createAxiosTransport(instance?: AxiosInstance): http.HttpTransport {
	return axiosTransportOver(http, instance);
}
