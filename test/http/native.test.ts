import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS } from "../helpers/hosts.js";
import { type Served, serve } from "../helpers/serve.js";

// Each host's fixture "native" writes its views with the host's own handlers
// ((req, res, next) on Express, (request, reply) on Fastify); what a client sees is the same.

describe.each(HOSTS)("native views ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, host.nativeFixture, { modules: ["native"] });
  });
  afterAll(() => served.close());

  it("get typed, converted params and urlFor with relative names", async () => {
    expect(await (await served.fetch("/native/7/")).text()).toBe("native 7 number /native/8/");
  });

  it("can be typed from their rule with View<rule>", async () => {
    const response = await served.fetch("/native/typed/hello-world/");
    expect(await response.text()).toBe("title=hello-world module=native");
  });

  it("send what they sent natively when they also return a value, and the value is dropped with a warning", async () => {
    expect(await (await served.fetch("/native/both/")).text()).toBe("sent natively");
    expect(served.logger.lines.at(-1)).toBe(
      "warn: The view of 'native.both' sent a response and also returned one; the returned one was dropped.",
    );
  });

  it("report errors the host's way (next(error), reply.send(error)): a logged 500 page", async () => {
    const response = await served.fetch("/native/error/");
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).not.toContain("boom");
    expect(served.logger.lines.at(-1)).toMatch(
      /^error: GET \/native\/error\/ failed with a 500: Error: boom from /,
    );
  });

  it("cut the connection when they throw after writing half a response, and the server keeps serving", async () => {
    const outcome = await served
      .fetch("/native/half/")
      .then((response) => response.text())
      .then(
        (text) => `complete: ${text}`,
        () => "aborted",
      );
    expect(outcome).toBe("aborted");
    expect(served.logger.lines.at(-1)).toContain("failed after writing half");
    expect((await served.fetch("/native/7/")).status).toBe(200);
  });
});
