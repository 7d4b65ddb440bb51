// The wire protocol: one file per message group, one union, one encode and one decode.
// Per-message readers and writers stay internal; callers use encodeMessage/decodeMessage.
export { MessageTag, type MessageType } from './tags.ts';
export type { HelloMessage } from './hello.ts';
export { BootstrapReason, type BootstrapMessage, type CatchupMessage, type LiveMessage, type LogEntry } from './catchup.ts';
export type { AckMessage, PushEntry, PushMessage } from './push.ts';
export { encodeUpdateBroadcast, type UpdateMessage } from './update.ts';
export type { AwarenessMessage } from './awareness.ts';
export type { SyncStep1Message, SyncStep2Message } from './repair.ts';
export type { ErrorMessage } from './error.ts';
export * from './message.ts';
