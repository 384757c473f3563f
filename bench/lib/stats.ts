/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length === 0) throw new Error("The median of no values is undefined.");
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * The sides in the order round `round` measures them: A B, then B A, and so on (A B B A...).
 * This machine speeds up under sustained load (a server's rate climbed from 21k to 62k
 * requests a second over 15 seconds of it), so with A always first, B always met the faster
 * machine; in pairs of rounds taken in both orders a steady drift cancels out.
 * @example for (const side of sidesOfRound(1)) measure(side); // "theirs", then "ours"
 */
export function sidesOfRound(
  round: number,
): readonly ["ours", "theirs"] | readonly ["theirs", "ours"] {
  return round % 2 === 0 ? (["ours", "theirs"] as const) : (["theirs", "ours"] as const);
}
