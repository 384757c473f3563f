import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, release, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { HAS_TASKSET } from "./cpus.js";
import type { Settings } from "./settings.js";

/** A ratio target: ours/theirs at least (speed) or at most (time) a value. */
export interface Target {
  readonly op: ">=" | "<=";
  readonly value: number;
}

/** One line of the table: a scenario measured on both sides in the same run. */
export interface Row {
  readonly scenario: string;
  readonly name: string;
  readonly unit: string;
  readonly ours: number;
  readonly theirs: number;
  readonly ratio: number;
  /** Absent for figures reported without a target (the memory line, Express's router). */
  readonly target?: Target;
  readonly pass?: boolean;
}

/** A row with its ratio and verdict. */
export function row(
  scenario: string,
  name: string,
  unit: string,
  measured: { ours: number; theirs: number; ratio?: number },
  target?: Target,
): Row {
  const ratio = measured.ratio ?? measured.ours / measured.theirs;
  const pass = target && (target.op === ">=" ? ratio >= target.value : ratio <= target.value);
  return { scenario, name, unit, ...measured, ratio, ...(target && { target, pass }) };
}

const figure = (value: number, unit: string): string => {
  if (unit === "bytes") return `${(value / 2 ** 20).toFixed(1)} MiB`;
  if (unit === "ms") return `${value.toFixed(1)} ms`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)}M ${unit}`;
  return `${Math.round(value).toLocaleString("en-US")} ${unit}`;
};

/** The table on stdout: scenario, ours, theirs, ratio, target, pass/fail. */
export function formatTable(rows: readonly Row[]): string {
  const header = ["#", "scenario", "ours", "theirs", "ratio", "target", "result"];
  const lines = rows.map((line) => [
    line.scenario,
    line.name,
    figure(line.ours, line.unit),
    figure(line.theirs, line.unit),
    line.ratio.toFixed(2),
    line.target ? `${line.target.op} ${line.target.value}` : "(report)",
    line.pass === undefined ? "" : line.pass ? "pass" : "FAIL",
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((cells) => (cells[column] ?? "").length)),
  );
  const format = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  return [
    format(header),
    format(widths.map((width) => "-".repeat(width))),
    ...lines.map(format),
  ].join("\n");
}

/** The machine a run was made on, for BENCHMARKS.md. */
export function machine() {
  const processors = cpus();
  return {
    cpu: processors[0]?.model ?? "unknown",
    cores: processors.length,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    kernel: release(),
    node: process.version,
    pinned: HAS_TASKSET,
  };
}

/**
 * Writes the rows, the settings, the machine and the duration to bench/results/`name`.json:
 * `latest` for a full run, a `.tmp` name (ignored by git) for a smoke run.
 */
export function saveResults(
  rows: readonly Row[],
  settings: Settings,
  seconds: number,
  name: string,
  load: { readonly name: string; readonly version: string },
): string {
  const folder = fileURLToPath(new URL("../results/", import.meta.url));
  mkdirSync(folder, { recursive: true });
  const path = `${folder}${name}.json`;
  const results = {
    date: new Date().toISOString(),
    machine: machine(),
    loadGenerator: load,
    settings,
    seconds: Math.round(seconds),
    rows,
  };
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}
