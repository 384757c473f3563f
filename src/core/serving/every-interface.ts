/**
 * Listens on `host`, or without one on every interface as Node does: IPv6's "::" (which also
 * takes IPv4 where the system allows), falling back to "0.0.0.0" on a machine without IPv6.
 * For hosts whose `listen` needs a host named (Fastify's defaults to localhost).
 * @example await listenOnEveryInterface(undefined, (host) => fastify.listen({ port, host }));
 */
export async function listenOnEveryInterface(
  host: string | undefined,
  listen: (host: string) => Promise<unknown>,
): Promise<void> {
  try {
    await listen(host ?? "::");
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (host !== undefined || (code !== "EAFNOSUPPORT" && code !== "EADDRNOTAVAIL")) throw error;
    await listen("0.0.0.0");
  }
}
