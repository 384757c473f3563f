import { isByteRanges } from "../lookup/range-header.js";
import type { StaticRoute } from "../routing/route.js";
import type { HostAdapter } from "./host-adapter.js";

/**
 * `/static/<path:filename>`: the index names the file, which the host's sender sends; a file
 * the index does not know is `notFound` (a 404), a sender's error (a 416) `fail`.
 * @example sendStaticFile(host, route, params, req, res, () => passOn(), (error) => fail(error));
 */
export function sendStaticFile<HostRequest, HostResponse>(
  host: HostAdapter<HostRequest, HostResponse>,
  route: StaticRoute,
  params: Record<string, unknown>,
  request: HostRequest,
  response: HostResponse,
  notFound: () => void,
  fail: (error: unknown) => void,
): void {
  const file = route.files.find(String(params.filename));
  if (!file) {
    notFound();
    return;
  }
  // A malformed Range is ignored on both hosts: either sender would answer it with a 416.
  const { headers } = host.incoming(request);
  if (headers.range !== undefined && !isByteRanges(headers.range)) delete headers.range;
  host.sendFile(request, response, file, notFound, fail);
}
