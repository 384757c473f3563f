/**
 * A client of the example with one cookie jar, as one browser: it keeps the session cookie
 * between requests and reads a form's CSRF token out of the page that shows the form.
 */
export class ExampleSession {
  private readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  /** The Cookie header this session sends. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** A request with this session's cookies; the answer's cookies join the jar. Redirects are not followed. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set(
        "cookie",
        [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "),
      );
    }
    const response = await fetch(this.base + path, { redirect: "manual", ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** The page's text, after checking its status. */
  async page(path: string, status = 200): Promise<string> {
    const response = await this.request(path);
    if (response.status !== status) {
      throw new Error(`GET ${path} answered ${response.status}, not ${status}.`);
    }
    return response.text();
  }

  /** The CSRF token in the form of the page at `path` (which it loads, starting the session). */
  async csrfToken(path: string): Promise<string> {
    const html = await this.page(path);
    const token = /name="csrf_token" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`The page ${path} has no form with a CSRF token.`);
    return token;
  }

  /** Posts a URL-encoded form to `path` (the CSRF token is the caller's to include). */
  post(path: string, fields: Record<string, string>): Promise<Response> {
    return this.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** Loads the form at `formPath` and posts `fields` with its CSRF token to `action`. */
  async submit(
    formPath: string,
    fields: Record<string, string>,
    action = formPath,
  ): Promise<Response> {
    const csrf_token = await this.csrfToken(formPath);
    return this.post(action, { csrf_token, ...fields });
  }
}
