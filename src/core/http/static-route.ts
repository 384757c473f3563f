import { isByteRanges } from "../lookup/range-header.js";
import type { CachedFile } from "../lookup/static-memory.js";
import type { StaticRoute } from "../routing/route.js";
import { cachedFileResponse } from "./cached-file-response.js";
import type { HostAdapter } from "./host-adapter.js";

/** Each cached file's content type, asked of the host once (an app has one host). */
const contentTypes = new WeakMap<CachedFile, string | undefined>();

function typeOf<HostRequest, HostResponse>(
  host: HostAdapter<HostRequest, HostResponse>,
  file: CachedFile,
  path: string,
): string | undefined {
  if (contentTypes.has(file)) return contentTypes.get(file);
  const type = host.staticContentType(path);
  contentTypes.set(file, type);
  return type;
}

/**
 * `/static/<path:filename>`: the index names the file; a small one in production is answered
 * from memory (`cachedFileResponse`, written by the host as any response), any other is sent
 * by the host's sender from the disk. A file the index does not know, or gone from the disk,
 * is `notFound` (a 404); a refusal (a 412, a 416) is `fail`.
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
  const cached = route.files.memory?.get(file.path);
  const contentType = cached && typeOf(host, cached, file.path);
  if (cached === undefined || contentType === undefined) {
    host.sendFile(request, response, file, notFound, fail);
    return;
  }
  const answer = cachedFileResponse(cached, contentType, headers);
  if (answer instanceof Error) fail(answer);
  else host.write(response, answer, fail);
}
