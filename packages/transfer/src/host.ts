// The few host services the package uses that every browser, worker, Node and Bun provide but
// the ES library does not declare. They are read from globalThis with a narrow type instead of
// being declared globally, so this package's declarations never clash with another package's
// (or with the DOM library in the app).
import { TransferError, TransferErrorCode } from './errors.ts';

interface TextDecoderLike {
  decode(input?: Uint8Array): string;
}
interface TextEncoderLike {
  encode(input?: string): Uint8Array;
}
interface Host {
  TextDecoder: new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => TextDecoderLike;
  TextEncoder: new () => TextEncoderLike;
  setTimeout(callback: () => void, ms?: number): unknown;
}
const host = globalThis as unknown as Host;

/** Lets the host paint and handle input between two slices of long work. */
export type YieldToHost = () => Promise<void>;

/** A macrotask turn: what a browser needs to paint and a server to serve other requests. */
export const yieldMacrotask: YieldToHost = () => new Promise<void>((resolve) => host.setTimeout(resolve, 0));

/** A decoder that throws on malformed input when `fatal` (used to test whether bytes are UTF-8). */
export function textDecoder(label: 'utf-8' | 'utf-16le' | 'utf-16be', fatal = false): TextDecoderLike {
  // ignoreBOM keeps a BOM in the text, so the caller decides (it strips the one it detected).
  return new host.TextDecoder(label, { fatal, ignoreBOM: true });
}

export function encodeUtf8(text: string): Uint8Array {
  return new host.TextEncoder().encode(text);
}

/** Throws TransferError `cancelled` once the host aborted. */
export function throwIfAborted(signal: { aborted: boolean } | undefined): void {
  if (signal?.aborted) throw new TransferError(TransferErrorCode.Cancelled, 'The operation was cancelled.');
}

/** What long operations report, so the host can draw a progress bar. */
export interface Progress {
  phase: 'read' | 'prepare' | 'match' | 'create' | 'update' | 'undo' | 'export';
  done: number;
  total: number;
}

/** Options every long operation takes from the host. */
export interface HostOptions {
  yieldToHost?: YieldToHost;
  onProgress?: (progress: Progress) => void;
  signal?: { aborted: boolean };
}
