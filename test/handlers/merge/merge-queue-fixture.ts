import { defaultConfig, type Config } from "../../../src/config/index.js";
import { gateNames, reviewCheckName } from "../../../src/core/check-names.js";
import { listEntries, parseQueue, type QueueEntry } from "../../../src/core/queue/index.js";
import type { CheckRun, GitHubPort, Pull } from "../../../src/github/index.js";
import type { AppServices } from "../../../src/handlers/repo-context.js";
import { contextOn, fakeGitHubPort, type FakeGitHub } from "../../helpers/fake-github-port.js";

export const head = "c".repeat(40);
export const newHead = "d".repeat(40);
export const bot = "autopilot[bot]";

const green = (name: string, id: number, sha: string): CheckRun => ({
  id,
  name,
  status: "completed",
  conclusion: "success",
  head_sha: sha,
  check_suite: { id: 1 },
  app: { id: 1, slug: "autopilot" },
  output: { title: null, summary: null },
});
/** the app's gates and review, green on both heads */
const ownRuns = [head, newHead].flatMap((sha, offset) =>
  [...gateNames, reviewCheckName].map((name, index) => green(name, offset * 100 + index + 1, sha)),
);

export const queueLine = (extra: Partial<QueueEntry> = {}): string =>
  JSON.stringify({
    id: "T-5",
    issue: 5,
    title: "Task",
    status: "review",
    branch: "autopilot/T-5-x",
    pr: 7,
    scope: ["src/**"],
    forbidden: [],
    risk: "low",
    mode: "full",
    refs: [],
    history: [],
    ...extra,
  });

export const taskPull = (overrides: Partial<Pull> = {}): Pull =>
  ({
    number: 7,
    node_id: "PR_7",
    title: "[T-5] Task",
    body: "",
    draft: false,
    state: "open",
    merged: false,
    mergeable: true,
    mergeable_state: "clean",
    merge_commit_sha: null,
    merged_by: null,
    updated_at: "2026-01-01T00:00:00Z",
    head: { sha: head, ref: "autopilot/T-5-x", repo: { full_name: "acme/widgets" } },
    base: {
      ref: "main",
      sha: "b".repeat(40),
      repo: { full_name: "acme/widgets", html_url: "https://github.com/acme/widgets" },
    },
    user: { login: bot, type: "Bot" },
    labels: [],
    ...overrides,
  }) as Pull;

/** A task PR green on every gate, the review and CI, on a repository whose `main` requires a merge queue (unless told). */
export function mergeQueueRepo(
  options: {
    queueLine?: string;
    pull?: Pull;
    mergeQueues?: string[];
    stubs?: Partial<GitHubPort>;
    services?: AppServices;
  } = {},
): { github: FakeGitHub; config: Config; ctx: ReturnType<typeof contextOn> } {
  const github = fakeGitHubPort(
    {
      branches: { main: {}, "autopilot/state": { "ops/queue.jsonl": `${options.queueLine ?? queueLine()}\n` } },
      pulls: [options.pull ?? taskPull()],
      checkRuns: ownRuns,
      mergeQueues: options.mergeQueues ?? ["main"],
    },
    {
      compareWithBase: async () => ({
        behindBy: 0,
        totalCommits: 1,
        commits: [{ author: { login: bot }, committer: { login: bot } }],
        files: [],
      }),
      listPullFiles: async () => [],
      ...options.stubs,
    },
  );
  const config = defaultConfig();
  config.merge.required_checks = [];
  return { github, config, ctx: contextOn(github, config, options.services) };
}

/** The task as the queue file on the state branch records it now. */
export function taskOf(github: FakeGitHub): QueueEntry {
  const text = github.state.branches.get("autopilot/state")?.get("ops/queue.jsonl") ?? "";
  const entry = listEntries(parseQueue(text).doc)[0];
  if (!entry) throw new Error("no task in the queue");
  return entry;
}

export const mergeDecision = (github: FakeGitHub): string | undefined =>
  github.state.comments.find((comment) => comment.issueNumber === 7 && comment.key === "merge-decision")?.body;
