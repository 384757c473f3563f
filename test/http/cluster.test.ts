import { MicroServicesApp } from "microservices-app";
import { MicroServicesApp as FastifyApp } from "microservices-app/fastify";
import { afterEach, describe, expect, it } from "vitest";
import { HOSTS } from "../helpers/hosts.js";
import {
  eventually,
  getOnNewConnection,
  isAlive,
  runScript,
  type ScriptProcess,
} from "../helpers/process.js";
import { fixture } from "../helpers/serve.js";

const APP = "test/fixtures/cluster/app.ts";

/** The app of each host, with the whole of `listen` (TestApp types only `listen(port, host)`). */
const createApp = (hostName: string, root: string) =>
  hostName === "fastify" ? new FastifyApp(root) : new MicroServicesApp(root);

/** What the fixture's primary prints once every worker listens. */
interface Started {
  port: number;
  pids: number[];
}

describe.each(HOSTS)("listen with workers ($name)", (host) => {
  let running: ScriptProcess | undefined;
  afterEach(() => {
    running?.child.kill("SIGKILL");
    running = undefined;
  });

  async function startCluster(env: Record<string, string> = {}): Promise<Started> {
    running = runScript(APP, { HOST: host.name, WORKERS: "2", ...env });
    return JSON.parse(await running.line((text) => text.startsWith("{"))) as Started;
  }

  it("forks the workers, answers from each, and on SIGTERM lets requests finish, then all exit 0", async () => {
    const { port, pids } = await startCluster();
    expect(pids).toHaveLength(2);
    expect(pids).not.toContain(running?.child.pid);

    // The primary hands connections to its workers in turn: both answer.
    const answeredBy = new Set<number>();
    for (let i = 0; i < 20 && answeredBy.size < 2; i++) {
      const { body } = await getOnNewConnection(port, "/pid/");
      answeredBy.add((JSON.parse(body) as { pid: number }).pid);
    }
    expect([...answeredBy].sort()).toEqual([...pids].sort());

    const started = running?.line((text) => text === "slow started");
    const slow = getOnNewConnection(port, "/slow/");
    await started;
    running?.child.kill("SIGTERM");
    expect(await slow).toEqual({ status: 200, body: "slow done" });
    expect(await running?.exited).toBe(0);
    expect(pids.filter(isAlive)).toEqual([]);
  }, 40_000);

  it("replaces a worker that dies, and says so", async () => {
    const { port, pids } = await startCluster();
    const [victim, survivor] = pids as [number, number];
    process.kill(victim, "SIGKILL");
    await eventually("the primary reports the dead worker", () =>
      (running?.stderr() ?? "").includes(
        `Worker ${victim} was killed by SIGKILL; starting a new one.`,
      ),
    );
    // Its replacement answers too, alongside the worker that lived.
    const answeredBy = new Set<number>();
    await eventually(
      "a new worker answers",
      async () => {
        const { body } = await getOnNewConnection(port, "/pid/");
        answeredBy.add((JSON.parse(body) as { pid: number }).pid);
        return [...answeredBy].some((pid) => pid !== survivor);
      },
      20_000,
    );
    expect(answeredBy).not.toContain(victim);
    running?.child.kill("SIGTERM");
    expect(await running?.exited).toBe(0);
  }, 40_000);

  it("rejects listen, and does not restart, when a worker fails before it listens", async () => {
    running = runScript(APP, { HOST: host.name, WORKERS: "2", FAIL_IN_WORKER: "1" });
    expect(await running.exited).toBe(1);
    expect(running.stderr()).toMatch(
      /Worker \d+ exited with code 1 before it listened, so it is not restarted: its own error is printed above;/,
    );
    expect(running.stderr()).toContain("This worker fails before it listens");
    expect(running.stderr()).not.toContain("starting a new one");
  }, 40_000);

  it("refuses a workers count that is not a whole number, saying what to pass", async () => {
    const app = createApp(host.name, fixture("views"));
    await expect(app.listen(0, { host: "127.0.0.1", workers: 1.5 })).rejects.toThrow(
      'The workers option must be a whole number of processes or "auto", not 1.5. ' +
        'Pass workers: "auto" (or 0) for one process per CPU, or leave it out to serve from one process.',
    );
  });

  it("is one server, as listen(port, host) is, when the options have no workers", async () => {
    const app = createApp(host.name, fixture("views"));
    const server = await app.listen(0, { host: "127.0.0.1" });
    try {
      expect(server.address()).toMatchObject({ address: "127.0.0.1" });
    } finally {
      await app.close();
    }
  });
});
