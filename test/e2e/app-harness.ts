import { ProbotOctokit } from "probot";
import { listDecisions, parseDecisions, type Decision } from "../../src/core/commands/index.js";
import { getEntry, parseQueue } from "../../src/core/queue/index.js";
import { octokitPort } from "../../src/github/index.js";
import type { AppServices, RepoContext } from "../../src/handlers/repo-context.js";
import { Sandbox, scaledThrottle, type SandboxOptions, type ThrottleTiming } from "@autopilot/github-sandbox";
import { testServices } from "../helpers/test-services.js";
import {
  startAutopilotOnSandbox,
  type AutopilotOnSandbox,
  type AutopilotOnSandboxOptions,
} from "../../dev/autopilot-on-sandbox.js";
import { silentLog as silent } from "../helpers/silent-log.js";

export type TestOctokit = InstanceType<typeof ProbotOctokit>;

export interface AppHarness {
  sandbox: Sandbox;
  autopilot: AutopilotOnSandbox;
  /** octocat, admin of acme/widgets */
  user: TestOctokit;
  /**
   * acme-ci, a writer that reports commit statuses as a team's CI does: a status counts only
   * from an account that is not the change's own (octocat pushes in most tests).
   */
  ci: TestOctokit;
  settle(): Promise<void>;
  /** Octokit acting as another person (a user token for `login`). */
  as(login: string): TestOctokit;
  /** Octokit acting as the app: its key, the JWT, installation tokens. */
  asApp(): TestOctokit;
  restartApp(options?: AutopilotOnSandboxOptions): Promise<void>;
  close(): Promise<void>;
}

export interface AppHarnessOptions extends AutopilotOnSandboxOptions {
  /**
   * GitHub's lazy mergeability: `mergeable: null` on the first read of a PR after a change
   * (default true, as GitHub behaves; false for a sandbox that answers at once).
   */
  lazyMergeable?: boolean;
  /** the sandbox's primary rate limits (GitHub's hourly budgets), smaller and shorter for a test */
  rateLimits?: SandboxOptions["rateLimits"];
}

/**
 * The app's Octokit throttling in the e2e tests: on, as Probot runs it in production (requests
 * queued per installation, one write at a time, writes and GraphQL spaced, notifying writes
 * spaced three times as much, rate-limited answers retried after `retry-after`), with every wait
 * at 1/50 of production's (writes 20 ms apart, not 1 s), so a lifecycle keeps production's
 * queueing and order without a minute of waiting. `startAppHarness({ throttle: true })` runs
 * production's timing exactly; `throttle: false` turns it off.
 */
export const e2eThrottle: ThrottleTiming = { timeScale: 0.02 };

/** Autopilot itself, connected to a fresh sandbox over HTTP as to GitHub Enterprise Server. */
export async function startAppHarness(options: AppHarnessOptions = {}): Promise<AppHarness> {
  const { lazyMergeable = true, rateLimits, ...appOptions } = options;
  const sandbox = await Sandbox.start({
    validateResponses: true,
    installApp: false,
    lazyMergeable,
    ...(rateLimits === undefined ? {} : { rateLimits }),
  });
  const throttle = appOptions.throttle ?? e2eThrottle;
  // a read is never slow enough on a busy machine to show the runs in progress first, unless a test says so
  const autopilot = await startAutopilotOnSandbox(sandbox, {
    gatesShowRunningAfterMs: 10 * 60_000,
    ...appOptions,
    throttle,
  });
  sandbox.state.setPermission(sandbox.repo, "acme-ci", "write");
  sandbox.installApp();
  const client = (auth: object): TestOctokit =>
    new ProbotOctokit({
      baseUrl: sandbox.apiUrl,
      auth,
      log: silent,
      retry: { enabled: false },
      throttle: { enabled: false },
    });
  return {
    sandbox,
    autopilot,
    user: client({ token: sandbox.userToken() }),
    ci: client({ token: sandbox.userToken("acme-ci") }),
    as: (login) => client({ token: sandbox.userToken(login) }),
    asApp: () =>
      client({
        appId: sandbox.appId,
        privateKey: sandbox.credentials.privateKeyPem,
        installationId: sandbox.installationId,
      }),
    settle: () => autopilot.settle(),
    restartApp: (next) => autopilot.restart({ throttle, ...next }),
    close: async () => {
      await autopilot.stop();
      await sandbox.stop();
    },
  };
}

