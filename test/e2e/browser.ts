import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's Chromium, which scripts/install-browser.sh installs. */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Headless Chromium with a fresh profile (Playwright's launch makes a new temporary
 * --user-data-dir each time, and removes it on close), and flags that keep it off the
 * network: without the background-networking ones it keeps trying to reach Google's hosts.
 * @example const { browser, close } = await launchChromium();
 */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** What went wrong on a page as a user would notice it: console errors and failed requests. */
export interface PageProblems {
  /** Problems seen so far, each a sentence with its URL. */
  readonly list: string[];
  /** Allows one error status for a document (a form answered 400, the 403 page). */
  expectStatus(url: string, status: number): void;
}

/**
 * Records every console error, uncaught page error, failed request and error status of a
 * page, except the error statuses a test said it expects for a document.
 * @example const problems = watchProblems(page); ...; expect(problems.list).toEqual([]);
 */
export function watchProblems(page: Page): PageProblems {
  const list: string[] = [];
  const expected = new Map<string, number>();
  const isExpected = (url: string, status: number) => expected.get(url) === status;
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const url = message.location().url;
    // Chromium logs a 4xx document as a console error; one the test expects is not a problem.
    const status = /status of (\d{3})/.exec(message.text())?.[1];
    if (status && isExpected(url, Number(status))) return;
    list.push(`console error on ${page.url()}: ${message.text()} (${url})`);
  });
  page.on("pageerror", (error) => list.push(`page error on ${page.url()}: ${error.message}`));
  page.on("requestfailed", (request) =>
    list.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
  );
  page.on("response", (response) => {
    const status = response.status();
    if (status >= 400 && !isExpected(response.url(), status)) {
      list.push(`${status} for ${response.url()}`);
    }
  });
  return { list, expectStatus: (url, status) => expected.set(url, status) };
}
