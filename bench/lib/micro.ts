import type { Settings } from "./settings.js";
import { median, sidesOfRound } from "./stats.js";

/** Results land here, so that the JIT cannot drop the work as unused. */
let sink: unknown;

type Loop = (iterations: number) => unknown;

/** Each of the settings' rounds is cut into this many short ones, for pairs close in time. */
const ROUNDS_PER_SETTING = 5;

/**
 * A measuring loop of its own for one operation, as benchmark.js compiles each test: with one
 * loop for both sides, its call site sees two targets, and V8 inlines whichever it met first,
 * which made a side's figure jump by a third from one run to the next.
 */
const loopFor = (operation: () => unknown): Loop =>
  new Function(
    "operation",
    "return function loop(iterations) { let result; for (let i = 0; i < iterations; i++) result = operation(); return result; };",
  )(operation) as Loop;

/** Runs `loop` for about `milliseconds`, in growing batches; returns calls per second. */
function opsPerSecond(loop: Loop, milliseconds: number): number {
  let calls = 0;
  let batch = 64;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < milliseconds) {
    sink = loop(batch);
    calls += batch;
    elapsed = performance.now() - start;
    if (elapsed < milliseconds / 20) batch *= 2;
  }
  return (calls / elapsed) * 1000;
}

/**
 * Compares two in-process operations: a warm-up each, then many short rounds alternating
 * A B B A; the ratio is the median of each round's own ratio, its two sides measured back to
 * back, so that the machine's drift (its speed moved by a third within a run) cancels out.
 * @example compareOperations(() => app.urlFor("post", params), () => toPath(params), FULL);
 */
export function compareOperations(
  ours: () => unknown,
  theirs: () => unknown,
  settings: Settings,
): { ours: number; theirs: number; ratio: number } {
  const loops = { ours: loopFor(ours), theirs: loopFor(theirs) };
  opsPerSecond(loops.ours, settings.milliseconds);
  opsPerSecond(loops.theirs, settings.milliseconds);
  const rounds = { ours: [] as number[], theirs: [] as number[] };
  const ratios: number[] = [];
  const count = Math.max(settings.rounds, 3) * ROUNDS_PER_SETTING;
  const milliseconds = settings.milliseconds / ROUNDS_PER_SETTING;
  for (let round = 0; round < count; round += 1) {
    for (const side of sidesOfRound(round)) {
      rounds[side].push(opsPerSecond(loops[side], milliseconds));
    }
    ratios.push((rounds.ours[round] as number) / (rounds.theirs[round] as number));
  }
  if (sink === Symbol.for("never")) console.log(sink);
  return { ours: median(rounds.ours), theirs: median(rounds.theirs), ratio: median(ratios) };
}
