// What a failed send of the outbox means: retried, final (refused), or paused until the user logs
// in again. The outbox itself is tested in outbox.test.ts and outbox.first.test.ts.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/shared/api/http.js';
import { classify } from '../../web/src/features/field/outbox/outbox.js';
import { conflict, networkDown } from './outbox.kit.js';

describe('what a failed send means', () => {
  it('retries a lost connection, a server error and a database outage', () => {
    expect(classify(networkDown)).toBe('retry');
    expect(classify(new ApiError(500, 'INTERNAL', 'oops'))).toBe('retry');
    expect(classify(new ApiError(503, 'UNAVAILABLE', 'database down'))).toBe('retry');
    expect(classify(new ApiError(502, 'UNKNOWN', 'Bad Gateway'))).toBe('retry');
    expect(classify(new TypeError('Failed to fetch'))).toBe('retry');
  });

  it('takes a refusal by the rules, a bad request or a forbidden step as final', () => {
    expect(classify(conflict)).toBe('refused');
    expect(classify(new ApiError(400, 'VALIDATION_FAILED', 'bad', [{ field: 'data.reason', message: 'required' }]))).toBe('refused');
    expect(classify(new ApiError(403, 'FORBIDDEN', 'no'))).toBe('refused');
    expect(classify(new ApiError(404, 'NOT_FOUND', 'no such unit'))).toBe('refused');
  });

  it('pauses on an ended session', () => {
    expect(classify(new ApiError(401, 'UNAUTHENTICATED', 'log in'))).toBe('paused');
  });
});
