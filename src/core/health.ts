/**
 * Readiness: can this process answer requests correctly right now? Only the database is
 * essential. A missing model or index degrades answers (lexical search takes over) but does
 * not stop the service, so it is reported, not failed on.
 */
import type { ComponentHealth } from './ports.js';

export interface HealthChecks {
  database(): Promise<ComponentHealth>;
  model(): ComponentHealth;
  index(): ComponentHealth;
}

export interface Readiness {
  status: 'ready' | 'degraded' | 'unavailable';
  components: { database: ComponentHealth; model: ComponentHealth; index: ComponentHealth };
}

/** Readiness answers within this, whatever the database does: a probe that times out tells nobody anything. */
export const READINESS_DEADLINE_MS = 1000;

export class HealthService {
  private shuttingDown = false;

  constructor(
    private readonly checks: HealthChecks,
    private readonly deadlineMs = READINESS_DEADLINE_MS,
  ) {}

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async readiness(): Promise<Readiness> {
    const components = { database: await this.databaseWithinDeadline(), model: this.checks.model(), index: this.checks.index() };
    if (this.shuttingDown) return { status: 'unavailable', components };
    if (components.database.status !== 'ready') return { status: 'unavailable', components };
    const degraded = [components.model, components.index].some((c) => c.status !== 'ready');
    return { status: degraded ? 'degraded' : 'ready', components };
  }

  private async databaseWithinDeadline(): Promise<ComponentHealth> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<ComponentHealth>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'down', detail: `the database did not answer within ${this.deadlineMs} ms` }), this.deadlineMs);
    });
    try {
      return await Promise.race([this.checks.database(), late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
