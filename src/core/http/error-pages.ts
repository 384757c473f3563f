import { STATUS_CODES } from "node:http";
import { escapeHtml } from "./html.js";

/** Werkzeug's words for the statuses a client meets most. */
const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: "The browser (or proxy) sent a request that this server could not understand.",
  401: "The server could not verify that you are authorized to access the URL requested.",
  403: "You don't have the permission to access the requested resource.",
  404: "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
  405: "The method is not allowed for the requested URL.",
  416: "The server cannot provide the requested range.",
  503: "The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.",
  500: "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.",
};

/** The reason phrase of a status: "Not Found". */
export const statusText = (status: number): string => STATUS_CODES[status] ?? "Error";

/** What an error page says about a status. */
export const describeStatus = (status: number): string =>
  DESCRIPTIONS[status] ?? (status >= 500 ? DESCRIPTIONS[500] : DESCRIPTIONS[400]) ?? "";

/**
 * The built-in error page: status, reason, a sentence. It shows nothing of the request or the
 * server (no path, no stack).
 */
export function errorPage(status: number, description = describeStatus(status)): string {
  const title = `${status} ${escapeHtml(statusText(status))}`;
  return `<!doctype html>\n<html lang="en">\n<title>${title}</title>\n<h1>${escapeHtml(statusText(status))}</h1>\n<p>${escapeHtml(description)}</p>\n`;
}
