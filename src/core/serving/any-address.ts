/** The errors of a machine without IPv6, where "::" cannot be listened on. */
const NO_IPV6 = new Set(["EAFNOSUPPORT", "EADDRNOTAVAIL"]);

/**
 * Listens on `host`, or with none given on every address ("::", IPv6 and IPv4), falling back
 * to every IPv4 address ("0.0.0.0") on a machine without IPv6, as Node's own default does;
 * for hosts whose `listen` needs an address (Fastify's listens on localhost only without one).
 * @example await listenOnAnyAddress((address) => fastify.listen({ port, host: address }), host);
 */
export async function listenOnAnyAddress(
  listen: (host: string) => Promise<unknown>,
  host: string | undefined,
): Promise<void> {
  try {
    await listen(host ?? "::");
  } catch (error) {
    if (host !== undefined || !NO_IPV6.has((error as { code?: string }).code ?? "")) throw error;
    await listen("0.0.0.0");
  }
}
