import type { ServerOptions } from "../servers/types.js";
import { type LoadGenerator, type LoadRequest, loadGenerator } from "./load-generator.js";
import { type ServerProcess, type ServerSpec, startServer } from "./server-process.js";
import type { Settings } from "./settings.js";
import { median, sidesOfRound } from "./stats.js";

/** Two servers answering the same request: this library's and the plain equivalent. */
export interface HttpPair {
  readonly ours: ServerSpec;
  readonly theirs: ServerSpec;
  readonly request: LoadRequest;
}

/**
 * A pair of one server family: this library's variant and the plain one, on the same
 * generated app, asked for the same path (or sent the same request).
 * @example pairOf("static", "ours-express", "express", options, "/static/site.css");
 */
export function pairOf(
  family: ServerSpec["family"],
  ours: string,
  theirs: string,
  options: ServerOptions,
  request: string | LoadRequest,
): HttpPair {
  return {
    ours: { family, variant: ours, options },
    theirs: { family, variant: theirs, options },
    request: typeof request === "string" ? { path: request } : request,
  };
}

/** Requests per second of each side (medians), and every round's figure. */
export interface PairResult {
  readonly ours: number;
  readonly theirs: number;
  readonly rounds: { readonly ours: number[]; readonly theirs: number[] };
}

/** The generator every pair of this run uses: wrk when installed, else autocannon. */
export const GENERATOR: LoadGenerator = loadGenerator();

/** One round of load; any non-2xx answer or socket error fails the run rather than skew it. */
async function load(
  server: ServerProcess,
  request: LoadRequest,
  seconds: number,
  connections: number,
) {
  const result = await GENERATOR.run(server.url, request, seconds, connections);
  const { non2xx, errors } = result.failures;
  if (non2xx > 0 || errors > 0) {
    throw new Error(
      `${server.url}${request.path} answered ${non2xx} non-2xx responses and ${errors} socket errors under ${GENERATOR.name}; a benchmark of failures measures nothing.`,
    );
  }
  return result.perSecond;
}

/** Both sides must answer the request alike before their speed is compared. */
async function checkSameAnswer(ours: ServerProcess, theirs: ServerProcess, request: LoadRequest) {
  const init = {
    method: request.method ?? "GET",
    ...(request.headers && { headers: request.headers }),
    ...(request.body !== undefined && { body: request.body }),
  };
  const [a, b] = await Promise.all([
    fetch(ours.url + request.path, init),
    fetch(theirs.url + request.path, init),
  ]);
  const [bodyA, bodyB] = await Promise.all([a.text(), b.text()]);
  if (a.status !== 200 || b.status !== 200 || bodyA !== bodyB) {
    throw new Error(
      `The two sides answer ${request.path} differently (${a.status} vs ${b.status}, bodies ${bodyA.length} vs ${bodyB.length} bytes): they must do the same work to be compared.\nours: ${bodyA.slice(0, 200)}\ntheirs: ${bodyB.slice(0, 200)}`,
    );
  }
}

/**
 * Measures a pair in one run: both servers up, a warm-up each, then rounds alternating A B B A.
 * @example const { ours, theirs } = await comparePair(pair, FULL);
 */
export async function comparePair(pair: HttpPair, settings: Settings): Promise<PairResult> {
  const [ours, theirs] = [await startServer(pair.ours), await startServer(pair.theirs)];
  try {
    const { request } = pair;
    await checkSameAnswer(ours, theirs, request);
    const { seconds, connections } = settings;
    await load(ours, request, settings.warmup, connections);
    await load(theirs, request, settings.warmup, connections);
    const rounds = { ours: [] as number[], theirs: [] as number[] };
    const servers = { ours, theirs };
    for (let round = 0; round < settings.rounds; round += 1) {
      for (const side of sidesOfRound(round)) {
        rounds[side].push(await load(servers[side], request, seconds, connections));
      }
    }
    return { ours: median(rounds.ours), theirs: median(rounds.theirs), rounds };
  } finally {
    await Promise.all([ours.stop(), theirs.stop()]);
  }
}
