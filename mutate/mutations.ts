/**
 * The project's planted bugs, as data: each is one small, realistic mistake in `src/`, and the
 * test files that must catch it. `npm run mutate` applies them one at a time to a copy of the
 * repository and runs those files. A snippet must occur exactly once in its file: when code
 * moves or changes, the run fails naming the entry, to be updated here rather than skipped.
 */
export interface Mutation {
  /** A short, stable name: "strict-slash-301". */
  readonly id: string;
  /** The bug, in one line. */
  readonly description: string;
  /** The file changed, relative to `src/`. */
  readonly file: string;
  /** The exact text replaced: it must occur exactly once in the file. */
  readonly find: string;
  readonly replace: string;
  /** The test files (relative to the repository) that must fail with the bug in place. */
  readonly tests: readonly string[];
  /** Only the tests whose names match (vitest's `-t`), where the others would only wait. */
  readonly testNamePattern?: string;
}

const HTTP_STATIC = ["test/http/static.test.ts", "test/http/hostile.test.ts"];

export const MUTATIONS: readonly Mutation[] = [
  {
    id: "strict-slash-301",
    description: "the strict-slash redirect is a 301 instead of a 308",
    file: "core/http/error-response.ts",
    find: "? redirectResponse(resolution.location, 308)",
    replace: "? redirectResponse(resolution.location, 301)",
    tests: ["test/http/routing.test.ts"],
  },
  {
    id: "allow-without-head",
    description: "the Allow header leaves out HEAD beside GET",
    file: "core/routing/resolve.ts",
    find: '  if (allowed.has("GET")) allowed.add("HEAD");\n',
    replace: "",
    tests: ["test/core/dispatch.test.ts", "test/http/routing.test.ts"],
  },
  {
    id: "converters-before-static",
    description: "the matcher skips static segments where a converter could match",
    file: "core/routing/matcher.ts",
    find: "const next = end === start ? state.slash : state.static?.get(segment);",
    replace:
      "const next = state.dynamic.length > 0 ? undefined : end === start ? state.slash : state.static?.get(segment);",
    tests: ["test/core/matcher.test.ts", "test/http/routing.test.ts"],
  },
  {
    id: "root-templates-first",
    description: "the root's templates are searched before the modules'",
    file: "core/lookup/search-path.ts",
    find: "return [...own, ...others, root];",
    replace: "return [root, ...own, ...others];",
    tests: ["test/core/search-path.test.ts", "test/http/templates.test.ts"],
  },
  {
    id: "module-static-after-root",
    description: "a module's static folder is searched after the root's",
    file: "core/modules/routes-builder.ts",
    find: "new StaticFiles([...folders, sources.rootStatic], {",
    replace: "new StaticFiles([sources.rootStatic, ...folders], {",
    tests: ["test/http/static.test.ts"],
  },
  {
    id: "dotfiles-production",
    description: "production's static index lists dot-files (.env, .git)",
    file: "core/lookup/static-files.ts",
    find: '    if (entry.name.startsWith(".")) continue;\n',
    replace: "",
    tests: [...HTTP_STATIC, "test/core/properties.test.ts"],
  },
  {
    id: "dotfiles-debug",
    description: "debug mode's static lookup serves dot-files",
    file: "core/lookup/static-files.ts",
    find: "const relativePath = safeRelativePath(filename, { dotfiles: false });",
    replace: "const relativePath = safeRelativePath(filename, { dotfiles: true });",
    tests: [...HTTP_STATIC, "test/core/properties.test.ts"],
  },
  {
    id: "parent-debug",
    description: "debug mode's static lookup does not refuse '..' (left to the static sender)",
    file: "core/lookup/static-files.ts",
    find: "const relativePath = safeRelativePath(filename, { dotfiles: false });",
    replace: "const relativePath: string | undefined = filename;",
    tests: [...HTTP_STATIC, "test/core/properties.test.ts"],
  },
  {
    id: "linked-folder-debug",
    description: "debug mode's static lookup follows a link to a folder, which the index does not",
    file: "core/lookup/static-files.ts",
    find: "if (listedByWalk(folder.path, relativePath)) return staticFile(folder, relativePath);",
    replace:
      "if (isFile(join(folder.path, relativePath))) return staticFile(folder, relativePath);",
    tests: ["test/http/static.test.ts"],
  },
  {
    id: "etag-express",
    description: "pages get no ETag on Express",
    file: "express/app.ts",
    find: 'app.disable("x-powered-by");',
    replace: 'app.disable("x-powered-by");\n    app.disable("etag");',
    tests: ["test/http/views.test.ts"],
  },
  {
    id: "etag-fastify",
    description: "pages get no ETag on Fastify",
    file: "fastify/respond.ts",
    find: 'if (etag && !reply.hasHeader("etag")) reply.header("etag", weakETag(body));',
    replace: "",
    tests: ["test/http/views.test.ts"],
  },
  {
    id: "etag-off-express",
    description: "etag: false still tags pages on Express",
    file: "express/app.ts",
    find: 'if (options.etag === false) app.set("etag", false);',
    replace: "",
    tests: ["test/http/app-options.test.ts"],
  },
  {
    id: "etag-off-fastify",
    description: "etag: false still tags pages on Fastify",
    file: "fastify/app.ts",
    find: "fastifyAdapter(options.etag !== false)",
    replace: "fastifyAdapter(true)",
    tests: ["test/http/app-options.test.ts"],
  },
  {
    id: "not-modified-express",
    description: "a fresh conditional GET of a page gets a 200, not a 304, on Express",
    file: "express/respond.ts",
    find: "if (isFresh(req.method, req.headers, res.statusCode, res)) res.statusCode = 304;",
    replace:
      "if (isFresh(req.method, req.headers, res.statusCode, res) && res.statusCode === 304) res.statusCode = 304;",
    tests: ["test/http/views.test.ts"],
  },
  {
    id: "not-modified-fastify",
    description: "a fresh conditional GET of a page gets a 200, not a 304, on Fastify",
    file: "fastify/respond.ts",
    find: "if (isFresh(reply.request.method, reply.request.headers, status, reply)) {",
    replace:
      "if (isFresh(reply.request.method, reply.request.headers, status, reply) && status === 304) {",
    tests: ["test/http/views.test.ts"],
  },
  {
    id: "url-for-unescaped",
    description: "urlFor writes a string value without escaping it",
    file: "core/routing/builtin-converters.ts",
    find: "      const encoded = encodePathSegment(text);",
    replace: "      const encoded = text;",
    tests: ["test/core/reverse.test.ts", "test/core/properties.test.ts"],
  },
  {
    id: "production-500-message",
    description: "the production 500 page shows the error's message",
    file: "core/http/error-response.ts",
    find: "const description = error instanceof HTTPException ? error.description : undefined;",
    replace:
      "const description = error instanceof HTTPException ? error.description : error instanceof Error ? error.message : undefined;",
    tests: ["test/http/views.test.ts"],
  },
  {
    id: "register-urls-partial",
    description: "registerUrls enables modules one by one, keeping those before a failure",
    file: "core/app.ts",
    find: `      const loaded = await loadModules(moduleNames, path, this.rootPath, enabled);
      this.#commit([...this.#modules, ...loaded], this.#appUrls, this.#converters);`,
    replace: `      for (const name of moduleNames) {
        const loaded = await loadModules([name], path, this.rootPath, enabled);
        this.#commit([...this.#modules, ...loaded], this.#appUrls, this.#converters);
      }`,
    tests: ["test/http/modules.test.ts"],
  },
  {
    id: "view-timeout-never",
    description: "viewTimeout never answers a view that hangs",
    file: "core/http/call-view.ts",
    find: "    fail(new ViewTimeout(endpoint, timeout));\n",
    replace: "",
    tests: ["test/http/faults.test.ts"],
    testNamePattern: "gets the 503 page after viewTimeout",
  },
  {
    id: "head-stream-express",
    description: "a HEAD on a streamed body leaves the stream running on Express",
    file: "express/respond.ts",
    find: "    void body.cancel();\n",
    replace: "",
    tests: ["test/http/views.test.ts"],
  },
  {
    id: "head-stream-fastify",
    description: "a HEAD on a streamed body leaves the stream running on Fastify",
    file: "fastify/respond.ts",
    find: "    void body.cancel();\n",
    replace: "",
    tests: ["test/http/views.test.ts"],
  },
  {
    id: "static-index-ignored-production",
    description: "production looks static files up on the disk, so a file added later is served",
    file: "core/lookup/static-files.ts",
    find: "if (!this.#debug) this.#index = this.#build(options.listings ?? new Map());",
    replace: "",
    tests: ["test/http/static.test.ts"],
  },
  {
    id: "urlfor-query-unescaped",
    description: "urlFor writes query keys without escaping them",
    file: "core/routing/query-string.ts",
    find: "    escaped = encodeComponent(key);",
    replace: "    escaped = key;",
    tests: ["test/core/reverse.test.ts"],
  },
];
