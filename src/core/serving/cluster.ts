import cluster, { type Worker } from "node:cluster";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism } from "node:os";
import type { Logger } from "../logger.js";

/** How many processes serve the app: a count, or `"auto"` (or `0`) for one per CPU. */
export type Workers = number | "auto";

/**
 * The second argument of `app.listen`, when it is more than a host.
 * @example await app.listen(5000, { host: "127.0.0.1", workers: "auto" });
 */
export interface ListenOptions {
  /** The interface to listen on; every interface when absent. */
  host?: string;
  /**
   * Serve from this many processes with `node:cluster`, all on the same port: the primary
   * process forks them and supervises them (see `ClusterPrimary`); `"auto"` or `0` is one per
   * CPU (`os.availableParallelism()`). Absent: one process, no cluster.
   */
  workers?: Workers;
}

/**
 * What `listen` resolves to in the primary process of a cluster, once every worker listens.
 * The primary serves no request itself: it keeps `workers` processes running (a worker that
 * dies unexpectedly is replaced, with a log line) and, on SIGTERM or SIGINT, closes them all
 * gracefully and exits 0. `app.close()` in the primary closes every worker.
 * @example const listening = await app.listen(5000, { workers: 4 }); if ("pids" in listening) console.log(listening.pids);
 */
export interface ClusterPrimary {
  /** The address every worker listens on (they share it, port 0 included). */
  address(): AddressInfo;
  /** The process ids of the workers running now. */
  readonly pids: readonly number[];
}

/** The message the primary sends a worker to close it gracefully. */
interface CloseMessage {
  readonly microservicesApp: "close";
  readonly timeout: number;
}

const isCloseMessage = (message: unknown): message is CloseMessage =>
  typeof message === "object" &&
  message !== null &&
  (message as Partial<CloseMessage>).microservicesApp === "close";

/** The address a worker's "listening" event carries. */
interface ClusterAddress {
  readonly address: string | null;
  readonly port: number | null;
  readonly addressType: number | string;
}

/** How long the primary waits past the close timeout before it kills a worker still running. */
const KILL_GRACE_MS = 2_000;

export const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;

/** Options of `app.close()`. */
export interface CloseOptions {
  /** Milliseconds to let in-flight requests finish before their connections are cut: 10000. */
  timeout?: number;
}

/** The host and worker count of `listen(port, hostOrOptions)`; `workers` is absent without a cluster. */
export function listenSettings(hostOrOptions: string | ListenOptions | undefined): {
  host: string | undefined;
  workers: number | undefined;
} {
  if (hostOrOptions === undefined || typeof hostOrOptions === "string") {
    return { host: hostOrOptions, workers: undefined };
  }
  const { host, workers } = hostOrOptions;
  return { host, workers: workers === undefined ? undefined : workerCount(workers) };
}

/** The number of processes `workers` asks for: `"auto"` and `0` are one per CPU. */
export function workerCount(workers: Workers): number {
  if (workers === "auto" || workers === 0) return availableParallelism();
  if (!Number.isSafeInteger(workers) || workers < 0) {
    throw new RangeError(
      `The workers option must be a whole number of processes or "auto", not ${String(workers)}. ` +
        'Pass workers: "auto" (or 0) for one process per CPU, or leave it out to serve from one process.',
    );
  }
  return workers;
}

/** What the cluster logic needs of a host's app. */
export interface ClusteredApp {
  readonly logger: Logger;
  close(options?: CloseOptions): Promise<void>;
}

/** Whether `listen` with `workers` should fork (this process is a cluster's primary) or serve. */
export const isClusterPrimary = (): boolean => cluster.isPrimary;

/**
 * The primary process of a cluster: forks the workers, replaces those that die unexpectedly,
 * and closes them all on `close()`, SIGTERM or SIGINT.
 */
