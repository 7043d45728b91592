import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.js';
import { registerProblemHandlers } from '../../src/http/problem.js';

describe('problem responses', () => {
  it('answers an unavailable domain error with 503, its code and Retry-After', async () => {
    const app = Fastify();
    registerProblemHandlers(app);
    app.get('/slow', async () => {
      throw new DomainError('unavailable', 'solve_deadline', 'Planning this path took longer than the server allows right now; retry shortly.');
    });
    app.get('/missing', async () => {
      throw new DomainError('not_found', 'role_not_found', 'No role.');
    });
    const slow = await app.inject({ method: 'GET', url: '/slow' });
    expect(slow.statusCode).toBe(503);
    expect(slow.headers['retry-after']).toBe('1');
    expect(slow.json()).toMatchObject({ status: 503, code: 'solve_deadline' });
    const missing = await app.inject({ method: 'GET', url: '/missing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['retry-after']).toBeUndefined();
    await app.close();
  });
});
