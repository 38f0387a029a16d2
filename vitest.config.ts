import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Most files are end-to-end tests that wait on git, HTTP and child processes more than on the
    // CPU: three workers on two cores finish sooner than vitest's default of one (cores - 1).
    maxWorkers: 3,
    // Generous limits: a loaded CI machine must not turn slowness into failures (speed is measured by `npm run bench`).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
