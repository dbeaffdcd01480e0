// Long synchronous work (parsing a 50,000-row import) shares the one event loop with every other
// request: it gives the loop back whenever it has held it for a slice, so /healthz, other users'
// steps and SIGTERM are answered within about a slice's time.
import { setImmediate as nextTurn } from 'node:timers/promises';

const SLICE_MS = 15;

/** A function to await in a loop: it gives the event loop a turn once every SLICE_MS of work. */
export function pacer(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    const now = performance.now();
    if (now - since < sliceMs) return undefined;
    // setImmediate, not a resolved promise: a microtask would run before any I/O callback
    return nextTurn().then(() => {
      since = performance.now();
    });
  };
}
