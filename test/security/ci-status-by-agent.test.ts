import { afterEach, describe, expect, it } from "vitest";
import {
  markReady,
  pushCommit,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
} from "../e2e/app-harness.js";
import { acceptingReviewers, asActions, asOtherApp, personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * Required CI trusted by name: the agent (a writer, with a workflow whose GITHUB_TOKEN may write
 * checks and statuses) reports `ci/test: success` on its own head. That must not satisfy the
 * requirement; the team's CI, from the source the configuration names, must.
 */
describe("a required check reported by the agent", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const start = async (requiredChecks: string) => {
    h = await startAppHarness({ reviewPorts: acceptingReviewers() });
    await setRepoConfig(
      h,
      ["merge:", `  required_checks: ${requiredChecks}`, "dispatch:", "  target: none", ""].join("\n"),
    );
    return h;
  };
  /** A low-risk task the agent has pushed and marked ready: it merges on its own once required CI is green. */
  const readyTask = async (h: AppHarness, agent: Awaited<ReturnType<typeof personWith>>) => {
    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    await pushCommit(agent, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/list-widgets.ts": "export const pageSize = 50;\n",
    });
    await markReady(h, pull.node_id);
    return pull;
  };
  /**
   * `report` on the PR's head, again on each new head the app makes by bringing the branch up to
   * date with its base (CI runs on every head), until the head stays or the PR merges.
   */
  const onEveryHead = async (h: AppHarness, number: number, report: (sha: string) => Promise<unknown>) => {
    for (let round = 0; round < 3; round += 1) {
      const { head, merged: done } = (await h.user.rest.pulls.get({ ...repo, pull_number: number })).data;
      if (done) return;
      await report(head.sha);
      await h.settle();
      if ((await h.user.rest.pulls.get({ ...repo, pull_number: number })).data.head.sha === head.sha) return;
    }
  };
  const merged = async (h: AppHarness, number: number) =>
    (await h.user.rest.pulls.get({ ...repo, pull_number: number })).data.merged;

  it("a commit status the agent posts on its own head does not count; the team's CI account's does", async () => {
    const h = await start("[ci/test]");
    const agent = await personWith(h, "widget-agent", "write");
    const ci = await personWith(h, "acme-build", "write");
    const pull = await readyTask(h, agent);

    await onEveryHead(h, pull.number, (sha) =>
      agent.rest.repos.createCommitStatus({ ...repo, sha, state: "success", context: "ci/test" }),
    );
    expect(await merged(h, pull.number)).toBe(false);

    await onEveryHead(h, pull.number, (sha) =>
      ci.rest.repos.createCommitStatus({ ...repo, sha, state: "success", context: "ci/test" }),
    );
    expect(await merged(h, pull.number)).toBe(true);
  });

  it("a check pinned to the team's CI app ignores the agent's status and its Actions run", async () => {
    const h = await start("[{ name: ci/test, app: acme-ci-app }]");
    const agent = await personWith(h, "widget-agent", "write");
    const pull = await readyTask(h, agent);

    const actions = asActions(h);
    await onEveryHead(h, pull.number, async (sha) => {
      await agent.rest.repos.createCommitStatus({ ...repo, sha, state: "success", context: "ci/test" });
      await actions.rest.checks.create({
        ...repo,
        name: "ci/test",
        head_sha: sha,
        status: "completed",
        conclusion: "success",
      });
    });
    expect(await merged(h, pull.number)).toBe(false);

    const teamCi = asOtherApp(h, "acme-ci-app", 424242);
    await onEveryHead(h, pull.number, (sha) =>
      teamCi.rest.checks.create({
        ...repo,
        name: "ci/test",
        head_sha: sha,
        status: "completed",
        conclusion: "success",
      }),
    );
    expect(await merged(h, pull.number)).toBe(true);
  });
});
