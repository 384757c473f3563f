import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
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
    running = runScript(example.script, { PORT: "0" });
    const port = Number(BANNER.exec(await running.line((text) => BANNER.test(text)))?.[1]);

    // A form post whose body arrives slowly: the server has its headers, not all its body.
    const body = "title=Posted+during+shutdown&body=It+still+arrives.";
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
        `Content-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    running.child.kill("SIGTERM");
    await eventually("the example stops accepting connections", () => connectionRefused(port));
    expect(running.child.exitCode).toBeNull();

    // The server ends the connection after this response: it is closing.
    socket.write(body.slice(10));
    const sent = Date.now();
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 303 See Other\r\n/);
    expect(response).toMatch(/\r\nlocation: \/forum\/\r\n/i);
    expect(await running.exited).toBe(0);
    // The keep-alive connection closed with its response, so nothing held the exit back (an
    // idle keep-alive would, until its timeout: 5 s on Express, 72 s on Fastify).
    expect(Date.now() - sent).toBeLessThan(2_500);
  }, 30_000);
});
