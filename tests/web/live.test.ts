// Live updates: each `step` the server announces makes that unit, the lists and the reports stale;
// a reconnect makes everything on screen stale (steps may have been missed meanwhile).
import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectLive } from '../../web/src/app/live.js';

class FakeEventSource extends EventTarget {
  static CLOSED = 2;
  static last: FakeEventSource;
  readyState = 1;
  closed = false;
  constructor(readonly url: string) {
    super();
    FakeEventSource.last = this;
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data?: unknown) {
    const event = new Event(type) as Event & { data?: string };
    if (data !== undefined) event.data = JSON.stringify(data);
    this.dispatchEvent(event);
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function setup() {
  vi.stubGlobal('EventSource', FakeEventSource);
  const client = new QueryClient();
  const invalidate = vi.spyOn(client, 'invalidateQueries');
  const stop = connectLive(client);
  return { client, invalidate, stop, source: FakeEventSource.last };
}

const keys = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map((c) => JSON.stringify((c[0] as { queryKey?: unknown } | undefined)?.queryKey ?? 'ALL'));

describe('live updates', () => {
  it('listens on /api/live and refetches the unit, the lists and the reports after a step, once per burst', async () => {
    vi.useFakeTimers();
    const { invalidate, source, stop } = setup();
    expect(source.url).toBe('/api/live');
    source.emit('open');
    source.emit('step', { unitId: 'u1', stepId: 's1', type: 'wiring.started', voided: false });
    source.emit('step', { unitId: 'u1', stepId: 's2', type: 'wiring.completed', voided: false });
    source.emit('step', { unitId: 'u2', stepId: 's3', type: 'wiring.started', voided: false });
    expect(invalidate).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(keys(invalidate).sort()).toEqual(
      ['["units","detail","u1"]', '["units","events","u1"]', '["units","detail","u2"]', '["units","events","u2"]', '["units","list"]', '["reports"]'].sort(),
    );
    stop();
    expect(source.closed).toBe(true);
  });

  it('refetches everything on screen after a reconnect, not on the first connect', () => {
    const { invalidate, source, stop } = setup();
    source.emit('open');
    expect(invalidate).not.toHaveBeenCalled();
    source.emit('open');
    expect(keys(invalidate)).toEqual(['"ALL"']);
    stop();
  });
});
