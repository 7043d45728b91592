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

export class HealthService {
  private shuttingDown = false;

  constructor(private readonly checks: HealthChecks) {}

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async readiness(): Promise<Readiness> {
    const components = { database: await this.checks.database(), model: this.checks.model(), index: this.checks.index() };
    if (this.shuttingDown) return { status: 'unavailable', components };
    if (components.database.status !== 'ready') return { status: 'unavailable', components };
    const degraded = [components.model, components.index].some((c) => c.status !== 'ready');
    return { status: degraded ? 'degraded' : 'ready', components };
  }
}
