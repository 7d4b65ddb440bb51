// The first varUint of every frame says which message it is. Tags are never reused: a removed
// message keeps its number retired (and PROTOCOL_VERSION is bumped).
export const MessageTag = {
  hello: 0,
  catchup: 1,
  live: 2,
  bootstrap: 3,
  push: 4,
  ack: 5,
  update: 6,
  awareness: 7,
  syncStep1: 8,
  syncStep2: 9,
  error: 10,
} as const;
export type MessageType = keyof typeof MessageTag;
