/**
 * `npm run mutate`: plants each bug of `mutations.ts`, one at a time, in a scratch copy of the
 * repository (a folder of the system's temporary directory), runs the test files named for it there,
 * and prints whether they caught it. Exits 1 when a bug survived or an entry no longer fits
 * the code. One vitest run at a time: the machines this runs on have few cores.
 * @example npm run mutate -- dotfiles-debug head-stream-express   # only these entries
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MUTATIONS, type Mutation } from "./mutations.js";

const REPO = fileURLToPath(new URL("..", import.meta.url));
// With its own package.json, so that "microservices-app" (the fixtures' import) resolves to the
// copy's src/, not the original's; node_modules is a link to the repository's.
const SCRATCH = mkdtempSync(join(tmpdir(), "microservices-app-mutate-"));
const COPIED = ["package.json", "tsconfig.json", "vitest.config.ts", "src", "test", "example"];
/** Long enough for any test that passes; a bug that hangs a request fails sooner. */
const TEST_TIMEOUT_MS = 10_000;

/** How many times `snippet` occurs in `text`. */
function occurrences(text: string, snippet: string): number {
  let count = 0;
  for (let at = text.indexOf(snippet); at !== -1; at = text.indexOf(snippet, at + 1)) count++;
  return count;
}

/** Every entry whose snippet is not in its file exactly once, said in a sentence. */
function misfits(mutations: readonly Mutation[]): string[] {
  return mutations.flatMap((mutation) => {
    const path = join(REPO, "src", mutation.file);
    if (!existsSync(path)) {
      return [
        `Mutation "${mutation.id}": its file src/${mutation.file} does not exist (moved?); update mutate/mutations.ts.`,
      ];
    }
    const count = occurrences(readFileSync(path, "utf8"), mutation.find);
    const missingTests = mutation.tests.filter((test) => !existsSync(join(REPO, test)));
    return [
      ...(count === 1
        ? []
        : [
            `Mutation "${mutation.id}": its snippet occurs ${count} times in src/${mutation.file}, not once; update mutate/mutations.ts.`,
          ]),
      ...missingTests.map(
        (test) => `Mutation "${mutation.id}": its test file ${test} does not exist.`,
      ),
    ];
  });
}

/** A fresh copy of what the tests need, without the scratch folder itself. */
function copyRepository(): void {
  const scratchTests = join(REPO, "test", ".scratch");
  for (const entry of COPIED) {
    cpSync(join(REPO, entry), join(SCRATCH, entry), {
      recursive: true,
      filter: (source) => !source.startsWith(scratchTests),
    });
  }
  symlinkSync(join(REPO, "node_modules"), join(SCRATCH, "node_modules"), "dir");
}

/** Runs test files in the copy: how many tests failed, or `undefined` if vitest could not run. */
function runTests(
  tests: readonly string[],
  testNamePattern?: string,
): { failed: number; total: number } | undefined {
  const report = join(SCRATCH, "vitest-report.json");
  rmSync(report, { force: true });
  const args = [
    "vitest",
    "run",
    ...tests,
    "--reporter=json",
    `--outputFile=${report}`,
    `--testTimeout=${TEST_TIMEOUT_MS}`,
    ...(testNamePattern ? ["-t", testNamePattern] : []),
  ];
  spawnSync("npx", args, { cwd: SCRATCH, stdio: "ignore", env: { ...process.env, CI: "1" } });
  if (!existsSync(report)) return undefined;
  const parsed = JSON.parse(readFileSync(report, "utf8")) as {
    numFailedTests: number;
    numTotalTests: number;
    testResults: { status: string; assertionResults: unknown[] }[];
  };
  // A file that fails to load has no test results: it counts once, as no test of it passed.
  const unloaded = parsed.testResults.filter(
    (file) => file.status === "failed" && file.assertionResults.length === 0,
  ).length;
  return { failed: parsed.numFailedTests + unloaded, total: parsed.numTotalTests };
}

function main(): number {
  const only = process.argv.slice(2);
  const unknown = only.filter((id) => !MUTATIONS.some((mutation) => mutation.id === id));
  if (unknown.length > 0) {
    console.error(`No mutation named ${unknown.join(", ")} in mutate/mutations.ts.`);
    return 1;
  }
  const chosen = only.length > 0 ? MUTATIONS.filter(({ id }) => only.includes(id)) : MUTATIONS;
  const problems = misfits(chosen);
  if (problems.length > 0) {
    for (const problem of problems) console.error(problem);
    return 1;
  }

  copyRepository();
  // The control: unmutated, every named file passes, or a failure would prove nothing.
  const allTests = [...new Set(chosen.flatMap(({ tests }) => tests))];
  console.log(`Checking that ${allTests.length} test files pass on the unmutated copy...`);
  const baseline = runTests(allTests);
  if (!baseline || baseline.failed > 0) {
    console.error(
      baseline
        ? `The unmutated copy fails ${baseline.failed} tests of ${allTests.join(", ")}: fix those first (npx vitest run <file>).`
        : "Vitest wrote no report in the unmutated copy: run `npx vitest run` to see why.",
    );
    return 1;
  }

  const rows: [string, string, string, string][] = [];
  for (const mutation of chosen) {
    const path = join(SCRATCH, "src", mutation.file);
    const original = readFileSync(path, "utf8");
    writeFileSync(
      path,
      original.replace(mutation.find, () => mutation.replace),
    );
    const started = Date.now();
    const result = runTests(mutation.tests, mutation.testNamePattern);
    writeFileSync(path, original);
    // No report means vitest itself did not run: the tool's failure, never a catch.
    const verdict =
      result === undefined
        ? "ERROR: vitest wrote no report"
        : result.failed > 0
          ? `caught by ${result.failed} test${result.failed === 1 ? "" : "s"}`
          : "SURVIVED";
    const seconds = `${Math.round((Date.now() - started) / 1000)} s`;
    rows.push([mutation.id, mutation.description, verdict, seconds]);
    console.log(`${mutation.id}: ${verdict} (${seconds})`);
  }

  const header: [string, string, string, string] = ["id", "planted bug", "result", "time"];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ");
  console.log(`\n${line(header)}\n${line(widths.map((width) => "-".repeat(width)))}`);
  for (const row of rows) console.log(line(row));
  const survivors = rows.filter(([, , verdict]) => !verdict.startsWith("caught"));
  console.log(
    `\n${rows.length - survivors.length} of ${rows.length} planted bugs caught${survivors.length > 0 ? `; not caught: ${survivors.map(([id]) => id).join(", ")}` : ""}.`,
  );
  return survivors.length > 0 ? 1 : 0;
}

try {
  process.exitCode = main();
} finally {
  rmSync(SCRATCH, { recursive: true, force: true });
}
