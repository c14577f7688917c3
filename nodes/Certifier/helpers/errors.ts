import { explainPlatformError } from '../../kit/issuing/platform-node-errors';

export const explainCertifierError = explainPlatformError();
