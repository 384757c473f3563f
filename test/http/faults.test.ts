import { rmSync, unlinkSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { InvalidModule, MicroServicesError, ViewTimeout } from "microservices-app";
import { MicroServicesApp as FastifyApp } from "microservices-app/fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS, type TestHost } from "../helpers/hosts.js";
import { fixture, type Served, scratchCopy, serve } from "../helpers/serve.js";

/** Short enough for a test, long enough for a loaded 2-core machine to answer a normal view. */
const VIEW_TIMEOUT = 200;
const FIXTURE = fixture("faults");

/**
 * What a production error page must never show: the server's folders, source files, stack
 * frames, or (for an internal error) its message.
 */
function expectNothingLeaked(body: string, message?: string): void {
  expect(body).not.toContain(FIXTURE);
  expect(body).not.toContain("file://");
  expect(body).not.toMatch(/\.(ts|js|html)\b/);
  expect(body).not.toMatch(/^\s*at /m);
  expect(body).not.toMatch(/:\d+:\d+/);
  if (message) expect(body).not.toContain(message);
}

/** How a response ended for the client: whole (status and body), or cut mid-way. */
async function outcome(response: Promise<Response>): Promise<string> {
  try {
    const answered = await response;
    return `complete ${answered.status}: ${await answered.text()}`;
  } catch {
    return "aborted";
  }
}

/**
 * Every HTTP response a server writes on one keep-alive connection to a request, until `settled`
 * (the view's late settling, logged) and then the answer to a GET /ok/ on the same connection:
 * a view that answered twice would show its second response before that "ok".
 */
function responsesOnOneConnection(
  port: number,
  path: string,
  settled: Promise<unknown>,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () =>
      socket.write(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`),
    );
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString("utf8");
      if (received.endsWith("\r\n\r\nok")) {
        socket.destroy();
        resolve(received);
      }
    });
    socket.on("error", reject);
    socket.on("close", () => reject(new Error(`the connection closed after: ${received}`)));
    void settled.then(() => socket.write("GET /ok/ HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n"));
  });
}

describe.each(HOSTS)("faults ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "faults", {
      modules: ["faults", "healthy"],
      options: { viewTimeout: VIEW_TIMEOUT },
    });
  });
  afterAll(() => served.close());

  const text = async (path: string) => (await served.fetch(path)).text();
  /** The log lines written since `from`, as the app's logger got them. */
  const linesSince = (from: number) => served.logger.lines.slice(from).join("\n");

  /**
   * Runs a faulty request while normal ones go to the same server: one before, one at the
   * same time, one after; all of them must be answered as if nothing happened.
   */
  async function alongsideNormalRequests<T>(fault: () => Promise<T>): Promise<T> {
    expect(await text("/ok/")).toBe("ok");
    const [result, during] = await Promise.all([fault(), text("/ok/")]);
    expect(during).toBe("ok");
    expect(await text("/ok/")).toBe("ok");
    expect(await text("/healthy/")).toBe("healthy");
    return result;
  }

  describe("a view that throws", () => {
    it("gets a 500 page that shows no message, path or stack, and logs the error with the request", async () => {
      const from = served.logger.lines.length;
      const response = await alongsideNormalRequests(() => served.fetch("/throws/"));
      expect(response.status).toBe(500);
      expectNothingLeaked(await response.text(), "sync failure");
      expect(linesSince(from)).toContain(
        `error: GET /throws/ failed with a 500: Error: sync failure in file://${FIXTURE}modules/faults/views.ts`,
      );
    });
  });

  describe("a view whose promise rejects", () => {
    it("gets a 500 page that shows no message, path or stack, and logs the error with the request", async () => {
      const from = served.logger.lines.length;
      const response = await alongsideNormalRequests(() => served.fetch("/rejects/"));
      expect(response.status).toBe(500);
      expectNothingLeaked(await response.text(), "async failure");
      expect(linesSince(from)).toContain(
        "error: GET /rejects/ failed with a 500: TypeError: async failure",
      );
    });
  });

  describe("a view that never answers", () => {
    it("gets the 503 page after viewTimeout, and the log names the request and the timeout", async () => {
      const from = served.logger.lines.length;
      const started = Date.now();
      const response = await alongsideNormalRequests(() => served.fetch("/hangs/"));
      expect(Date.now() - started).toBeGreaterThanOrEqual(VIEW_TIMEOUT - 5);
      expect(response.status).toBe(503);
      const body = await response.text();
      expect(body).toContain("<title>503 Service Unavailable</title>");
      expectNothingLeaked(body, "viewTimeout");
      expect(linesSince(from)).toContain(
        `error: GET /hangs/ failed with a 503: ViewTimeout: The view of endpoint 'faults.hangs' did not answer within ${VIEW_TIMEOUT} ms (the viewTimeout option)`,
      );
      const error = served.logger.errors.at(-1);
      expect(error).toBeInstanceOf(ViewTimeout);
      expect(error).toBeInstanceOf(MicroServicesError);
      expect(error).toMatchObject({
        name: "ViewTimeout",
        endpoint: "faults.hangs",
        timeout: VIEW_TIMEOUT,
      });
    });

    it("drops a value resolved after the timeout: one response on the connection, a warning logged", async () => {
      const from = served.logger.lines.length;
      const port = Number(new URL(served.baseUrl).port);
      const settled = served.logger.logged("'faults.resolvesLate' settled after", from);
      const received = await responsesOnOneConnection(port, "/resolves-late/", settled);
      expect(received.match(/HTTP\/1\.1 \d{3}/g)).toEqual(["HTTP/1.1 503", "HTTP/1.1 200"]);
      expect(received).not.toContain("too late");
      expect(linesSince(from)).toContain(
        `warn: The view of endpoint 'faults.resolvesLate' settled after its ${VIEW_TIMEOUT} ms viewTimeout had answered the request; what it returned was dropped.`,
      );
      expect(await text("/ok/")).toBe("ok");
    });

    it("logs an error thrown after the timeout, without a second response or a crash", async () => {
      const from = served.logger.lines.length;
      const port = Number(new URL(served.baseUrl).port);
      const settled = served.logger.logged("'faults.rejectsLate' settled after", from);
      const received = await responsesOnOneConnection(port, "/rejects-late/", settled);
      expect(received.match(/HTTP\/1\.1 \d{3}/g)).toEqual(["HTTP/1.1 503", "HTTP/1.1 200"]);
      expect(linesSince(from)).toContain(
        `error: The view of endpoint 'faults.rejectsLate' settled after its ${VIEW_TIMEOUT} ms viewTimeout had answered the request; it then failed: Error: late failure`,
      );
      expect(await text("/ok/")).toBe("ok");
    });

    it("cuts a response it had started when the timeout comes, and logs why", async () => {
      const from = served.logger.lines.length;
      const result = await alongsideNormalRequests(() =>
        outcome(served.fetch("/half-then-hangs/")),
      );
      expect(result).toBe("aborted");
      expect(linesSince(from)).toContain(
        "error: GET /half-then-hangs/ failed after its response had started (the connection was cut, so that the client cannot take half a response for a whole one): ViewTimeout: The view of endpoint 'faults.halfThenHangs' did not answer",
      );
    });

    it("leaves a whole response it had sent alone, and logs the pending view", async () => {
      const from = served.logger.lines.length;
      const result = await alongsideNormalRequests(() =>
        outcome(served.fetch("/sent-then-hangs/")),
      );
      expect(result).toBe("complete 200: a whole response");
      const line = await served.logger.logged("GET /sent-then-hangs/", from);
      expect(line).toContain(
        "error: GET /sent-then-hangs/ failed after its response was sent (the client got that response): ViewTimeout:",
      );
    });
  });

  describe("a view that fails after writing half a response", () => {
    it.each([
      ["throws", "/half-then-throws/", "failure after half a response"],
      ["rejects", "/half-then-rejects/", "async failure after half a response"],
      ["returns a stream that fails", "/stream-fails/", "stream failure"],
    ])(
      "cuts the connection when it %s, logs the error, and keeps serving",
      async (_how, path, message) => {
        const from = served.logger.lines.length;
        const result = await alongsideNormalRequests(() => outcome(served.fetch(path)));
        expect(result).toBe("aborted");
        expect(linesSince(from)).toContain(
          `error: GET ${path} failed after its response had started (the connection was cut, so that the client cannot take half a response for a whole one): Error: ${message}`,
        );
      },
    );

    it("keeps a whole response a view sent before it threw, and logs the error", async () => {
      const from = served.logger.lines.length;
      const result = await alongsideNormalRequests(() =>
        outcome(served.fetch("/sent-then-throws/")),
      );
      expect(result).toBe("complete 200: a whole response");
      expect(linesSince(from)).toContain(
        "error: GET /sent-then-throws/ failed after its response was sent (the client got that response): Error: failure after a whole response",
      );
    });
  });

  describe("a module whose import throws", () => {
    it("rejects registerUrls with an InvalidModule naming the module, its file, the error and where it was thrown", async () => {
      const error = await served.app.registerUrls(["broken"]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidModule);
      expect((error as InvalidModule).message).toBe(
        'Invalid module "broken" (modules/broken/index.ts): importing it threw Error: FAULTS_FIXTURE_SETTING is not set; the broken module cannot start (at modules/broken/views.ts:5). Fix the error, or leave the module out of registerUrls.',
      );
      expect((error as Error).cause).toBeInstanceOf(Error);
    });

    it("leaves the app serving the modules it had, and registering others", async () => {
      const [registered, during] = await Promise.all([
        served.app.registerUrls(["broken"]).catch((caught: unknown) => caught),
        text("/healthy/"),
      ]);
      expect(registered).toBeInstanceOf(InvalidModule);
      expect(during).toBe("healthy");
      expect([...served.app.blueprints.keys()]).toEqual(["faults", "healthy"]);
      expect(await text("/healthy/")).toBe("healthy");
      expect((await served.fetch("/broken/")).status).toBe(404);
      const other = host.create(FIXTURE, { logger: served.logger });
      await other.registerUrls(["healthy"]);
      expect(other.blueprints.has("healthy")).toBe(true);
    });
  });

  describe("a template with a syntax error", () => {
    it.each(["/bad-template/", "/bad-include/"])(
      "answers %s with a 500 page showing neither the template's path nor Nunjucks's message, and logs the error",
      async (path) => {
        const from = served.logger.lines.length;
        const response = await alongsideNormalRequests(() => served.fetch(path));
        expect(response.status).toBe(500);
        const body = await response.text();
        expectNothingLeaked(body, "bad-syntax");
        expect(body).not.toMatch(/Template render error|unexpected|expected/i);
        const logged = linesSince(from);
        expect(logged).toContain(`error: GET ${path} failed with a 500: Template render error`);
        expect(logged).toContain("bad-syntax.html");
      },
    );

    it("falls back to the built-in page when the error page template is broken, and logs it", async () => {
      const from = served.logger.lines.length;
      const response = await served.fetch("/healthy/forbidden/");
      expect(response.status).toBe(403);
      const body = await response.text();
      expect(body).toContain("<title>403 Forbidden</title>");
      expectNothingLeaked(body);
      expect(linesSince(from)).toContain(
        "error: The error page template 403.html failed to render; the built-in page was sent.",
      );
    });
  });

  describe("error pages in production", () => {
    it.each([
      ["a 404", "/no/such/page/", 404],
      ["a 404 under a module's prefix", "/healthy/nothing/", 404],
      ["a 405", "/ok/", 405],
      ["a 500", "/throws/", 500],
    ])("show no path or stack for %s", async (_what, path, status) => {
      const response = await served.fetch(path, status === 405 ? { method: "POST" } : {});
      expect(response.status).toBe(status);
      expectNothingLeaked(await response.text());
    });
  });

  describe("with debug on", () => {
    let debug: Served;
    beforeAll(async () => {
      debug = await serve(host, "faults", {
        modules: ["faults"],
        options: { debug: true, viewTimeout: VIEW_TIMEOUT },
      });
    });
    afterAll(() => debug.close());

    it("shows a template's syntax error and its file on the 500 page", async () => {
      const response = await debug.fetch("/bad-template/");
      expect(response.status).toBe(500);
      const body = await response.text();
      expect(body).toContain("Template render error");
      expect(body).toContain("bad-syntax.html");
    });

    it("shows the ViewTimeout on the 503 page", async () => {
      const response = await debug.fetch("/hangs/");
      expect(response.status).toBe(503);
      const body = await response.text();
      expect(body).toContain("<h1>Service Unavailable (debug)</h1>");
      expect(body).toContain("ViewTimeout: The view of endpoint &#39;faults.hangs&#39;");
    });
  });

  describe("the viewTimeout option", () => {
    it("waits for a slow view as long as it takes when it is 0", async () => {
      const patient = await serve(host, "faults", {
        modules: ["faults"],
        options: { viewTimeout: 0 },
      });
      try {
        const response = await patient.fetch("/resolves-late/");
        expect(response.status).toBe(200);
        expect(await response.text()).toBe("too late");
        expect(patient.logger.lines).toEqual([]);
      } finally {
        await patient.close();
      }
    });

    it.each([-1, 1.5, Number.NaN, 2 ** 31])(
      "refuses %s with a RangeError that gives the range",
      (value) => {
        expect(() => host.create(FIXTURE, { viewTimeout: value })).toThrow(
          /^The viewTimeout option must be a whole number of milliseconds from 0 \(no timeout\) to 2147483647, got .+\. Pass, e\.g\., viewTimeout: 30000\.$/,
        );
      },
    );
  });
});

