import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request, toQuery } from '../../web/src/shared/api/http.js';

afterEach(() => vi.unstubAllGlobals());

describe('api client', () => {
  it('turns the contract’s error body into an ApiError', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: { code: 'CONFLICT', message: 'duplicate code', details: { field: 'code' } } }), { status: 409 })));
    const error = await request('/api/units', { method: 'POST', json: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'CONFLICT', message: 'duplicate code', details: { field: 'code' } });
  });

  it('sends cookies of the same origin only, and JSON with its content type', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    await request('/api/auth/logout', { method: 'POST', json: { a: 1 } });
    expect(fetchMock).toHaveBeenCalledWith('/api/auth/logout', expect.objectContaining({ credentials: 'same-origin', body: '{"a":1}', headers: expect.objectContaining({ 'content-type': 'application/json' }) }));
  });

  it('reports an unreachable server as a lost connection', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(request('/api/units')).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
  });

  it('builds a query string without the empty filters', () => {
    expect(toQuery({ q: '城关', kind: '', page: 2, stage: undefined })).toBe('?q=%E5%9F%8E%E5%85%B3&page=2');
  });
});
