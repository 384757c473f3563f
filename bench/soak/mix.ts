import type autocannon from "autocannon";

/** One request of the mix, and the only status it may get. */
export interface MixedRequest {
  readonly method: "GET" | "POST" | "DELETE";
  readonly path: string;
  readonly expected: number;
  readonly form?: string;
}

/**
 * What the soak sends, in this order, over and over on each connection: pages, static files,
 * JSON, redirects, error pages, and form posts, each with its known answer. No valid post:
 * a post without the session's CSRF token is a 403, and the admin pages send a visitor who is
 * not signed in to the sign-in page (303), so the soak never grows the example's database.
 */
export const MIX: readonly MixedRequest[] = [
  { method: "GET", path: "/", expected: 200 },
  { method: "GET", path: "/forum/", expected: 200 },
  { method: "GET", path: "/admin/", expected: 303 },
  { method: "GET", path: "/static/a.txt", expected: 200 },
  { method: "GET", path: "/static/site.css", expected: 200 },
  { method: "GET", path: "/api/health/", expected: 200 },
  { method: "GET", path: "/about/", expected: 200 },
  { method: "GET", path: "/forum/1/", expected: 200 },
  { method: "GET", path: "/static_home/b.txt", expected: 200 },
  { method: "GET", path: "/admin/roles/7/edit/", expected: 303 },
  { method: "GET", path: "/admin/login/", expected: 200 },
  { method: "GET", path: "/api/threads/1/", expected: 200 },
  { method: "GET", path: "/no/such/page/", expected: 404 },
  { method: "GET", path: "/forum/0/", expected: 404 },
  { method: "GET", path: "/static/missing.txt", expected: 404 },
  { method: "POST", path: "/api/health/", expected: 405 },
  { method: "DELETE", path: "/forum/", expected: 405 },
  { method: "GET", path: "/admin", expected: 308 },
  { method: "GET", path: "/api/threads/0/", expected: 404 },
  { method: "POST", path: "/forum/new/", expected: 403, form: "title=" },
  { method: "POST", path: "/admin/roles/7/edit/", expected: 403, form: "name=soaked" },
];

/** Per request of the mix: how many answers came, and how many had another status. */
export interface MixCounts {
  readonly served: number[];
  readonly unexpected: number[];
  /** The first few unexpected statuses, to say what went wrong. */
  readonly samples: string[];
}

export const emptyCounts = (): MixCounts => ({
  served: MIX.map(() => 0),
  unexpected: MIX.map(() => 0),
  samples: [],
});

/** The mix as autocannon requests, each checking its status into `counts`. */
export function mixRequests(counts: MixCounts): autocannon.Request[] {
  return MIX.map((request, index) => ({
    method: request.method,
    path: request.path,
    ...(request.form === undefined
      ? {}
      : {
          body: request.form,
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }),
    onResponse: (status: number) => {
      counts.served[index] = (counts.served[index] ?? 0) + 1;
      if (status === request.expected) return;
      counts.unexpected[index] = (counts.unexpected[index] ?? 0) + 1;
      if (counts.samples.length < 5) {
        counts.samples.push(
          `${request.method} ${request.path} answered ${status}, not ${request.expected}`,
        );
      }
    },
  }));
}
