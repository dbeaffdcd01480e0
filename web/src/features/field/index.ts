// What the field feature offers the rest of the web: the outbox that holds a technician's steps
// until the server takes them, its React bindings, and the pieces of page that show it.
export { Outbox, type OutboxSnapshot, type SendAnswer } from './outbox/outbox.js';
export type { OutboxEntry, QueuedAttendance, StepEntry } from './outbox/types.js';
export { isStepEntry } from './outbox/types.js';
export { createIdbOutboxStore, createMemoryOutboxStore } from './outbox/store.js';
export { fieldDb } from './outbox/db.js';
export { OutboxContext, useOutbox, useOutboxState } from './outbox/react.js';
export { optimisticProgress, pendingFor } from './outbox/optimistic.js';
export { EntryStatus, entryRefusal } from './outbox/EntryStatus.js';
export { OutboxBanner } from './outbox/OutboxBanner.js';
export { OutboxPanel } from './outbox/OutboxPanel.js';
export { NotKeptPage, OfflineStamp, useKeptAnswer } from './offline/kept.js';
