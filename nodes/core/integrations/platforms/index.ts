export * from './types';
export { PlatformError, isPlatformError } from './errors';
export type { ErrorDetail, PlatformErrorCode, PlatformErrorOptions } from './errors';
export type {
	HttpMethod,
	HttpRequest,
	HttpResponse,
	HttpTransport,
	QueryValue,
	TransportFailureKind,
} from './transport/http-transport';
export {
	TransportFailure,
	classifyTransportError,
	normaliseHeaders,
	parseResponseText,
} from './transport/http-transport';
export type { Clock } from './resilience/clock';
export { scaledClock, systemClock } from './resilience/clock';
export type { RetryPolicy } from './resilience/retry';
export {
	DEFAULT_RETRY_POLICY,
	parseRetryAfter,
	retryDelayMs,
	retryPolicy,
} from './resilience/retry';
export type { RateLimit } from './resilience/rate-limiter';
export { RateLimiterRegistry, TokenBucket, sharedRateLimiters } from './resilience/rate-limiter';
export { SingleFlight, sharedIssueFlights } from './resilience/single-flight';
export type { ReadBack, ReadBackGuardOptions } from './resilience/read-back-guard';
export { ReadBackGuard } from './resilience/read-back-guard';
export type { PlatformClientOptions } from './client-options';
export { DEFAULT_TIMEOUT_MS } from './client-options';
export { IssueRequestSchema, parseIssueRequest, splitName } from './issue-request';
export { requireIssuableTemplate, templateForCourse } from './template-mapping';
export { preferredCredential } from './issue-flow';
export { createIssuerPlatform } from './create-platform';
export type { PlatformOptions } from './create-platform';
export { AccredibleClient } from './accredible/client';
export type { AccredibleClientOptions } from './accredible/endpoints';
export {
	ACCREDIBLE_BASE_URLS,
	ACCREDIBLE_RATE_LIMIT,
	accredibleAuthorization,
} from './accredible/api';
export type { AccredibleRegion } from './accredible/api';
export type { BulkIssueItem } from './accredible/bulk';
export { CredlyClient } from './credly/client';
export type { CredlyClientOptions } from './credly/endpoints';
export {
	CREDLY_BASE_URLS,
	CREDLY_RATE_LIMIT,
	credlyAuthorization,
	credlyRateLimit,
} from './credly/api';
export type { CredlyEnvironment } from './credly/api';
export { CertifierClient } from './certifier/client';
export type { CertifierClientOptions } from './certifier/endpoints';
export {
	CERTIFIER_API_VERSION,
	CERTIFIER_BASE_URL,
	CERTIFIER_RATE_LIMIT,
	certifierAuthorization,
} from './certifier/api';
export {
	CERTIFIER_SIGNATURE_HEADER,
	certifierSignature,
	verifyCertifierSignature,
} from './certifier/webhook-signature';
