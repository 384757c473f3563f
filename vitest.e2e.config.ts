import { defineConfig } from "vitest/config";

// The browser suite (npm run test:e2e): headless Chromium against the example on both hosts.
// Apart from `npm test` (whose include is test/**/*.test.ts), which stays fast.
export default defineConfig({
  resolve: { conditions: ["microservices-app-source"] },
  ssr: { resolve: { conditions: ["microservices-app-source"] } },
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One host at a time: each runs a server and a browser on a machine of 2 cores.
    fileParallelism: false,
  },
});