export class PrimaryProcess implements ClusterPrimary {
  readonly #logger: Logger;
  readonly #workers = new Set<Worker>();
  #address: AddressInfo | undefined;
  #closing: Promise<void> | undefined;
  readonly #onSignal = () => {
    void this.close().then(() => process.exit(0));
  };

  private constructor(logger: Logger) {
    this.#logger = logger;
  }

  /**
   * Forks `count` workers (each runs the main script again, whose `listen` serves) and
   * resolves once all listen. A worker that exits before it listens (a module that fails to
   * load, a port in use) rejects, and the others are closed: it would fail the same way again.
   */
  static async start(count: number, logger: Logger): Promise<PrimaryProcess> {
    const primary = new PrimaryProcess(logger);
    try {
      await Promise.all(Array.from({ length: count }, () => primary.#fork()));
    } catch (error) {
      await primary.close({ timeout: 0 });
      throw error;
    }
    process.on("SIGTERM", primary.#onSignal);
    process.on("SIGINT", primary.#onSignal);
    return primary;
  }

  address(): AddressInfo {
    if (this.#address === undefined) {
      throw new Error("The cluster has no address yet: await app.listen() before asking for it.");
    }
    return this.#address;
  }

  get pids(): readonly number[] {
    return [...this.#workers].flatMap((worker) => worker.process.pid ?? []);
  }

  /**
   * Asks every worker to close gracefully (in-flight requests finish, cut after `timeout`),
   * and resolves once all have exited; a worker still running `timeout` + 2 s later is killed.
   */
  close(options: CloseOptions = {}): Promise<void> {
    this.#closing ??= this.#closeWorkers(options.timeout ?? DEFAULT_CLOSE_TIMEOUT_MS);
    return this.#closing;
  }

  async #closeWorkers(timeout: number): Promise<void> {
    const message: CloseMessage = { microservicesApp: "close", timeout };
    await Promise.all(
      [...this.#workers].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            const kill = setTimeout(() => worker.process.kill("SIGKILL"), timeout + KILL_GRACE_MS);
            worker.once("exit", () => {
              clearTimeout(kill);
              resolve();
            });
            // A worker whose channel already closed is exiting anyway: its "exit" resolves.
            if (worker.isConnected()) worker.send(message, undefined, () => {});
          }),
      ),
    );
    process.off("SIGTERM", this.#onSignal);
    process.off("SIGINT", this.#onSignal);
  }

  /** Forks one worker; resolves when it listens, rejects if it exits first. */
  #fork(): Promise<void> {
    const worker = cluster.fork();
    this.#workers.add(worker);
    return new Promise((resolve, reject) => {
      let listening = false;
      worker.once("listening", (address: ClusterAddress) => {
        listening = true;
        // node:cluster reports an `addressType` (4 or 6) where a server's address() has a family.
        this.#address ??= {
          address: address.address ?? "",
          family: address.addressType === 6 ? "IPv6" : "IPv4",
          port: address.port ?? 0,
        };
        resolve();
      });
      worker.once("exit", (code: number | null, signal: string | null) => {
        this.#workers.delete(worker);
        if (this.#closing) return;
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        if (!listening) {
          const error = new Error(
            `Worker ${worker.process.pid} ${how} before it listened, so it is not restarted: ` +
              "its own error is printed above; fix it (a module that fails to load, a port in use) and start again.",
          );
          // During start-up this rejects `listen`; later, the cluster goes on with one worker fewer.
          this.#logger.error(error.message);
          reject(error);
          return;
        }
        this.#logger.error(`Worker ${worker.process.pid} ${how}; starting a new one.`);
        this.#fork().catch(() => {
          // Logged above; the cluster keeps serving with the workers it has.
        });
      });
    });
  }
}

const supervised = new WeakSet<ClusteredApp>();

/**
 * Makes a worker's app close when its primary asks, or on SIGTERM or SIGINT (a Ctrl-C reaches
 * every process of the group), then exits the worker: it is the cluster's process, not the
 * user's. Closing twice is closing once.
 */
export function superviseWorker(app: ClusteredApp): void {
  if (supervised.has(app)) return;
  supervised.add(app);
  let stopping = false;
  const stop = (timeout?: number) => {
    if (stopping) return;
    stopping = true;
    app.close(timeout === undefined ? {} : { timeout }).then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error("The worker could not close its server; it exits anyway.", error);
        process.exit(1);
      },
    );
  };
  process.on("message", (message: unknown) => {
    if (isCloseMessage(message)) stop(message.timeout);
  });
  process.on("SIGTERM", () => stop());
  process.on("SIGINT", () => stop());
}

/**
 * `listen` on either host: one server, or with `workers` a cluster whose primary forks and
 * supervises the workers, and whose workers start `listenOnce`'s server.
 */
export async function listenClustered(
  app: ClusteredApp,
  port: number,
  hostOrOptions: string | ListenOptions | undefined,
  listenOnce: (port: number, host: string | undefined) => Promise<Server>,
): Promise<Server | PrimaryProcess> {
  const { host, workers } = listenSettings(hostOrOptions);
  if (workers === undefined) return listenOnce(port, host);
  if (isClusterPrimary()) return PrimaryProcess.start(workers, app.logger);
  const server = await listenOnce(port, host);
  superviseWorker(app);
  return server;
}
