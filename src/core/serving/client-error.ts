import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { errorPage, statusText } from "../http/error-pages.js";

/** The status for what Node's HTTP parser refused: a timeout, headers (or URL) too large, else 400. */
function clientErrorStatus(code: string | undefined): number {
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") return 408;
  if (code === "HPE_HEADER_OVERFLOW") return 431;
  return 400;
}

/** Writes the built-in error page of `status` straight to a socket, then closes it. */
function answerOnSocket(socket: Duplex, status: number, error?: Error): void {
  if (socket.writable && (socket as Partial<Socket>).bytesWritten === 0) {
    const body = errorPage(status);
    socket.write(
      `HTTP/1.1 ${status} ${statusText(status)}\r\n` +
        "Content-Type: text/html; charset=utf-8\r\n" +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        "Connection: close\r\n\r\n" +
        body,
    );
  }
  if (error) socket.destroy(error);
  else socket.end();
}

/**
 * Answers a request Node's HTTP parser refused before any app saw it (a space in the path,
 * invalid bytes, headers too large): the built-in error page for its status, then the
 * connection closes. Both hosts use it, so that such a client sees the same on either.
 * @example server.on("clientError", handleClientError);
 */
export function handleClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  answerOnSocket(socket, clientErrorStatus(error.code), error);
}

/**
 * Answers a `CONNECT` (a request to open a tunnel, for proxies) with a 400 page: this is not a
 * proxy. Without a listener Node would drop the connection without a word.
 * @example server.on("connect", refuseConnect);
 */
export function refuseConnect(_request: IncomingMessage, socket: Duplex): void {
  answerOnSocket(socket, 400);
}
