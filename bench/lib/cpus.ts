import { execFileSync } from "node:child_process";

/** Whether `taskset` exists: then servers run on CPU 0 and the load generator on CPU 1. */
export const HAS_TASKSET = (() => {
  try {
    execFileSync("taskset", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** The server's CPU and the load generator's, on a machine of two or more. */
export const SERVER_CPU = 0;
export const CLIENT_CPU = 1;

/** Pins every thread of this process (the load generator and the in-process scenarios). */
export function pinSelf(cpu: number): boolean {
  if (!HAS_TASKSET) return false;
  try {
    execFileSync("taskset", ["-a", "-p", "-c", String(cpu), String(process.pid)], {
      stdio: "ignore",
    });
    return true;
  } catch {
    return false;
  }
}

/** The command that runs `argv` pinned to a CPU, when it can be. */
export const pinned = (cpu: number, argv: readonly string[]): string[] =>
  HAS_TASKSET ? ["taskset", "-c", String(cpu), ...argv] : [...argv];
