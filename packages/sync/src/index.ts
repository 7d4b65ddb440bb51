// @carnet/sync: the wire protocol between browsers and the relay (messages, version, error
// and close codes, limits) and the client end of the connection. Pure: no DOM, Node or Bun.
export * from './version.ts';
export * from './errors.ts';
export * from './limits.ts';
export * from './protocol/index.ts';
export * from './client/ports.ts';
export * from './client/backoff.ts';
export type { PresenceListener, PresencePeer, PresenceState } from './client/presence.ts';
export * from './client/client.ts';
export * from './bundle-format.ts';
export * from './bundle-reader.ts';
export * from './bootstrap.ts';
