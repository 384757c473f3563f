/** How long and how often each pair is measured. */
export interface Settings {
  /** Rounds per side, alternating A B B A; the median is reported. */
  readonly rounds: number;
  /** Seconds of load per HTTP round. */
  readonly seconds: number;
  /** Seconds of load per side before the first round, for the JIT and the caches. */
  readonly warmup: number;
  /** Milliseconds per in-process round. */
  readonly milliseconds: number;
  /** Concurrent connections of the load generator. */
  readonly connections: number;
}

export const FULL: Settings = {
  // Short rounds, many of them: this shared machine drifts by a tenth within a minute, and
  // alternating often keeps both sides under the same drift.
  rounds: 6,
  seconds: 2,
  warmup: 2,
  milliseconds: 1000,
  connections: 50,
};

/** A smoke run: every scenario once, briefly; its figures are not the benchmark's. */
export const QUICK: Settings = {
  rounds: 1,
  seconds: 1,
  warmup: 0.5,
  milliseconds: 200,
  connections: 20,
};
