/**
 * Runs long jobs (index refresh) in the background of the server and records their progress
 * and outcome, so a client can start one with a 202 and poll it. One job per kind at a time:
 * asking again while one runs returns the running job instead of starting a second.
 */
import { DomainError } from '../core/errors.js';
import type { Logger } from '../logger.js';
import type { Progress } from './progress.js';
import type { Job, JobProgress, JobStore } from '../core/ports.js';

/** Progress is written at most this often, so a fast loop does not hammer the database. */
const PROGRESS_WRITE_MS = 1000;
/** A running job's owner renews its lease this often; a lease not renewed for LEASE_MS has lapsed. */
export const HEARTBEAT_MS = 10_000;
export const LEASE_MS = 60_000;
/** Runs of one job at most (the first and two take-overs): a job that kills every replica it runs on stops there. */
export const MAX_JOB_ATTEMPTS = 3;

/** Runs a job of one kind from what it was started with; any replica may run it again. */
export type JobHandler = (params: Record<string, unknown>, progress: Progress) => Promise<object>;

export class JobRunner {
  private readonly running = new Map<string, { id: Promise<string>; done: Promise<void> }>();
  private readonly handlers = new Map<string, JobHandler>();
  private stopTakingOver: (() => void) | null = null;

  constructor(
    private readonly store: JobStore,
    private readonly logger: Logger,
    /** This process, as the owner of the jobs it runs (several replicas share one job table). */
    readonly owner: string,
    private readonly timing: { heartbeatMs: number; leaseMs: number } = { heartbeatMs: HEARTBEAT_MS, leaseMs: LEASE_MS },
  ) {}

  /** Registers how to run a kind of job, so this replica can take over one whose owner died. */
  handle(kind: string, handler: JobHandler): this {
    this.handlers.set(kind, handler);
    return this;
  }

  /**
   * At start: fails jobs whose owner died (lease lapsed) unless this replica knows how to run
   * them again (those are taken over instead); jobs another live replica runs go on.
   */
  async recover(): Promise<void> {
    const failed = await this.store.failInterrupted(
      'interrupted: the process running it stopped; start it again',
      this.timing.leaseMs,
      [...this.handlers.keys()],
      MAX_JOB_ATTEMPTS,
    );
    if (failed > 0) this.logger.warn({ failed }, 'marked interrupted jobs as failed');
  }

  /**
   * Looks every heartbeat interval for a job of a handled kind whose owner stopped renewing its
   * lease, claims it and runs it again from its parameters (jobs are idempotent and resumable).
   */
  startTakingOver(intervalMs = this.timing.heartbeatMs): void {
    if (this.stopTakingOver) return;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const tick = async () => {
      const kinds = [...this.handlers.keys()].filter((kind) => !this.running.has(kind));
      const claimed = await this.store.takeOver(this.owner, this.timing.leaseMs, kinds, MAX_JOB_ATTEMPTS);
      if (!claimed || stopped) return;
      const { job, params } = claimed;
      this.logger.warn({ jobId: job.id, kind: job.kind }, 'took over a job whose owner stopped renewing its lease');
      const handler = this.handlers.get(job.kind)!;
      const slot = { id: Promise.resolve(job.id), done: Promise.resolve() };
      this.running.set(job.kind, slot);
      slot.done = this.execute(job.id, (progress) => handler(params, progress)).finally(() => {
        if (this.running.get(job.kind) === slot) this.running.delete(job.kind);
      });
    };
    const schedule = () => {
      if (stopped) return;
      timer = setTimeout(() => {
        tick()
          .catch((error: unknown) => this.logger.warn({ err: error }, 'could not look for jobs to take over'))
          .finally(schedule);
      }, intervalMs);
      timer.unref();
    };
    schedule();
    this.stopTakingOver = () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }

  /** Starts a registered kind of job with its parameters (see `handle`). */
  startHandled(kind: string, params: Record<string, unknown> = {}): Promise<{ job: Job; alreadyRunning: boolean }> {
    const handler = this.handlers.get(kind);
    if (!handler) throw new Error(`no handler for jobs of kind ${kind}`);
    return this.start(kind, (progress) => handler(params, progress), params);
  }

  /** Starts `run` unless a job of this kind is running, in which case that job is returned. */
  async start(kind: string, run: (progress: Progress) => Promise<object>, params: Record<string, unknown> = {}): Promise<{ job: Job; alreadyRunning: boolean }> {
    const existing = this.running.get(kind);
    if (existing) {
      const job = await this.store.get(await existing.id);
      if (job) return { job, alreadyRunning: true };
    }
    // Claimed before the first await, so two requests arriving together start one job.
    const created = this.store.create(kind, this.owner, params);
    const slot = { id: created.then((j) => j.id), done: Promise.resolve() };
    this.running.set(kind, slot);
    let job: Job;
    try {
      job = await created;
    } catch (error) {
      this.running.delete(kind);
      throw error;
    }
    slot.done = this.execute(job.id, run).finally(() => {
      if (this.running.get(kind) === slot) this.running.delete(kind);
    });
    return { job, alreadyRunning: false };
  }

  get(id: string): Promise<Job | null> {
    return this.store.get(id);
  }

  /** Stops taking over jobs and waits for running ones (used at shutdown, bounded by the server's grace period). */
  async drain(): Promise<void> {
    this.stopTakingOver?.();
    this.stopTakingOver = null;
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  private async execute(id: string, run: (progress: Progress) => Promise<object>): Promise<void> {
    const state: JobProgress = { stage: null, done: null, total: null };
    let lastWrite = 0;
    let writing: Promise<void> = Promise.resolve();
    const flush = (force = false) => {
      const now = Date.now();
      if (!force && now - lastWrite < PROGRESS_WRITE_MS) return;
      lastWrite = now;
      const snapshot = { ...state };
      writing = writing.then(() => this.store.update(id, { progress: snapshot }, this.owner)).then(
        () => {},
        () => {},
      );
    };
    const progress: Progress = {
      stage: (name, total) => {
        Object.assign(state, { stage: name, done: total === undefined ? null : 0, total: total ?? null });
        flush(true);
      },
      update: (done, total) => {
        state.done = done;
        if (total !== undefined) state.total = total;
        flush();
      },
    };
    // A replica that stalled past its lease finds the job taken over: it says so once, and its
    // writes (owner-scoped) no longer touch the job, which the new owner runs to the end.
    let lost = false;
    const heartbeat = setInterval(() => {
      this.store.heartbeat(id, this.owner).then(
        (held) => {
          if (!held && !lost) {
            lost = true;
            this.logger.warn({ jobId: id }, 'another replica took this job over; its outcome is theirs');
          }
        },
        () => {},
      );
    }, this.timing.heartbeatMs);
    heartbeat.unref();
    try {
      await this.store.update(id, { status: 'running', started: true }, this.owner);
      const summary = await run(progress);
      await writing;
      if (await this.store.update(id, { status: 'succeeded', summary: summary as Record<string, unknown>, progress: state, finished: true }, this.owner)) {
        this.logger.info({ jobId: id, summary }, 'job succeeded');
      }
    } catch (error) {
      await writing;
      // Only domain messages are meant for clients; anything else is logged and summarised.
      const message =
        error instanceof DomainError ? error.message : 'the job failed; see the server log for the job id';
      this.logger.error({ jobId: id, err: error }, 'job failed');
      await this.store.update(id, { status: 'failed', error: message, progress: state, finished: true }, this.owner).catch(() => false);
    } finally {
      clearInterval(heartbeat);
    }
  }
}
