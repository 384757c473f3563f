import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HOSTS } from "../helpers/hosts.js";
import { captureLogger } from "../helpers/logger.js";
import { fixture, type Served, serve } from "../helpers/serve.js";

describe.each(HOSTS)("the server ($name)", (host) => {
  let served: Served | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  it("resolves listen() to the started http.Server", async () => {
    const app = host.create(fixture("views"), { logger: captureLogger() });
    const server = await app.listen(0, "127.0.0.1");
    try {
      expect(server.listening).toBe(true);
      expect((server.address() as AddressInfo).address).toBe("127.0.0.1");
    } finally {
      await app.close();
    }
    expect(server.listening).toBe(false);
  });

  it("listens on every interface when no host is given", async () => {
    const app = host.create(fixture("views"), { logger: captureLogger() });
    const server = await app.listen(0);
    try {
      expect(["::", "0.0.0.0"]).toContain((server.address() as AddressInfo).address);
    } finally {
      await app.close();
    }
  });

  it("lets in-flight requests finish on close(), then stops", async () => {
    served = await serve(host, "views", { modules: ["returns"] });
    const arrived = once(served.server, "request");
    const slow = served.fetch("/slow/").then((response) => response.text());
    await arrived;
    await served.close();
    expect(await slow).toBe("slow done");
    await expect(served.fetch("/string/")).rejects.toThrow();
  });
});