describe("the viewTimeout default", () => {
  it("is 30 seconds, gunicorn's worker timeout", () => {
    expect(new FastifyApp(FIXTURE).viewTimeout).toBe(30_000);
  });
});

describe.each(HOSTS)("a static file deleted while served ($name)", (host: TestHost) => {
  const LARGE = 48 * 1024 * 1024;
  let folder: string;
  let served: {
    get: (path: string) => Promise<Response>;
    close: () => Promise<void>;
    errors: () => string[];
  };

  beforeAll(async () => {
    folder = scratchCopy("faults");
    writeFileSync(join(folder, "static", "large.bin"), Buffer.alloc(LARGE, 7));
    writeFileSync(join(folder, "static", "doomed.txt"), "doomed\n");
    const lines: string[] = [];
    const app = host.create(folder, {
      logger: {
        info: () => {},
        warn: (line) => lines.push(line),
        error: (line) => lines.push(line),
      },
    });
    await app.registerUrls(["faults"]);
    const server = await app.listen(0, "127.0.0.1");
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    served = { get: (path) => fetch(base + path), close: () => app.close(), errors: () => lines };
  });
  afterAll(async () => {
    await served.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("finishes (or cleanly cuts) a download whose file is deleted mid-way, then answers 404", async () => {
    const response = await served.get("/static/large.bin");
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    let received = first.value?.byteLength ?? 0;
    unlinkSync(join(folder, "static", "large.bin"));
    expect(await (await served.get("/ok/")).text()).toBe("ok");
    let ended: string;
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        received += chunk.value.byteLength;
      }
      ended = received === LARGE ? "complete" : `short by ${LARGE - received} bytes`;
    } catch {
      ended = "cut";
    }
    // Linux keeps a deleted file's data while it is open: the download completes.
    expect(["complete", "cut"]).toContain(ended);
    const after = await served.get("/static/large.bin");
    expect(after.status).toBe(404);
    expectNothingLeaked(await after.text());
    expect(served.errors()).toEqual([]);
  });

  it("answers 404, not a 5xx, for a file deleted between two requests", async () => {
    expect(await (await served.get("/static/doomed.txt")).text()).toBe("doomed\n");
    unlinkSync(join(folder, "static", "doomed.txt"));
    const response = await served.get("/static/doomed.txt");
    expect(response.status).toBe(404);
    expectNothingLeaked(await response.text());
    expect(await (await served.get("/static/small.txt")).text()).toBe("a small static file\n");
    expect(served.errors()).toEqual([]);
  });
});
