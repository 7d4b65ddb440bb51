// A seeded PRNG for the benchmark dataset (sfc32, 128-bit state). Every record draws from its own
// stream, seeded by (dataset seed, stream name, record index), so any record can be generated on
// its own, in any order, and always comes out the same. Math.random is never used.

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** FNV-1a of a string: turns a stream name into a 32-bit seed word. */
export function hashString(input: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class Prng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number, stream: number, index: number) {
    this.#a = seed | 0;
    this.#b = stream | 0;
    this.#c = index | 0;
    this.#d = 0x9e3779b9 ^ Math.imul(index, 0x85ebca6b);
    for (let i = 0; i < 15; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max], both included. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Picks with the given relative weights (same length as items). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i];
      if (r < 0) return items[i];
    }
    return items[items.length - 1];
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Up to n distinct items, in draw order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const out: T[] = [];
    for (let tries = 0; out.length < n && tries < n * 4; tries++) {
      const item = this.pick(items);
      if (!out.includes(item)) out.push(item);
    }
    return out;
  }

  /** A record id: 16 characters of base 36, like the schema's newId(). */
  id(): string {
    let id = '';
    for (let i = 0; i < 16; i++) id += ALPHABET[this.uint32() % 36];
    return id;
  }
}
