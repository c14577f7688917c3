// Canvas Trigger: when its signing keys cannot be loaded, the sender gets a generic 503 (retry
// later) and nothing runs; the JWKS URL and the network error stay in n8n's log.
import { fixture } from '../../unit/lms/fixtures';
import { deliverLiveEvent, liveEventsCredential } from './canvas-live-events';

const INTERNAL_JWKS = 'http://127.0.0.1:9/internal-jwks-path';

test('an unreachable JWKS URL is answered 503 without the URL or the network error', async () => {
	const outcome = await deliverLiveEvent(fixture('canvas-course-completed.json').json as object, {
		credential: liveEventsCredential({ jwksSource: 'url', jwksUrl: INTERNAL_JWKS }),
	});
	expect(outcome.items).toEqual([]);
	expect(outcome.response).toEqual({
		status: 503,
		body: {
			error: expect.stringContaining('could not be loaded; retry later'),
			reason: 'keys_unavailable',
			field: 'jwks',
		},
	});
	expect(JSON.stringify(outcome.response)).not.toMatch(/127\.0\.0\.1|internal-jwks|ECONN/);
});

test('a JWKS JSON that is not a key set is answered 503, naming no configuration detail', async () => {
	const outcome = await deliverLiveEvent(fixture('canvas-course-completed.json').json as object, {
		credential: liveEventsCredential({ jwks: '{"keys": "none"}' }),
	});
	expect(outcome.items).toEqual([]);
	expect(outcome.response).toMatchObject({ status: 503, body: { reason: 'keys_unavailable' } });
	expect(JSON.stringify(outcome.response)).not.toContain('{"keys"');
});
