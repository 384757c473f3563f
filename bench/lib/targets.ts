import type { Target } from "./report.js";

const atLeast = (value: number): Target => ({ op: ">=", value });
const atMost = (value: number): Target => ({ op: "<=", value });

/**
 * Every target, as issue 16 ("Performance, second round") sets them: the ratio ours/theirs of
 * one run's medians (for 7 and the memory line, time and bytes: lower is better). Scenarios
 * 12, 13 and the Express-router line of 3 are reported without a target.
 * @example row("1", name, "req/s", measured, TARGETS.routing10);
 */
export const TARGETS = {
  /** 1: routing, 10 routes, Express host vs Express. */
  routing10: atLeast(1.2),
  /** 2: routing, 1,000 routes, Express host vs Express. */
  routing1000: atLeast(1.8),
  /** 3: the core matcher vs find-my-way. */
  matcher: atLeast(1.0),
  /** 4: a static file with 50 modules vs one-folder static, each host (the memory cache). */
  static: atLeast(2.0),
  /** 5: layered templates vs plain Nunjucks. */
  templates: atLeast(0.95),
  /** 6: urlFor vs path-to-regexp's compile. */
  urlFor: atLeast(1.2),
  /** 7: start-up vs bare imports (time). */
  startup: atMost(1.5),
  /** 8: Fastify host vs plain Fastify, 10 and 1,000 routes. */
  fastify: atLeast(0.95),
  /** 9: a template page vs the plain host with Nunjucks, each host. */
  templatePage: atLeast(1.0),
  /** 10: Fastify host vs bare node:http. */
  ceiling: atLeast(0.8),
  /** 11: a module's beforeRequest and afterRequest vs Fastify's onRequest and onSend. */
  hooks: atLeast(0.9),
  /** mem: resident memory with 10,000 routes vs plain Express (bytes). */
  memory: atMost(1.0),
} as const;
