// GET /api/health: a cheap liveness probe for supervisors, load balancers and tests.
import { Elysia } from 'elysia';

export function healthRoutes(version: string) {
  return new Elysia({ name: 'health' }).get('/api/health', () => ({ ok: true, version }));
}
