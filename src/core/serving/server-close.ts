import type { IncomingMessage, Server, ServerResponse } from "node:http";

/** How often idle keep-alive connections are looked for while a server closes. */
const SWEEP_MS = 50;

/**
 * Closes a Node HTTP server gracefully, for both hosts: no new connections, in-flight requests
 * finish, and each keep-alive connection closes as soon as it is idle; whatever is still busy
 * after `timeout` ms is cut. `stop` is the host's own close (`server.close`, `fastify.close()`).
 * Nothing is added to the request path until a close starts.
 * @example await closeGracefully(server, 10_000, () => fastify.close());
 */
export async function closeGracefully(
  server: Server,
  timeout: number,
  stop: () => Promise<void>,
): Promise<void> {
  // A request on a kept-alive connection meanwhile is the last one: "Connection: close".
  const lastOnItsConnection = (_request: IncomingMessage, response: ServerResponse) => {
    response.shouldKeepAlive = false;
  };
  server.on("request", lastOnItsConnection);
  // Node closes only the connections idle when close starts; one whose response ends later
  // would hold the close until the timeout, so idle ones are swept as they appear.
  const sweep = setInterval(() => server.closeIdleConnections(), SWEEP_MS);
  const cut = setTimeout(() => server.closeAllConnections(), timeout);
  sweep.unref();
  cut.unref();
  try {
    await stop();
  } finally {
    clearInterval(sweep);
    clearTimeout(cut);
    server.off("request", lastOnItsConnection);
  }
}
