import { defineConfig } from "vitest/config";

/**
 * Test files that start a sandbox, a server or a child process (a `tsx` CLI, redis-server, git for a
 * git store): they belong to the `e2e` project even though their folder is otherwise unit tests.
 */
const endToEndInUnitFolders = [
  "test/cli/doctor.test.ts",
  "test/cli/sandbox-command.test.ts",
  "test/metrics/metrics-flow.test.ts",
  "test/work/redis-repository-lock.test.ts",
];

/** Fast tests of pure logic and of adapters on nock or in-process fakes: `npm run test:unit`. */
const unitFolders = [
  "test/app",
  "test/cli",
  "test/config",
  "test/core",
  "test/docs",
  "test/github",
  "test/handlers",
  "test/helpers",
  "test/llm",
  "test/metrics",
  "test/ops",
  "test/work",
];

/** The sandbox, the app on it, the demo, the server process and redis: `npm run test:e2e`. */
const endToEndFolders = [
  "test/demo",
  "test/deploy",
  "test/e2e",
  "test/runtime",
  "test/sandbox",
  "test/security",
];

export default defineConfig({
  test: {
    environment: "node",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: unitFolders.map((folder) => `${folder}/**/*.test.ts`),
          exclude: endToEndInUnitFolders,
          // vitest's default workers (cores - 1) and timeouts: a unit test that needs more is not one
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: [...endToEndFolders.map((folder) => `${folder}/**/*.test.ts`), ...endToEndInUnitFolders],
          // fails the run when a test leaves a child process behind (tsx, redis-server, git, ...)
          globalSetup: ["test/helpers/no-process-left-behind.ts"],
          // These tests wait on git, HTTP and child processes more than on the CPU: three workers on
          // two cores finish sooner than vitest's default of one (cores - 1).
          maxWorkers: 3,
          // Generous limits: a loaded CI machine must not turn slowness into failures (speed is
          // measured by `npm run bench`).
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
