import { defineConfig } from "vitest/config";
export default defineConfig({
  resolve: { conditions: ["microservices-app-source"] },
  ssr: { resolve: { conditions: ["microservices-app-source"] } },
});
