/**
 * The other failures of a `registerUrls` call, by the error it threw (its first failure).
 * `registerUrls` rejects with one error, as it always has; `microservices-app check` reads the
 * rest here, to report every broken module at once.
 * @example const others = moduleFailures.get(error) ?? [];
 */
export const moduleFailures = new WeakMap<object, readonly unknown[]>();
