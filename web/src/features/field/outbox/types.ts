// What one step waiting on the device looks like, and the storage it lives in.
import type { StepType } from '../../../../../shared/domain/steps.js';
import type { FailureKind } from './outbox.js';

/** The body of POST /api/units/:id/events as the outbox sends it: always with its own id and time. */
export interface QueuedStep {
  type: StepType;
  /** when it happened: set by the user, or the moment it was logged on the device */
  occurredAt: string;
  note?: string;
  data?: Record<string, string>;
  clientEventId: string;
}

/** `pending` waits to be sent; `sent` the server recorded it; `refused` the server said no, for good. */
export type OutboxStatus = 'pending' | 'sent' | 'refused';

export interface OutboxEntry {
  clientEventId: string;
  /** the order the steps were logged in on this device; they are sent in this order */
  seq: number;
  /** who logged it: only that user's session sends it */
  userId: string;
  unitId: string;
  unitName: string;
  step: QueuedStep;
  /** the device took `step.occurredAt` when the step was logged (the user did not set a time) */
  autoTime?: boolean;
  loggedAt: string;
  status: OutboxStatus;
  attempts: number;
  /** the latest failure that will be retried (network, server down) */
  lastError?: string;
  /** what that failure was: no answer in time, no network, or the server failing */
  lastFailure?: FailureKind;
  refusal?: { status: number; code: string; message: string; details?: unknown };
  sentAt?: string;
  eventId?: string;
}

export interface OutboxStore {
  /** every entry, oldest first */
  list(): Promise<OutboxEntry[]>;
  /** adds an entry after every other one; an entry with the same clientEventId is left as it is */
  append(entry: Omit<OutboxEntry, 'seq'>): Promise<OutboxEntry>;
  put(entry: OutboxEntry): Promise<void>;
  remove(clientEventId: string): Promise<void>;
}
