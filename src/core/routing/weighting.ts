/**
 * Werkzeug's `Weighting` of a rule part (`rules.py`): where several dynamic parts could match
 * the same segment, the matcher tries them in this order.
 */
export interface Weighting {
  /** The length of each run of static text in the part, in order (slashes excluded). */
  readonly statics: readonly number[];
  /** The weight of each converter in the part, in order. */
  readonly converters: readonly number[];
}

/** Compares two lists element by element, as Python compares lists. */
function compareLists(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const difference = (a[index] as number) - (b[index] as number);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/**
 * Werkzeug's order of parts, as its sort of `Weighting(-len(static_weights), static_weights,
 * -len(argument_weights), argument_weights)`: more runs of static text first, then longer runs
 * first, then more converters first, then lighter converters first. So `<path:p>/edit` (one
 * static run) is tried before `<a>` (none), and `<int:id>.json` before `<slug>`.
 * @example compareWeighting({ statics: [4], converters: [200] }, { statics: [], converters: [100] }); // < 0
 */
export function compareWeighting(a: Weighting, b: Weighting): number {
  return (
    b.statics.length - a.statics.length ||
    // (index, -length) pairs: at the same index, the longer run comes first.
    compareLists(
      a.statics.map((length) => -length),
      b.statics.map((length) => -length),
    ) ||
    b.converters.length - a.converters.length ||
    compareLists(a.converters, b.converters)
  );
}