const repoRef = { owner: "acme", repo: "widgets" };

/** A commit on `branch` through the Git Data API, as a coding agent pushes (null deletes a path): the demo's own helper. */
export { pushCommit } from "../../dev/demo/actors.js";

/** Labels a new issue with a complete spec `autopilot` and waits for the draft PR the app opens. */
export async function startTask(h: AppHarness, title: string, scope: string, risk = "medium") {
  const body = taskSpec(scope).replace("risk: medium", `risk: ${risk}`);
  const issue = (await h.user.rest.issues.create({ ...repoRef, title, body })).data.number;
  await h.user.rest.issues.addLabels({ ...repoRef, issue_number: issue, labels: ["autopilot"] });
  await h.settle();
  const pull = (await h.user.rest.pulls.list({ ...repoRef, state: "open" })).data.find((item) =>
    item.title.startsWith(`[T-${issue}]`),
  );
  if (!pull) throw new Error(`no draft PR for T-${issue}`);
  return { issue, pull, branch: pull.head.ref };
}

/** Marks the PR ready for review as its author would (GraphQL), and waits for what follows. */
export async function markReady(h: AppHarness, nodeId: string): Promise<void> {
  await h.user.graphql(
    "mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } } }",
    { id: nodeId },
  );
  await h.settle();
}

/** Review ports answering from a script (they still redact, budget, parse and log as the real ones do): the demo's own. */
export { scriptedReviewers } from "../../dev/demo/reviewers.js";

/** Replaces `.github/autopilot.yml` on the default branch, as an owner commits it. */
export async function setRepoConfig(h: AppHarness, yaml: string): Promise<void> {
  const repo = { owner: "acme", repo: "widgets" };
  const current = (await h.user.rest.repos.getContent({ ...repo, path: ".github/autopilot.yml" })).data as {
    sha: string;
  };
  await h.user.rest.repos.createOrUpdateFileContents({
    ...repo,
    path: ".github/autopilot.yml",
    message: "Configure Autopilot",
    sha: current.sha,
    content: Buffer.from(yaml).toString("base64"),
  });
  await h.settle();
}

/** A configuration under which nothing merges: for tests of what happens before the merge. */
export const noMergeConfig = [
  "merge:",
  "  policy:",
  ...["low", "medium", "high", "critical"].map((risk) => `    ${risk}: { full: never, review_only: never }`),
  "dispatch:",
  "  target: none",
  "",
].join("\n");

/** `dispatch:` starting the seeded agent workflow (`agent.yml`) with the task's inputs, as most agent tests need. */
export const agentWorkflowConfig = [
  "dispatch:",
  "  target: workflow_dispatch",
  "  workflow: agent.yml",
  "  inputs:",
  '    task: "{{task_id}}"',
  '    branch: "{{branch}}"',
  '    brief: "{{task_file}}"',
  "",
].join("\n");

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

/** A file on the default branch as text ("" when absent). */
export const mainFile = async (h: AppHarness, path: string): Promise<string> =>
  (await h.sandbox.repo.git.readFile("main", path))?.content.toString("utf8") ?? "";
/** A file on the app's state branch (`autopilot/state`: the queue, decisions, model log, pause). */
export const stateFile = async (h: AppHarness, path: string): Promise<string> =>
  (await h.sandbox.repo.git.readFile("autopilot/state", path))?.content.toString("utf8") ?? "";

/** The questions recorded for a task in `ops/decisions.jsonl`. */
export const taskDecisions = async (h: AppHarness, task: string): Promise<Decision[]> =>
  listDecisions(parseDecisions(await stateFile(h, "ops/decisions.jsonl")).doc).filter(
    (decision) => decision.task === task,
  );

/** A task's line in `ops/queue.jsonl` on the state branch. */
export const queueEntryOf = async (h: AppHarness, task: string) =>
  getEntry(parseQueue(await stateFile(h, "ops/queue.jsonl")).doc, task);

