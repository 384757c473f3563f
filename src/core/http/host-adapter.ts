import type { IncomingMessage, ServerResponse } from "node:http";
import type { StaticFile } from "../lookup/static-files.js";
import type { Route } from "../routing/route.js";
import type { UrlRule } from "../routing/url-rule.js";
import type { ResponseSpec } from "./responses.js";

/** Host-native middleware, as `blueprint.use` stores it (each host knows its shape). */
export type NativeMiddleware = (...args: never[]) => unknown;

/** The scheme and host external URLs are built from in a request. */
export interface Origin {
  readonly scheme: string;
  readonly host: string;
}

/**
 * What a host (Express, Fastify) does for the request pipeline, and nothing more: reach the
 * Node request and response under its own objects, expose the match on its request, write a
 * response and send a file its own way, and route a 404 or an error through its own chain (so
 * that the user's middleware and hooks see them). Everything else of a request's life is the
 * core's `RequestPipeline`. To add a host, implement this and call `pipeline.dispatch`.
 * @example const pipeline = new RequestPipeline(internalsOf(app), expressAdapter);
 */
export interface HostAdapter<HostRequest, HostResponse> {
  /** The Node request under the host's request. */
  incoming(request: HostRequest): IncomingMessage;
  /** The Node response under the host's response. */
  outgoing(response: HostResponse): ServerResponse;
  /** Scheme and host of this request, as the host reads them (its proxy trust applies). */
  origin(request: HostRequest): Origin;
  /**
   * Whether the host trusts the proxy this request came from (Express's "trust proxy",
   * Fastify's `trustProxy`), so that its `X-Forwarded-Prefix` applies. Asked while matching,
   * before the host's own middleware, and only of a request that sends that header.
   */
  trustsProxy(request: HostRequest): boolean;
  /** Puts the matched route on the host's request: its converted `params`, `module` and `urlRule`. */
  bind(request: HostRequest, route: Route, params: Record<string, unknown>, urlRule: UrlRule): void;
  /** Whether the response was already sent or begun, natively or by the pipeline. */
  hasResponded(response: HostResponse): boolean;
  /** Writes a response the core describes; a streamed body that fails goes to `fail`. */
  write(response: HostResponse, spec: ResponseSpec, fail?: (error: unknown) => void): void;
  /** Sends a static file with the host's sender; `notFound` when it cannot find it. */
  sendFile(
    request: HostRequest,
    response: HostResponse,
    file: StaticFile,
    notFound: () => void,
    fail: (error: unknown) => void,
  ): void;
  /**
   * The `Content-Type` the host's static sender gives a file (by its extension), for the
   * files answered from memory: each host keeps its own sender's table. `undefined`: the
   * sender sends none, and the file streams from the disk as it always did.
   */
  staticContentType(path: string): string | undefined;
  /**
   * A request no rule claims: on to the host's own routes (true), or false when the host has
   * none, and the pipeline answers the 404 page.
   */
  passOn(request: HostRequest, response: HostResponse, next: unknown): boolean;
  /**
   * Hands an error to the host's error chain, which ends in `pipeline.finish` (true), or
   * false for the pipeline to finish the request with it directly.
   */
  fail(request: HostRequest, response: HostResponse, next: unknown, error: unknown): boolean;
  /**
   * Calls one of a module's host-native middleware (`blueprint.use`) the host's way; it calls
   * `next()` to pass the request on, `next(error)` when it failed, or answers and does neither.
   */
  callMiddleware(
    middleware: NativeMiddleware,
    request: HostRequest,
    response: HostResponse,
    next: (error?: unknown) => void,
  ): void;
}
