// Every step logged on this device: stored here *before* the first send, sent in the order they
// were logged, one at a time, each with a time limit, and kept until the server's answer is read.
// The clientEventId makes a resend safe, so a reload, a closed tab or a second tab can never lose
// a step or record it twice.
import { isApiError } from '../../../shared/api/http.js';
import type { EnqueueInput, OutboxEntry, OutboxOptions, OutboxSnapshot, QueuedStep, SendAnswer } from './types.js';
import { classify, failureKind } from './verdict.js';

export { classify, failureKind, type FailureKind, type Verdict } from './verdict.js';
export type { EnqueueInput, OutboxOptions, OutboxSnapshot, SendAnswer } from './types.js';

/** A request that has had no answer after this long is given up and tried again later. */
export const SEND_TIMEOUT_MS = 15_000;

/** A first try this soon after logging online may leave the time to the server's clock. */
const FRESH_MS = 5_000;

/** Sent steps stay visible this long, then disappear by themselves. */
const KEEP_SENT_MS = 24 * 3_600_000;

export class Outbox {
  private readonly options: OutboxOptions;
  private snapshot: OutboxSnapshot = { entries: [], paused: false, syncing: false, sending: null, nextRetryAt: null, loaded: false };
  private readonly listeners = new Set<() => void>();
  private userId: string | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** steps logged online in this tab whose first try has not started: they may leave the time to the server */
  private readonly fresh = new Set<string>();
  /** callers waiting for a step's first answer (or for the round that could not send it to end) */
  private readonly waiters = new Set<() => void>();

