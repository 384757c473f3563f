import { mkdtempSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ExampleSession } from "./helpers/example-session.js";
import { connectionRefused, eventually, runScript, type ScriptProcess } from "./helpers/process.js";

/** The example on each host, as its own process. */
const EXAMPLES = [
  { name: "express", script: "example/app.ts" },
  { name: "fastify", script: "example/app-fastify.ts" },
] as const;

const BANNER = /^microservices-app example running on http:\/\/127\.0\.0\.1:(\d+) \(/;

describe.each(EXAMPLES)("the example process on SIGTERM ($name)", (example) => {
  let running: ScriptProcess | undefined;
  afterEach(() => {
    running?.child.kill("SIGKILL");
    running = undefined;
  });

  it("refuses new connections, completes the request in flight, then exits 0", async () => {
    const database = join(mkdtempSync(join(tmpdir(), "example-process-")), "site.db");
    running = runScript(example.script, { PORT: "0", EXAMPLE_DATABASE: database });
    const port = Number(BANNER.exec(await running.line((text) => BANNER.test(text)))?.[1]);

    // A form post (with its session's CSRF token) whose body arrives slowly: the server has
    // its headers, not all its body.
    const user = new ExampleSession(`http://127.0.0.1:${port}`);
    const token = await user.csrfToken("/forum/new/");
    const body = `csrf_token=${token}&author=Ann&title=Posted+during+shutdown&body=It+still+arrives.`;
    const socket = connect(port, "127.0.0.1");
    let response = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      response += chunk;
    });
    const closed = new Promise((resolve) => socket.once("close", resolve));
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(
      "POST /forum/new/ HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
        "Content-Type: application/x-www-form-urlencoded\r\n" +
        `Cookie: ${user.cookieHeader()}\r\n` +
        // Node answers "100 Continue" once the request reached the app: the signal that it is
        // in flight, rather than a guess at how long that takes.
        "Expect: 100-continue\r\n" +
        `Content-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    await eventually("the example has the request", () => response.includes("100 Continue"));

    running.child.kill("SIGTERM");
    await eventually("the example stops accepting connections", () => connectionRefused(port));
    expect(running.child.exitCode).toBeNull();

    // The server ends the connection after this response: it is closing.
    socket.write(body.slice(10));
    // The server closes the connection with its response (the client never does): an idle
    // keep-alive would hold the exit back until its timeout, 5 s on Express, 72 s on Fastify.
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 303 See Other\r\n/);
    expect(response).toMatch(/\r\nlocation: \/forum\/\r\n/i);
    expect(await running.exited).toBe(0);
  }, 30_000);
});
