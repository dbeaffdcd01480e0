// postgres.js 3.4.9 can write to a connection's socket after the connection has closed: a write
// queued with setImmediate runs once the socket is gone (porsager/postgres#1154, #1208; the fix,
// #1209, is not released). Thrown from the immediate, the TypeError escapes every await and
// ends the process. It happens when a server goes away under load, which is exactly when the
// tracker must keep answering (a read replica stopped mid-report took a tracker down with it,
// tests/cluster/replica.test.ts). The queries on that connection are rejected by its close as
// usual; only this one throw is caught here. Remove once postgres.js guards nextWrite itself.
let installed = false;

const isClosedSocketWrite = (err: unknown) =>
  err instanceof TypeError &&
  /reading 'write'/.test(err.message) &&
  /at (Immediate\.)?nextWrite \(.*postgres[/\\]src[/\\]connection\.js/.test(err.stack ?? '');

export function guardClosedSocketWrites(): void {
  if (installed) return;
  installed = true;
  process.on('uncaughtException', (err, origin) => {
    if (isClosedSocketWrite(err)) {
      process.emitWarning(`postgres.js wrote to a closed connection (ignored): ${err.message}`, { code: 'ZW_PG_CLOSED_WRITE' });
      return;
    }
    // anything else ends the process as it would have without this listener, unless another
    // listener (a test runner's) is there to deal with it
    if (process.listenerCount('uncaughtException') > 1) return;
    console.error(origin === 'unhandledRejection' ? 'Unhandled rejection:' : 'Uncaught exception:', err);
    process.exit(1);
  });
}
