/**
 * Load shedding: when the event loop falls behind (or memory runs high), the routes that
 * compute — recommend, gap reports, extraction — answer 503 `overloaded` with Retry-After at
 * once instead of queueing into a 30-second answer; cheap routes (health, catalog reads,
 * pages) keep answering, so probes see a live process. @fastify/under-pressure measures the
 * process; this module only decides who is turned away.
 */
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { overloaded } from '../core/errors.js';

export interface LoadSheddingOptions {
  /** Event-loop delay (ms) past which expensive requests are shed; 0 switches the check off. */
  maxEventLoopDelayMs: number;
  /** Heap in use (bytes) past which expensive requests are shed; 0 switches the check off. */
  maxHeapUsedBytes: number;
  /** How often the process is measured (ms). */
  sampleIntervalMs?: number;
}

/** The routes whose work grows with the request and that a caller can retry later. */
const EXPENSIVE = new Set(['POST /v1/recommend', 'POST /v1/gap-reports', 'POST /v1/skills/extract']);

const isExpensive = (request: FastifyRequest) => EXPENSIVE.has(`${request.method} ${request.routeOptions.url ?? ''}`);

export async function registerLoadShedding(app: FastifyInstance, options: LoadSheddingOptions): Promise<void> {
  await app.register(underPressure, {
    maxEventLoopDelay: options.maxEventLoopDelayMs,
    maxHeapUsedBytes: options.maxHeapUsedBytes,
    sampleInterval: options.sampleIntervalMs ?? 1000,
    // Under pressure: an expensive request is refused as a problem (503 + Retry-After, by the
    // problem handler); anything else goes through.
    pressureHandler: (request) =>
      isExpensive(request)
        ? Promise.reject(overloaded())
        : undefined,
  });
}
