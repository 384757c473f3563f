import { MemorySessionStore, MissingSecretKey, TimestampSigner } from "microservices-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS } from "../helpers/hosts.js";
import { type Served, serve } from "../helpers/serve.js";

/** The `name=value` part of each Set-Cookie header, for the next request's Cookie header. */
const cookiesOf = (response: Response): string =>
  response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .join("; ");

/** A session cookie as the app would sign it with `key`, `ageSeconds` ago. */
function signedSession(key: string, data: object, ageSeconds = 0): string {
  const signer = new TimestampSigner([key], "cookie-session");
  const payload = Buffer.from(JSON.stringify(data)).toString("base64url");
  return `session=${signer.sign(payload, Date.now() - ageSeconds * 1000)}`;
}

const post = (body: string, cookie = "", headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...headers },
  body,
});

describe.each(HOSTS)("sessions, flash and CSRF ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "request-data", {
      modules: ["data", "api", "members"],
      options: { secretKey: ["new key", "old key"], session: { maxAge: 3600 } },
    });
  });
  afterAll(() => served.close());

  /** A CSRF token and the session cookie that holds it, from the form page. */
  const formPage = async () => {
    const page = await served.fetch("/csrf/");
    const token = /name="csrf_token" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
    return { token, cookie: cookiesOf(page) };
  };

  it("keeps a session in a signed, HttpOnly, SameSite=Lax cookie that comes back", async () => {
    const { token, cookie } = await formPage();
    const saved = await served.fetch("/session/set/", post(`user=ada&csrf_token=${token}`, cookie));
    expect(saved.status).toBe(200);
    const [header] = saved.headers.getSetCookie();
    expect(header).toMatch(
      /^session=[\w-]+\.[\w-]+\.[\w-]+; Max-Age=3600; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    expect(saved.headers.get("vary")).toBe("Cookie");
    const shown = await served.fetch("/session/", { headers: { cookie: cookiesOf(saved) } });
    expect(await shown.json()).toMatchObject({ user: "ada" });
    expect(shown.headers.getSetCookie()).toEqual([]);
  });

  it("ignores a tampered session, one signed with an unknown key, and an expired one", async () => {
    const good = signedSession("new key", { user: "ada" });
    expect(await (await served.fetch("/session/", { headers: { cookie: good } })).json()).toEqual({
      user: "ada",
    });
    const forged = good.replace(
      /^session=[\w-]+/,
      `session=${Buffer.from('{"user":"root"}').toString("base64url")}`,
    );
    for (const cookie of [
      forged,
      signedSession("another key", { user: "mallory" }),
      signedSession("new key", { user: "ada" }, 7200),
      "session=garbage",
    ]) {
      const response = await served.fetch("/session/", { headers: { cookie } });
      expect(response.status).toBe(200);
      expect(await response.json(), cookie).toEqual({});
    }
  });

  it("still reads sessions signed with an old key (key rotation)", async () => {
    const old = signedSession("old key", { user: "grace" });
    expect(await (await served.fetch("/session/", { headers: { cookie: old } })).json()).toEqual({
      user: "grace",
    });
  });

  it("deletes the cookie of an emptied session, and a too large session is a logged 500", async () => {
    const cookie = signedSession("new key", { user: "ada", _csrf_token: "t" });
    const cleared = await served.fetch("/session/clear/", post("csrf_token=t", cookie));
    expect(cleared.status).toBe(200);
    expect(cleared.headers.getSetCookie()[0]).toMatch(/^session=; Max-Age=0;/);
    const huge = await served.fetch("/session/huge/", post("csrf_token=t", cookie));
    expect(huge.status).toBe(500);
    expect(served.logger.lines.join("\n")).toContain("SessionTooLarge");
  });

  it("shows flashed messages once, on the page a redirect leads to", async () => {
    const { token, cookie } = await formPage();
    const posted = await served.fetch("/flash/", post(`csrf_token=${token}`, cookie));
    expect(posted.status).toBe(303);
    const next = cookiesOf(posted);
    const shown = await served.fetch("/flash/show/", { headers: { cookie: next } });
    const page = await shown.text();
    expect(page).toContain(
      '<li class="success">Thread posted.</li><li class="message">Welcome back.</li>',
    );
    expect(page).toContain("again: 2");
    expect(page).toContain("success only: Thread posted.");
    const again = await served.fetch("/flash/show/", { headers: { cookie: cookiesOf(shown) } });
    expect(await again.text()).toContain("<ul></ul>");
  });

  it("accepts a POST with its CSRF token, in the form or the X-CSRFToken header", async () => {
    const { token, cookie } = await formPage();
    expect(token).not.toBe("");
    const accepted = await served.fetch(
      "/csrf/post/",
      post(`name=ada&csrf_token=${token}`, cookie),
    );
    expect(await accepted.json()).toEqual({ posted: "ada" });
    const header = await served.fetch(
      "/csrf/post/",
      post("name=bob", cookie, { "x-csrftoken": token }),
    );
    expect(await header.json()).toEqual({ posted: "bob" });
  });

  it("answers a missing or wrong CSRF token with the 403 page", async () => {
    const { token, cookie } = await formPage();
    const missing = await served.fetch("/csrf/post/", post("name=ada", cookie));
    expect(missing.status).toBe(403);
    const page = await missing.text();
    expect(page).toContain("Forbidden (fixture page)");
    expect(page).toContain("The CSRF token is missing");
    const wrong = await served.fetch("/csrf/post/", post(`name=ada&csrf_token=${token}x`, cookie));
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain("The CSRF token is invalid");
    const noSession = await served.fetch("/csrf/post/", post(`name=ada&csrf_token=${token}`));
    expect(noSession.status).toBe(403);
    const json = await served.fetch("/csrf/post/", {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: "{}",
    });
    expect(json.status).toBe(403);
    expect((await json.json()).error).toContain("The CSRF token is missing");
  });

  it("gives a module's beforeRequest hook the session, after checking CSRF (Flask's order)", async () => {
    const member = signedSession("new key", { user: "ada" });
    const page = await served.fetch("/members/", { headers: { cookie: member } });
    expect(page.status).toBe(200);
    expect(await page.text()).toBe("members only, signed in as ada");
    const stranger = await served.fetch("/members/");
    expect(stranger.status).toBe(303);
    expect(stranger.headers.get("location")).toBe("/sign-in/");
    // The hook and the view see the same form; without its token a post never reaches the hook.
    const { token, cookie } = await formPage();
    const signedIn = await served.fetch(
      "/session/set/",
      post(`user=ada&csrf_token=${token}`, cookie),
    );
    const session = cookiesOf(signedIn);
    const noted = await served.fetch(
      "/members/notes/",
      post(`note=hi&csrf_token=${token}`, session),
    );
    expect(await noted.text()).toBe("noted for ada: hi");
    const forged = await served.fetch("/members/notes/", post("note=hi&csrf_token=wrong", session));
    expect(forged.status).toBe(403);
  });

  it("exempts a url with csrf: false, and a module whose blueprint says csrf: false", async () => {
    expect(await (await served.fetch("/csrf/exempt/", post("name=ada"))).json()).toEqual({
      posted: "ada",
    });
    const api = await served.fetch("/api/items/", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"name":"pen"}',
    });
    expect(await api.json()).toEqual({ created: { name: "pen" } });
  });
});