/** The workflow dispatches the sandbox recorded for a task. */
export const dispatchesOf = (h: AppHarness, task: string) =>
  h.sandbox.repo.workflowDispatches.filter((item) => item.inputs?.task === task);

/**
 * Restarts the app (as after a crash) and waits for its start-up sweep and what it queued: the
 * sweep reports itself through `onSweep`, so nothing here guesses how long it takes.
 */
export async function sweepAfterRestart(h: AppHarness, options: AutopilotOnSandboxOptions = {}): Promise<void> {
  let reported!: (run: Promise<void>) => void;
  const firstSweep = new Promise<void>((resolve) => (reported = resolve));
  await h.restartApp({ ...options, sweepIntervalMs: 60 * 60_000, onSweep: (run) => reported(run) });
  await firstSweep;
  await h.settle();
}

/** A task's status in `ops/queue.jsonl`. */
export const taskStatus = async (h: AppHarness, task: string) =>
  getEntry(parseQueue(await stateFile(h, "ops/queue.jsonl")).doc, task)?.status;

/** The bodies of the comments on an issue or PR (first 100). */
export const commentBodies = async (h: AppHarness, number: number): Promise<string[]> =>
  (await h.user.rest.issues.listComments({ ...repoRef, issue_number: number, per_page: 100 })).data.map(
    (comment) => comment.body ?? "",
  );

/** The names of an issue's or PR's labels. */
export const labelNames = async (h: AppHarness, number: number): Promise<string[]> =>
  (await h.user.rest.issues.listLabelsOnIssue({ ...repoRef, issue_number: number })).data.map((label) => label.name);

/** The app's installation client on the sandbox (retries off, throttling as in the e2e app: `e2eThrottle`). */
export function installationClient(sandbox: Sandbox): InstanceType<typeof ProbotOctokit> {
  return new ProbotOctokit({
    baseUrl: sandbox.apiUrl,
    auth: {
      appId: sandbox.appId,
      privateKey: sandbox.credentials.privateKeyPem,
      installationId: sandbox.installationId,
    },
    log: silent,
    retry: { enabled: false },
    throttle: { ...scaledThrottle(e2eThrottle), id: String(sandbox.installationId) },
  });
}

/**
 * What the app's handlers work with for acme/widgets, as one app instance holds it: its own
 * installation client (retries off, throttling as in the e2e app: `e2eThrottle`), a silent log,
 * no delivery, and (unless given) the services of a fresh app instance.
 */
export function installationContext(sandbox: Sandbox, services: AppServices = testServices()): RepoContext {
  return {
    github: octokitPort(installationClient(sandbox), repoRef),
    ...repoRef,
    defaultBranch: "main",
    delivery: null,
    log: silent as unknown as RepoContext["log"],
    services,
  };
}

/**
 * A team's usual protection of `main`: a code owner's review (`* @octocat`), the required status
 * check `ci/test` on an up-to-date branch, no bypass for apps. `protect: false` writes the
 * configuration and CODEOWNERS only, for a test that protects main later.
 */
export async function protectedMainSetup(h: AppHarness, options: { protect?: boolean } = {}): Promise<void> {
  await setRepoConfig(h, ["merge:", "  required_checks: [ci/test]", "dispatch:", "  target: none", ""].join("\n"));
  const owners = Buffer.from("* @octocat\n").toString("base64");
  await h.user.rest.repos.createOrUpdateFileContents({
    ...repoRef,
    path: ".github/CODEOWNERS",
    message: "Owners",
    content: owners,
  });
  await h.settle();
  if (options.protect !== false) await protectMain(h);
}

/** Protects `main` as `protectedMainSetup` does. */
export const protectMain = (h: AppHarness) =>
  h.user.rest.repos.updateBranchProtection({
    ...repoRef,
    branch: "main",
    required_status_checks: { strict: true, contexts: ["ci/test"] },
    enforce_admins: false,
    required_pull_request_reviews: { required_approving_review_count: 1, require_code_owner_reviews: true },
    restrictions: null,
  });
