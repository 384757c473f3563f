import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTS } from "../helpers/hosts.js";
import { type Served, serve } from "../helpers/serve.js";

// Cases of Werkzeug's tests/test_routing.py, each named after its test, over real HTTP on both
// hosts (fixture: test/fixtures/werkzeug-routing).

describe.each(HOSTS)("Werkzeug's routing tests, paging module ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "werkzeug-routing", { modules: ["paging"] });
  });
  afterAll(() => served.close());

  const json = async (path: string) => {
    const response = await served.fetch(path);
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };
  const location = async (path: string, init?: RequestInit) => {
    const response = await served.fetch(path, init);
    expect(response.status).toBe(308);
    return response.headers.get("location");
  };

  it("test_defaults: the view gets the default, equal values redirect to the canonical URL", async () => {
    expect((await json("/users/")).params).toEqual({ page: 1 });
    expect(await location("/users/page/1/")).toBe("/users/");
    expect(await location("/users/page/1/?sort=name")).toBe("/users/?sort=name");
    expect((await json("/users/page/2/")).params).toEqual({ page: 2 });
    expect(served.app.urlFor("paging.users")).toBe("/users/");
    expect(served.app.urlFor("paging.users", { page: 1 })).toBe("/users/");
    expect(served.app.urlFor("paging.users", { page: 2 })).toBe("/users/page/2/");
  });

  it("test_adapter_match_return_rule: req.urlRule names the matched rule", async () => {
    expect((await json("/users/")).urlRule).toEqual({
      endpoint: "paging.users",
      rule: "/users/",
      methods: ["GET"],
      module: "paging",
      defaults: { page: 1 },
    });
    expect(((await json("/users/page/3/")).urlRule as { rule: string }).rule).toBe(
      "/users/page/<int:page>/",
    );
  });

  it("test_strict_slashes_redirect: a path rule ending in '/' redirects the path without it", async () => {
    expect((await json("/files/a/b/")).params).toEqual({ p: "a/b" });
    expect(await location("/files/a/b")).toBe("/files/a/b/");
    expect(await location("/files/abc?x=1")).toBe("/files/abc/?x=1");
  });

  it("test_strict_slashes_false: the url matches with and without its trailing slash", async () => {
    expect((await json("/loose")).endpoint).toBe("paging.loose");
    expect((await json("/loose/")).endpoint).toBe("paging.loose");
    expect((await json("/loose-branch")).endpoint).toBe("paging.loose_branch");
    expect((await json("/loose-branch/")).endpoint).toBe("paging.loose_branch");
  });

  it("test_merge_slashes_match: repeated slashes redirect to the merged path", async () => {
    expect(await location("//users///page/2//")).toBe("/users/page/2/");
    expect(await location("/users//page/2")).toBe("/users/page/2/");
    expect(await location("/users//")).toBe("/users/");
  });

  it("test_merge_slash_encoding: the merged Location is not encoded twice", async () => {
    expect(await location("/merge/%25//path")).toBe("/merge/%25/path");
    expect(await location("/merge//st/path")).toBe("/merge/st/path");
  });

  it("redirectTo: an old URL redirects permanently to the new rule, params carried", async () => {
    expect(await location("/old-articles/7/")).toBe("/articles/7/");
    expect((await json("/articles/7/")).id).toBe(7);
  });

  it("buildOnly: builds a link, but is never matched", async () => {
    expect(served.app.urlFor("paging.docs", { topic: "a" })).toBe("/docs/a/");
    expect((await served.fetch("/docs/a/")).status).toBe(404);
  });

  it("test_basic_building: Werkzeug's safe set stays unescaped, and it routes back", async () => {
    const links = await json("/links/");
    expect(links).toMatchObject({ page1: "/users/", page2: "/users/page/2/" });
    expect(links.docs).toBe("/docs/x:y@z/");
  });

  it("test_server_name_interpolation: an external URL names the checked Host", async () => {
    const response = await served.raw("/links/", { headers: { host: "example.com:8080" } });
    expect(JSON.parse(response.body).external).toBe("http://example.com:8080/users/");
  });

  it.each([
    "good.example@evil.com",
    "evil.com/x",
    "evil.com\\x",
    "a b",
    "evil.com#x",
    "evil.com?x",
  ])("test_bind_untrusted_host: a Host that is no host name (%s) is a 400", async (hostHeader) => {
    const response = await served.raw("/files/a", { headers: { host: hostHeader } });
    expect(response.status).toBe(400);
    expect(response.headers.location).toBeUndefined();
  });
});

