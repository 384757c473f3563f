import { defineConfig } from "vitest/config";

// "microservices-app-source" makes `import "microservices-app"` (in fixtures and tests)
// resolve to src/, so tests run the code under test without a build.
export default defineConfig({
  resolve: { conditions: ["microservices-app-source"] },
  ssr: { resolve: { conditions: ["microservices-app-source"] } },
  test: {
    include: ["test/**/*.test.ts"],
    // Scratch copies (test/.scratch/) include new projects with tests of their own (node:test).
    exclude: ["**/node_modules/**", "test/.scratch/**"],
    testTimeout: 20_000,
  },
});
