import { ProbotOctokit } from "probot";
import { Sandbox, startAutopilotOnSandbox, type AutopilotOnSandbox, type AutopilotOnSandboxOptions } from "../../src/sandbox/index.js";

export type TestOctokit = InstanceType<typeof ProbotOctokit>;

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export interface AppHarness {
  sandbox: Sandbox;
  autopilot: AutopilotOnSandbox;
  /** octocat, admin of acme/widgets */
  user: TestOctokit;
  settle(): Promise<void>;
  restartApp(options?: AutopilotOnSandboxOptions): Promise<void>;
  close(): Promise<void>;
}

/** Autopilot itself, connected to a fresh sandbox over HTTP as to GitHub Enterprise Server. */
export async function startAppHarness(options: AutopilotOnSandboxOptions = {}): Promise<AppHarness> {
  const sandbox = await Sandbox.start({ validateResponses: true, installApp: false });
  const autopilot = await startAutopilotOnSandbox(sandbox, options);
  sandbox.installApp();
  const user = new ProbotOctokit({
    baseUrl: sandbox.apiUrl,
    auth: { token: sandbox.userToken() },
    log: silent,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  return {
    sandbox,
    autopilot,
    user,
    settle: () => autopilot.settle(),
    restartApp: (next) => autopilot.restart(next),
    close: async () => {
      await autopilot.stop();
      await sandbox.stop();
    },
  };
}

/** Replaces `.github/autopilot.yml` on the default branch, as an owner commits it. */
export async function setRepoConfig(h: AppHarness, yaml: string): Promise<void> {
  const repo = { owner: "acme", repo: "widgets" };
  const current = (await h.user.rest.repos.getContent({ ...repo, path: ".github/autopilot.yml" })).data as { sha: string };
  await h.user.rest.repos.createOrUpdateFileContents({ ...repo, path: ".github/autopilot.yml", message: "Configure Autopilot", sha: current.sha, content: Buffer.from(yaml).toString("base64") });
  await h.settle();
}

/** A configuration under which nothing merges: for tests of what happens before the merge. */
export const noMergeConfig = ["merge:", "  policy:", ...["low", "medium", "high", "critical"].map((risk) => `    ${risk}: { full: never, review_only: never }`), "dispatch:", "  target: none", ""].join("\n");

/** An issue body with a complete task spec. */
export function taskSpec(scope: string, extra: string[] = []): string {
  return [
    "Widget lists should come in pages.",
    "",
    "```autopilot",
    `scope: ["${scope}"]`,
    "risk: medium",
    "refs: [NT-0012]",
    "acceptance:",
    '  - "GET /widgets returns 50 widgets per page"',
    ...extra,
    "```",
  ].join("\n");
}