describe.each(HOSTS)("trustedHosts and serverName ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "werkzeug-routing", {
      modules: ["paging"],
      options: { trustedHosts: ["example.com", ".example.org"], serverName: "example.com" },
    });
  });
  afterAll(() => served.close());

  it("test_bind_trusted_host: a listed host, or a subdomain of a '.domain' entry, is served", async () => {
    for (const name of ["example.com", "example.org", "api.example.org", "EXAMPLE.com:80"]) {
      expect((await served.raw("/users/", { headers: { host: name } })).status).toBe(200);
    }
  });

  it("test_bind_untrusted_host: any other host is a 400", async () => {
    for (const name of ["evil.com", "api.example.com", "example.org.evil.com"]) {
      expect((await served.raw("/users/", { headers: { host: name } })).status).toBe(400);
    }
  });

  it("external URLs name serverName, whatever trusted Host the request named", async () => {
    const response = await served.raw("/links/", { headers: { host: "api.example.org" } });
    expect(JSON.parse(response.body).external).toBe("http://example.com/users/");
  });
});

describe.each(HOSTS)("Werkzeug's routing tests, wiki module ($name)", (host) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(host, "werkzeug-routing", { modules: ["wiki"] });
  });
  afterAll(() => served.close());

  const page = async (path: string) => {
    const response = await served.fetch(path);
    expect(response.status).toBe(200);
    return (await response.text()).trim();
  };

  it.each([
    ["/Special", "special wiki.special /Special {}"],
    ["/2007", 'year wiki.year /<int:year> {"year":2007}'],
    ["/Some:foo", 'foopage wiki.foopage /<path:name>:foo {"name":"Some"}'],
    ["/Some:bar", 'twopage wiki.twopage /<path:name>:<path:name2> {"name":"Some","name2":"bar"}'],
    ["/Some/Page", 'page wiki.page /<path:name> {"name":"Some/Page"}'],
    ["/Some/Page/edit", 'editpage wiki.editpage /<path:name>/edit {"name":"Some/Page"}'],
    [
      "/Foo/silly/bar",
      'sillypage wiki.sillypage /<path:name>/silly/<path:name2> {"name":"Foo","name2":"bar"}',
    ],
    [
      "/Foo/silly/bar/edit",
      'editsillypage wiki.editsillypage /<path:name>/silly/<path:name2>/edit {"name":"Foo","name2":"bar"}',
    ],
    ["/Talk:Foo/Bar", 'talk wiki.talk /Talk:<path:name> {"name":"Foo/Bar"}'],
    ["/User:thomas", 'user wiki.user /User:<username> {"username":"thomas"}'],
    [
      "/User:thomas/projects/werkzeug",
      'userpage wiki.userpage /User:<username>/<path:name> {"username":"thomas","name":"projects/werkzeug"}',
    ],
    [
      "/User:thomas/comment/123-456",
      'usercomment wiki.usercomment /User:<username>/comment/<int:id>-<int:replyId> {"username":"thomas","id":123,"replyId":456}',
    ],
    [
      "/Files/downloads/werkzeug/0.2.zip",
      'files wiki.files /Files/<path:file> {"file":"downloads/werkzeug/0.2.zip"}',
    ],
    [
      "/Jerry/eats/cheese",
      'admin wiki.admin /<admin>/<manage>/<things> {"admin":"Jerry","manage":"eats","things":"cheese"}',
    ],
  ])("test_path: %s, and request.urlRule in the template", async (path, expected) => {
    const escaped = expected
      .replaceAll('"', "&#34;")
      .replaceAll("<", "&lt;")
      .replaceAll(">", "&gt;");
    expect(await page(path)).toBe(escaped);
  });
});
