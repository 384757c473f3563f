import type { HostAdapter, NativeMiddleware } from "./host-adapter.js";

/**
 * Runs a module's host-native middleware (`blueprint.use`) in order, each through the host's
 * `callMiddleware`: resolves `true` when every one passed the request on, `false` when one
 * answered it; rejects with what one failed with (`next(error)`, a throw or a rejection).
 * @example if (await runModuleMiddleware(host, hooks.middleware, req, res)) callTheView();
 */
export function runModuleMiddleware<HostRequest, HostResponse>(
  host: HostAdapter<HostRequest, HostResponse>,
  middleware: readonly NativeMiddleware[],
  request: HostRequest,
  response: HostResponse,
): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let index = 0;
    const step = (error?: unknown): void => {
      if (error !== undefined && error !== null) {
        reject(error);
        return;
      }
      if (host.hasResponded(response)) {
        resolve(false);
        return;
      }
      const next = middleware[index];
      index += 1;
      if (!next) {
        resolve(true);
        return;
      }
      let called = false;
      // A middleware that calls `next` twice must not run the rest (or the view) twice.
      const once = (failure?: unknown) => {
        if (called) return;
        called = true;
        step(failure);
      };
      try {
        host.callMiddleware(next, request, response, once);
      } catch (failure) {
        once(failure);
      }
    };
    step();
  });
}
