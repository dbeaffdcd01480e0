// What one step waiting on the device looks like, the storage it lives in, and the shapes the
// outbox is built with and shows (its options, its snapshot).
import type { StepType } from '../../../../../shared/domain/steps.js';
import type { FailureKind } from './verdict.js';

/** The body of POST /api/units/:id/events as the outbox sends it: always with its own id and time. */
export interface QueuedStep {
  type: StepType;
  /** when it happened: set by the user, or the moment it was logged on the device */
  occurredAt: string;
  note?: string;
  data?: Record<string, string>;
  clientEventId: string;
}

/**
 * The office's roster mark for one unit of a training (POST /api/trainings/:id/attendance), kept
 * and sent like a step: the same clientEventId makes a resend record it once.
 */
export interface QueuedAttendance {
  trainingId: string;
  status: 'attended' | 'absent' | 'excused';
  attendee?: string;
  reason?: string;
  /** the row's status when marked: the server refuses the mark if it changed meanwhile */
  expectedStatus?: 'invited' | 'attended' | 'absent' | 'excused';
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
  /** the step to record; absent on a roster mark, which has `attendance` instead */
  step?: QueuedStep;
  attendance?: QueuedAttendance;
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

/** An entry that records a step (every entry but a roster mark). */
export type StepEntry = OutboxEntry & { step: QueuedStep };
export const isStepEntry = (e: OutboxEntry): e is StepEntry => e.step !== undefined;

export interface OutboxStore {
  /** every entry, oldest first */
  list(): Promise<OutboxEntry[]>;
  /** adds an entry after every other one; an entry with the same clientEventId is left as it is */
  append(entry: Omit<OutboxEntry, 'seq'>): Promise<OutboxEntry>;
  put(entry: OutboxEntry): Promise<void>;
  remove(clientEventId: string): Promise<void>;
}

export interface SendAnswer {
  event: { id: string };
  progress: unknown;
}

export interface OutboxOptions {
  store: OutboxStore;
  /** sends one step; `signal` aborts it when the time limit is up */
  send: (entry: OutboxEntry, signal: AbortSignal) => Promise<SendAnswer>;
  /** how long one send may wait for an answer (default SEND_TIMEOUT_MS) */
  timeoutMs?: number;
  onSent?: (entry: OutboxEntry, answer: SendAnswer) => void;
  onRefused?: (entry: OutboxEntry) => void;
  /** the session ended while sending: ask the user to log in again */
  onPaused?: () => void;
  now?: () => number;
  /** first retry delay; it doubles up to `maxRetryMs` */
  retryMs?: number;
  maxRetryMs?: number;
  /** false when the device knows it has no network: then nothing is tried until the `online` event */
  isOnline?: () => boolean;
  /** serialises flushes across tabs when the browser has Web Locks */
  lock?: <T>(run: () => Promise<T>) => Promise<T>;
}

export interface OutboxSnapshot {
  entries: OutboxEntry[];
  /** a 401 stopped sending until the user logs in again */
  paused: boolean;
  syncing: boolean;
  /** the clientEventId this tab is sending right now, or null */
  sending: string | null;
  /** when the next automatic retry is due (ms since epoch), or null */
  nextRetryAt: number | null;
  loaded: boolean;
}

export interface EnqueueInput {
  userId: string;
  unitId: string;
  unitName: string;
  step?: Omit<QueuedStep, 'occurredAt'> & { occurredAt?: string };
  /** a roster mark instead of a step: then `clientEventId` is its id */
  attendance?: QueuedAttendance;
  clientEventId?: string;
}
