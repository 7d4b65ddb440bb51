// Every auth route as one Elysia instance, for `createRelay` to `.use()`.
import { Elysia } from 'elysia';
import type { Auth } from '../service.ts';
import { sessionRoutes } from './session-routes.ts';
import { tokenRoutes } from './token-routes.ts';
import { workspaceRoutes } from './workspace-routes.ts';

export function authRoutes(auth: Auth) {
  return new Elysia().use(sessionRoutes(auth)).use(workspaceRoutes(auth)).use(tokenRoutes(auth));
}
