import type { Settings } from "./settings.js";
import { median } from "./stats.js";

/** Results land here, so that the JIT cannot drop the work as unused. */
let sink: unknown;

/** Calls `operation` for about `milliseconds`, in batches; returns calls per second. */
function opsPerSecond(operation: () => unknown, milliseconds: number): number {
  let calls = 0;
  let batch = 64;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < milliseconds) {
    for (let index = 0; index < batch; index += 1) sink = operation();
    calls += batch;
    elapsed = performance.now() - start;
    if (elapsed < milliseconds / 20) batch *= 2;
  }
  return (calls / elapsed) * 1000;
}

/**
 * Compares two in-process operations: a warm-up each, then rounds alternating A B A B.
 * @example compareOperations(() => app.urlFor("post", params), () => toPath(params), FULL);
 */
export function compareOperations(
  ours: () => unknown,
  theirs: () => unknown,
  settings: Settings,
): { ours: number; theirs: number } {
  opsPerSecond(ours, settings.milliseconds);
  opsPerSecond(theirs, settings.milliseconds);
  const rounds = { ours: [] as number[], theirs: [] as number[] };
  for (let round = 0; round < Math.max(settings.rounds, 3); round += 1) {
    rounds.ours.push(opsPerSecond(ours, settings.milliseconds));
    rounds.theirs.push(opsPerSecond(theirs, settings.milliseconds));
  }
  if (sink === Symbol.for("never")) console.log(sink);
  return { ours: median(rounds.ours), theirs: median(rounds.theirs) };
}
