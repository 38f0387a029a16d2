/** A default branch under a merge queue on the sandbox, and a task the app judged green on it. */
import { mergeQueueRuleset } from "@autopilot/github-sandbox";
import {
  markReady,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
  type AppHarnessOptions,
  type TestOctokit,
} from "./app-harness.js";
import { accept } from "./task-lifecycle.js";

export const repo = { owner: "acme", repo: "widgets" };
const noFindings = { risks: [], missing_deliverables: [], test_gaps: [], followups: [] };

/**
 * The app on a fresh sandbox whose review finds `findings` (none by default) and accepts every
 * change, configured with `config` (lines of `.github/autopilot.yml`) and no agent to dispatch.
 */
export async function startAccepting(
  config: string[],
  options: AppHarnessOptions & { findings?: object } = {},
): Promise<AppHarness> {
  const { findings = noFindings, ...harnessOptions } = options;
  const harness = await startAppHarness({
    ...harnessOptions,
    reviewPorts: scriptedReviewers(
      () => ({ output: findings }),
      () => ({ output: accept }),
    ),
  });
  await setRepoConfig(harness, [...config, "dispatch:", "  target: none", ""].join("\n"));
  return harness;
}

/** A ruleset on the default branch whose pull_request rule requires every review conversation resolved (no approval). */
export const conversationsRuleset = (more: ReturnType<typeof mergeQueueRuleset>["rules"] = []) => ({
  ...repo,
  name: "main",
  target: "branch" as const,
  enforcement: "active" as const,
  conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
  rules: [
    {
      type: "pull_request" as const,
      parameters: {
        required_approving_review_count: 0,
        dismiss_stale_reviews_on_push: false,
        require_code_owner_review: false,
        require_last_push_approval: false,
        required_review_thread_resolution: true,
      },
    },
    ...more,
  ],
});

/** What an administrator does on github.com: a ruleset putting `main` under a merge queue that requires ci/test. */
export async function requireMergeQueue(
  harness: AppHarness,
  checks: { context: string; integration_id?: number }[] = [{ context: "ci/test" }],
): Promise<void> {
  await harness.user.rest.repos.createRepoRuleset({ ...repo, ...mergeQueueRuleset({ checks }) });
}

export async function start(checks?: { context: string; integration_id?: number }[]): Promise<AppHarness> {
  const harness = await startAccepting(["merge:", "  required_checks: [ci/test]", "owners: [octocat]"]);
  await requireMergeQueue(harness, checks);
  return harness;
}

export const pullOf = async (harness: AppHarness, number: number) =>
  (await harness.user.rest.pulls.get({ ...repo, pull_number: number })).data;

export const ciOn = async (harness: AppHarness, sha: string, state: "success" | "failure" = "success") => {
  await harness.ci.rest.repos.createCommitStatus({ ...repo, sha, state, context: "ci/test" });
  await harness.settle();
};

/** The merge group GitHub built for the PR: its read-only branch's commit. */
export async function groupOf(harness: AppHarness, number: number): Promise<string | undefined> {
  const refs = (
    await harness.user.rest.git.listMatchingRefs({ ...repo, ref: `heads/gh-readonly-queue/main/pr-${number}-` })
  ).data;
  return refs[0]?.object.sha;
}

export async function inQueue(octokit: TestOctokit, number: number): Promise<boolean> {
  const data = await octokit.graphql<{ repository: { pullRequest: { isInMergeQueue: boolean } } }>(
    'query($n: Int!) { repository(owner: "acme", name: "widgets") { pullRequest(number: $n) { isInMergeQueue } } }',
    { n: number },
  );
  return data.repository.pullRequest.isInMergeQueue;
}

/** A low-risk task the agent pushed and marked ready, reviewed: it waits in `review` for CI. */
export async function taskAwaitingCi(harness: AppHarness) {
  const { issue, pull, branch } = await startTask(harness, "Paginate widget lists", "src/widgets/**", "low");
  await pushCommit(harness.user, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
    "src/widgets/list.ts": "export const pageSize = 50;\n",
  });
  await markReady(harness, pull.node_id);
  return { issue, pull };
}

/** A low-risk task, green on gates, review and CI at its head: the app's decision is to merge it. */
export async function greenTask(harness: AppHarness, title: string, scope: string, file: string, risk = "low") {
  const { issue, pull, branch } = await startTask(harness, title, `${scope}/**`, risk);
  await pushCommit(harness.user, branch, `${title}\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
    [`${scope}/${file}`]: "export const pageSize = 50;\n",
  });
  await markReady(harness, pull.node_id);
  const head = (await pullOf(harness, pull.number)).head.sha;
  await ciOn(harness, head);
  return { issue, number: pull.number, nodeId: pull.node_id, branch, head };
}
