import "nunjucks";

/**
 * Puts string methods back on V8's fast path once Nunjucks is loaded. Its `SafeString`
 * inherits from String.prototype through `Object.create`, and V8 answers that by turning
 * String.prototype's properties into a dictionary: from then on every method called on a
 * string (charCodeAt, indexOf, slice, toLowerCase...), in the whole process, is a slow lookup.
 * A charCodeAt loop ran 5× slower (BENCHMARKS.md, "The fourth round").
 * V8 makes a prototype fast again when a property lookup through an object that inherits
 * from it reaches an inline cache: this does such a lookup, and changes nothing else.
 */
function restoreFastStringMethods(): void {
  const inheritor = Object.create(String.prototype) as Record<string, unknown>;
  const look = (object: Record<string, unknown>) => object.notAStringMethod;
  // V8 gives a function its inline caches after about ten calls.
  for (let call = 0; call < 100; call += 1) look(inheritor);
}

restoreFastStringMethods();