  constructor(options: OutboxOptions) {
    this.options = options;
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  private set(changes: Partial<OutboxSnapshot>) {
    this.snapshot = { ...this.snapshot, ...changes };
    this.listeners.forEach((l) => l());
  }

  /** Reads the stored entries again (after a reload, or when another tab changed them). */
  async load(): Promise<OutboxEntry[]> {
    const all = await this.options.store.list();
    const cutoff = this.now() - KEEP_SENT_MS;
    const stale = all.filter((e) => e.status === 'sent' && Date.parse(e.sentAt ?? e.loggedAt) < cutoff);
    for (const e of stale) await this.options.store.remove(e.clientEventId);
    const entries = all.filter((e) => !stale.includes(e));
    this.set({ entries, loaded: true });
    return entries;
  }

  /** Who is signed in: only their steps are sent. A new login resumes a paused outbox. */
  setUser(userId: string | null) {
    const changed = userId !== this.userId;
    this.userId = userId;
    if (userId && (changed || this.snapshot.paused)) {
      this.set({ paused: false });
      void this.flush();
    }
  }

  /** Keeps a step on the device and tries to send it (after every step logged before it). */
  async enqueue(input: EnqueueInput): Promise<OutboxEntry> {
    const loggedAt = new Date(this.now()).toISOString();
    const clientEventId = input.step?.clientEventId ?? input.clientEventId;
    if (!clientEventId || (!input.step && !input.attendance)) throw new Error('an outbox entry needs a step or a roster mark, with its clientEventId');
    const entry = await this.options.store.append({
      clientEventId,
      userId: input.userId,
      unitId: input.unitId,
      unitName: input.unitName,
      // the time it was logged is when it happened, not when a signal was found again
      step: input.step && { ...input.step, occurredAt: input.step.occurredAt ?? loggedAt },
      attendance: input.attendance,
      autoTime: input.step ? input.step.occurredAt === undefined : undefined,
      loggedAt,
      status: 'pending',
      attempts: 0,
    });
    if (entry.autoTime && entry.attempts === 0 && (this.options.isOnline?.() ?? true)) this.fresh.add(entry.clientEventId);
    await this.load();
    void this.flush();
    return entry;
  }

  /**
   * Stores the step first, then waits at most `waitMs` for its first answer: the entry as it is
   * then (`sent`, `refused`, or still `pending` while it waits, is being sent or will be retried).
   */
  async enqueueAndWait(input: EnqueueInput, waitMs: number): Promise<OutboxEntry> {
    let wake = () => {};
    const woken = new Promise<void>((resolve) => (wake = resolve));
    const stored = await this.enqueue(input);
    const id = stored.clientEventId;
    const current = () => this.snapshot.entries.find((e) => e.clientEventId === id) ?? stored;
    const waiter = () => {
      const e = current();
      if (e.status !== 'pending' || e.attempts > stored.attempts || !this.running) wake();
    };
    this.waiters.add(waiter);
    const timer = setTimeout(wake, waitMs);
    try {
      waiter();
      await woken;
    } finally {
      clearTimeout(timer);
      this.waiters.delete(waiter);
    }
    return current();
  }

  private wakeWaiters() {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Removes a refused or sent step from the list. A pending one stays: it is not lost by a tap. */
  async dismiss(clientEventId: string) {
    const entry = this.snapshot.entries.find((e) => e.clientEventId === clientEventId);
    if (entry?.status === 'pending') return;
    await this.options.store.remove(clientEventId);
    await this.load();
  }

  /**
   * Logs a refused step again with a new field time (a step dated before the unit's latest one,
   * or further back than the user's role may date: docs/contract/domain.md "The record"). The
   * refused step was never recorded, so it keeps its clientEventId and its place in the queue.
   */
  async relog(clientEventId: string, occurredAt: string) {
    const entry = this.snapshot.entries.find((e) => e.clientEventId === clientEventId);
    if (entry?.status !== 'refused' || !entry.step) return;
    await this.save({ ...entry, status: 'pending', attempts: 0, refusal: undefined, lastError: undefined, lastFailure: undefined, autoTime: false, step: { ...entry.step, occurredAt } });
    this.retryNow();
  }

  /** The connection is back (or the user asked): try now, from the first delay again. */
  retryNow() {
    this.failures = 0;
    this.clearTimer();
    void this.flush();
  }

  /** A routine look (a timer, the tab shown again): tries unless a backoff delay is still running. */
  poll(): Promise<void> {
    return this.timer === null ? this.flush() : Promise.resolve();
  }

  /** Sends pending steps in order, one at a time; returns when this round is over. */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          const run = () => this.round();
          await (this.options.lock ? this.options.lock(run) : run());
        } while (this.again && !this.snapshot.paused && this.timer === null);
      } finally {
        this.running = null;
        this.set({ syncing: false, sending: null });
        this.wakeWaiters();
      }
    })();
    return this.running;
  }

  private async round() {
    if (!this.userId || this.snapshot.paused) return;
    if (this.options.isOnline && !this.options.isOnline()) return;
    // read the store, not memory: another tab may have sent some of these already
    const entries = await this.load();
    const queue = entries.filter((e) => e.status === 'pending' && e.userId === this.userId);
    if (queue.length === 0) return;
    this.clearTimer();
    this.set({ syncing: true });
    for (const entry of queue) {
      let answer: SendAnswer;
      const controller = new AbortController();
      let timedOut = false;
      let limit: ReturnType<typeof setTimeout> | undefined;
      // the race gives up even on a request that does not heed its abort signal
      const expired = new Promise<never>((_, reject) => {
        limit = setTimeout(() => {
          timedOut = true;
          controller.abort();
          reject(new Error('no answer in time'));
        }, this.options.timeoutMs ?? SEND_TIMEOUT_MS);
      });
      this.set({ sending: entry.clientEventId });
      try {
        answer = await Promise.race([this.options.send(this.toSend(entry), controller.signal), expired]);
      } catch (error) {
        clearTimeout(limit);
        this.set({ sending: null });
        if (timedOut) {
          // no answer in time: the step may or may not have arrived; a resend is safe either way
          await this.save({ ...entry, attempts: entry.attempts + 1, lastFailure: 'timeout', lastError: 'TIMEOUT' });
          this.schedule();
          return;
        }
        const verdict = classify(error);
        if (verdict === 'refused') {
          const e = isApiError(error) ? error : null;
          await this.save({
            ...entry,
            status: 'refused',
            attempts: entry.attempts + 1,
            refusal: { status: e?.status ?? 0, code: e?.code ?? 'UNKNOWN', message: e?.message ?? String(error), details: e?.details },
          });
          this.options.onRefused?.(entry);
          continue; // a refusal is final for this step only; the next one may still go through
        }
        if (verdict === 'paused') {
          this.set({ paused: true });
          this.options.onPaused?.();
          return;
        }
        await this.save({
          ...entry,
          attempts: entry.attempts + 1,
          lastFailure: failureKind(error, false),
          lastError: isApiError(error) ? `${error.status || ''} ${error.code}`.trim() : String(error),
        });
        this.schedule();
        return; // later steps wait: they are sent in the order they were logged
      }
      clearTimeout(limit);
      this.set({ sending: null });
      this.failures = 0;
      const sent: OutboxEntry = {
        ...entry,
        status: 'sent',
        attempts: entry.attempts + 1,
        sentAt: new Date(this.now()).toISOString(),
        eventId: answer.event.id,
        lastError: undefined,
        lastFailure: undefined,
      };
      await this.save(sent);
      this.options.onSent?.(sent, answer);
    }
  }

  /**
   * The request body. A step whose time the device took as it was logged online goes out on its
   * first, immediate try without a time, so the server's clock dates it (a phone's clock may run
   * ahead); any other try carries the logged time, which is when it happened.
   */
  private toSend(entry: OutboxEntry): OutboxEntry {
    const fresh = this.fresh.delete(entry.clientEventId) && entry.attempts === 0 && this.now() - Date.parse(entry.loggedAt) < FRESH_MS;
    if (!fresh || !entry.step) return entry;
    const { occurredAt: _dropped, ...step } = entry.step;
    return { ...entry, step: step as QueuedStep };
  }

  private async save(entry: OutboxEntry) {
    await this.options.store.put(entry);
    this.set({ entries: this.snapshot.entries.map((e) => (e.clientEventId === entry.clientEventId ? entry : e)) });
    this.wakeWaiters();
  }

  private schedule() {
    this.failures += 1;
    const base = this.options.retryMs ?? 5_000;
    const delay = Math.min(this.options.maxRetryMs ?? 5 * 60_000, base * 2 ** (this.failures - 1));
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.set({ nextRetryAt: null });
      void this.flush();
    }, delay);
    this.set({ nextRetryAt: this.now() + delay });
  }

  private clearTimer() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.snapshot.nextRetryAt !== null) this.set({ nextRetryAt: null });
  }

  /** Stops timers (tests, and a page being torn down). */
  stop() {
    this.clearTimer();
  }
}
