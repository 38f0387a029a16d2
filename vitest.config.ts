import { defineConfig } from "vitest/config";

/**
 * Test files that start a sandbox, a server or a child process (a `tsx` CLI, redis-server, git for the
 * sandbox's git store): they belong to the `e2e` project even though their folder is otherwise unit
 * tests. `test/github` runs the adapters against the sandbox's fake GitHub, so it is e2e as a whole
 * until those tests move to nock or an in-memory port.
 */
const endToEndInUnitFolders = [
  "test/app/app.test.ts", // a Probot server with the app's sweeper running
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
  "test/github",
  "test/runtime",
  "test/security",
  // the sandbox package's own tests: git repositories, HTTP servers, Probot apps
  "packages/github-sandbox/test",
];

/**
 * `@autopilot/github-sandbox` from its TypeScript source (the package's `source` export
 * condition), as tsc (customConditions) and tsx (`--conditions=source`) read it, so tests need no
 * build of the package. Setting conditions replaces Vite's defaults for the server
 * (`defaultServerConditions` in Vite 8: module, node, development|production), so they are repeated.
 */
const sourceConditions = ["source", "module", "node", "development|production"];

export default defineConfig({
  // tests run in Vite's server (SSR) environment; `resolve` is for the client, set alike
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    environment: "node",
    // at most three test files at once over both projects (the e2e project's own limit)
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: unitFolders.map((folder) => `${folder}/**/*.test.ts`),
          exclude: endToEndInUnitFolders,
          // One module graph per worker, not per file: importing Probot, the SDKs and the sandbox's
          // schemas again for each of ~100 files cost four times the tests themselves (2 min → 30 s
          // on a loaded 2-core machine). It holds because no unit test leaves a timer, a server or
          // a mock behind; vitest's default timeouts: a unit test that needs more is not one.
          isolate: false,
          maxWorkers: 2,
          // projects with different worker limits run as separate groups: the fast one first
          sequence: { groupOrder: 0 },
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
          sequence: { groupOrder: 1 },
          // Generous limits, the same for every e2e test (none sets its own): the longest stories
          // take ~30 s on a quiet 2-core machine, so this leaves room for one five times slower.
          // A limit only ends a test that hangs; speed is measured by `npm run bench`.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
