// Host globals the sync package uses that every browser, worker, Node and Bun provide but the
// ES library does not declare (the packages compile without DOM or Node types on purpose).
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
interface ReadableStreamDefaultReader<R> {
  read(): Promise<{ done: true; value?: undefined } | { done: false; value: R }>;
  cancel(reason?: unknown): Promise<void>;
  releaseLock(): void;
}
declare class ReadableStream<R = unknown> {
  getReader(): ReadableStreamDefaultReader<R>;
}
