/**
 * SIGTERM as a platform sends it to a serving process: readiness turns 503 while requests are
 * still served (PRE_STOP_DELAY_MS), a request whose body is still arriving is finished, idle
 * keep-alive connections are closed cleanly, and the process exits 0 — the real server
 * (src/server.ts) in its own process, over real sockets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, serverArgs } from '../helpers/processes.js';

const PRE_STOP_MS = 2000;

const get = (port: number, url: string, agent?: http.Agent) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: url, agent }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });

describe('graceful shutdown on SIGTERM', () => {
  let dir: string;
  let server: ChildProcess;
  let port: number;
  let exited: Promise<number | null>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'skillpath-sigterm-'));
    port = await freePort();
    server = spawn(process.execPath, serverArgs(), {
      cwd: dir,
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'PORT'].includes(k))),
        HOST: '127.0.0.1',
        PORT: String(port),
        PGLITE_DIR: path.join(dir, 'pglite'),
        INDEX_DIR: path.join(dir, 'index'),
        EMBEDDING_PROVIDER: 'none',
        LOG_LEVEL: 'warn',
        PRE_STOP_DELAY_MS: String(PRE_STOP_MS),
        SHUTDOWN_GRACE_MS: '10000',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 200; i++) {
      const ready = await get(port, '/health/ready').catch(() => null);
      if (ready?.status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the server did not become ready');
  }, 60_000);
  afterAll(() => {
    if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports 503 while still serving, finishes in-flight work, closes cleanly and exits 0', async () => {
    const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await get(port, '/v1/skills?limit=1', keepAlive)).status).toBe(200);
    const idleSocketClosed = new Promise<string>((resolve) => {
      for (const sockets of Object.values(keepAlive.freeSockets)) for (const socket of sockets ?? []) socket.on('close', (hadError) => resolve(hadError ? 'error' : 'clean'));
    });

    // A request whose body is still on its way when SIGTERM arrives.
    const body = JSON.stringify({ learner: { skills: [{ label: 'SQL' }] }, target: { title: 'data analyst' } });
    const slow = new Promise<number>((resolve, reject) => {
      const request = http.request(
        { host: '127.0.0.1', port, path: '/v1/recommend', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      request.on('error', reject);
      request.write(body.slice(0, 10));
      setTimeout(() => request.end(body.slice(10)), PRE_STOP_MS + 500);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));

    server.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Pre-stop: not ready, yet still answering, on new connections too.
    expect((await get(port, '/health/ready')).status).toBe(503);
    expect((await get(port, '/health/live')).status).toBe(200);
    expect((await get(port, '/v1/skills?limit=1')).status).toBe(200);

    expect(await slow).toBe(200);
    expect(await idleSocketClosed).toBe('clean');
    expect(await exited).toBe(0);
    await expect(get(port, '/health/live')).rejects.toThrow(/ECONNREFUSED/);
  }, 30_000);
});
