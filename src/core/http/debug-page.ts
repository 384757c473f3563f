import { readFileSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import { sep } from "node:path";
import { fileURLToPath } from "node:url";
import { packageFile } from "../package-location.js";
import { statusText } from "./error-pages.js";
import { describeError } from "./failures.js";
import { escapeHtml } from "./html.js";

/** Headers whose values a debug page never shows: they carry credentials. */
const MASKED = new Set([
  "cookie",
  "authorization",
  "proxy-authorization",
  "set-cookie",
  "x-api-key",
]);

/** This library's own code (src/ or dist/), whose frames are not the user's. */
const LIBRARY = fileURLToPath(packageFile({ source: "src/", built: "dist/" }));

/** The lines shown before and after the line of a frame. */
const CONTEXT_LINES = 3;

/** A stack frame's function and place: "at fn (file:line:column)" or "at file:line:column". */
const FRAME = /^\s*at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;

/**
 * Where nunjucks says a template error is: "(path) [Line 3, Column 5]", or "(path)" alone for
 * an error at the template's end (a block never closed).
 */
const TEMPLATE_PLACE = /Template render error: \(([^()\n]+)\)(?:\s*\[Line (\d+), Column \d+\])?/;

/** Where a compiler says a syntax error is, in a message: "/srv/app/views.ts:21:17: ERROR". */
const SOURCE_PLACE = /((?:\/|[A-Za-z]:\\)[^\s:()]+):(\d+):\d+/;

interface Place {
  readonly file: string;
  readonly line: number;
}

/** The lines around `line` of a file, the line itself marked; nothing if it cannot be read. */
function sourceExcerpt({ file, line }: Place): string {
  let lines: string[];
  try {
    lines = readFileSync(file, "utf8").split("\n");
  } catch {
    return "";
  }
  const first = Math.max(1, line - CONTEXT_LINES);
  const last = Math.min(lines.length, line + CONTEXT_LINES);
  const shown: string[] = [];
  for (let number = first; number <= last; number += 1) {
    const text = `${String(number).padStart(5)} ${number === line ? ">" : " "} ${lines[number - 1] ?? ""}`;
    shown.push(number === line ? `<mark>${escapeHtml(text)}</mark>` : escapeHtml(text));
  }
  return `<pre>${shown.join("\n")}</pre>`;
}

/** How many lines a file has (0 if it cannot be read). */
function lineCount(file: string): number {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").length;
  } catch {
    return 0;
  }
}

/** The user's own frames of a stack (not Node's, not dependencies', not this library's). */
function userFrames(stack: string): { name: string; place: Place }[] {
  const frames: { name: string; place: Place }[] = [];
  for (const text of stack.split("\n")) {
    const found = FRAME.exec(text);
    if (!found?.[2] || !found[3]) continue;
    let file = found[2];
    if (file.startsWith("node:") || file.startsWith("internal/")) continue;
    if (file.startsWith("file:")) file = fileURLToPath(file);
    if (file.includes(`${sep}node_modules${sep}`) || file.startsWith(LIBRARY)) continue;
    frames.push({ name: found[1] ?? "(anonymous)", place: { file, line: Number(found[3]) } });
  }
  return frames;
}

/** The request's section: method, URL and headers, credentials masked. */
function requestSection(request: object | undefined): string {
  if (!request) return "";
  const { method, url, originalUrl, headers } = request as {
    method?: string;
    url?: string;
    originalUrl?: string;
    headers?: IncomingHttpHeaders;
  };
  const rows = Object.entries(headers ?? {}).map(([name, value]) => {
    const shown = MASKED.has(name.toLowerCase()) ? "******** (hidden)" : String(value);
    return `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(shown)}</td></tr>`;
  });
  return `<h2>Request</h2>\n<p><code>${escapeHtml(`${method ?? ""} ${originalUrl ?? url ?? ""}`)}</code></p>\n<table>${rows.join("")}</table>\n`;
}

/**
 * The debug page of a server error (only with `debug`): the error, the template and line it
 * was raised at (for a template error), the source around each frame of the user's code, the
 * request (cookies and credentials masked), and the whole stack.
 * @example debugPage(error, 500, req); // "<!doctype html>..."
 */
export function debugPage(error: unknown, status = 500, request?: object): string {
  const summary = describeError(error);
  const stack = error instanceof Error && error.stack ? error.stack : summary;
  const parts = [
    `<!doctype html>\n<html lang="en">\n<title>${status} ${escapeHtml(summary.split("\n")[0] ?? "")}</title>`,
    "<style>body{font-family:system-ui,sans-serif;margin:2rem}pre{background:#f6f6f6;padding:.5rem;overflow:auto}mark{background:#ffe08a}th{text-align:left;padding-right:1rem}</style>",
    `<h1>${escapeHtml(statusText(status))} (debug)</h1>`,
    `<p><strong>${escapeHtml(summary)}</strong></p>`,
  ];
  const template = TEMPLATE_PLACE.exec(summary);
  if (template?.[1]) {
    const line = template[2] ? Number(template[2]) : lineCount(template[1]);
    const where = template[2] ? `line ${line}` : `its end (line ${line})`;
    parts.push(
      `<h2>In template ${escapeHtml(template[1])}, ${where}</h2>`,
      sourceExcerpt({ file: template[1], line }),
    );
  }
  const syntax = template ? undefined : SOURCE_PLACE.exec(summary);
  if (syntax?.[1] && syntax[2]) {
    const place = { file: syntax[1], line: Number(syntax[2]) };
    parts.push(`<h2>At ${escapeHtml(place.file)}, line ${place.line}</h2>`, sourceExcerpt(place));
  }
  const frames = userFrames(stack);
  if (frames.length > 0) {
    parts.push("<h2>Your code</h2>");
    for (const { name, place } of frames) {
      parts.push(
        `<h3>${escapeHtml(name)}, ${escapeHtml(place.file)}:${place.line}</h3>`,
        sourceExcerpt(place),
      );
    }
  }
  parts.push(requestSection(request), "<h2>Stack</h2>", `<pre>${escapeHtml(stack)}</pre>\n`);
  return parts.join("\n");
}