describe.each(HOSTS)("sessions without a secret key, and in a store ($name)", (host) => {
  it("makes using the session a clear error naming the secretKey option; CSRF is off", async () => {
    const served = await serve(host, "request-data", { modules: ["data"] });
    try {
      expect((await served.fetch("/session/")).status).toBe(500);
      const error = served.logger.errors[0];
      expect(error).toBeInstanceOf(MissingSecretKey);
      expect((error as Error).message).toContain("secretKey option");
      expect((await served.fetch("/csrf/post/", post("name=ada"))).status).toBe(200);
    } finally {
      await served.close();
    }
  });

  it("keeps server-side sessions in a store, the cookie holding a signed id", async () => {
    const store = new MemorySessionStore();
    const served = await serve(host, "request-data", {
      modules: ["data"],
      options: { secretKey: "key", csrf: false, session: { store } },
    });
    try {
      const saved = await served.fetch("/session/set/", post("user=ada"));
      const cookie = cookiesOf(saved);
      expect(cookie).not.toContain(Buffer.from('{"user"').toString("base64url").slice(0, 6));
      const shown = await served.fetch("/session/", { headers: { cookie } });
      expect(await shown.json()).toEqual({ user: "ada" });
      const cleared = await served.fetch("/session/clear/", post("", cookie));
      expect(cleared.headers.getSetCookie()[0]).toMatch(/^session=; Max-Age=0;/);
      expect(await (await served.fetch("/session/", { headers: { cookie } })).json()).toEqual({});
    } finally {
      await served.close();
    }
  });
});
