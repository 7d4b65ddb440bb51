// A token bucket per socket, on an injected clock: `rate` tokens per second refill up to
// `burst`. Pure state and arithmetic; the connection decides what an empty bucket means.
export interface BucketOptions {
  /** Tokens added per second. */
  rate: number;
  /** Bucket size: the most that can be spent at once after a quiet spell. */
  burst: number;
}

export class TokenBucket {
  #tokens: number;
  #updatedAt: number;
  constructor(
    private readonly options: BucketOptions,
    private readonly now: () => number,
  ) {
    this.#tokens = options.burst;
    this.#updatedAt = now();
  }

  /** Spends `cost` tokens; false (and nothing spent) when the bucket does not hold them. */
  take(cost = 1): boolean {
    const now = this.now();
    const elapsed = Math.max(0, now - this.#updatedAt) / 1000;
    this.#updatedAt = now;
    this.#tokens = Math.min(this.options.burst, this.#tokens + elapsed * this.options.rate);
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }
}
