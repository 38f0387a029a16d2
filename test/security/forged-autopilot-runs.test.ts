import { afterEach, describe, expect, it } from "vitest";
import { markReady, setRepoConfig, startAppHarness, startTask, type AppHarness } from "../e2e/app-harness.js";
import { acceptingReviewers, asActions, personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const forgedNames = ["autopilot/scope", "autopilot/concordance", "autopilot/secrets", "autopilot/review"];

/**
 * Another app (here GitHub Actions, with a workflow's `GITHUB_TOKEN` and `checks: write`) creates
 * green `autopilot/*` runs on the agent's next head before Autopilot sees it, hoping the app takes
 * them as its own judgement: skip its gates and merge an out-of-scope change.
 */
describe("autopilot runs forged by another app", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("the app still runs its own gates on the head and does not merge on the forged runs", async () => {
    h = await startAppHarness({ reviewPorts: acceptingReviewers() });
    await setRepoConfig(h, ["dispatch:", "  target: none", ""].join("\n"));
    const agent = await personWith(h, "widget-agent", "write");
    const actions = asActions(h);
    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");

    // the commit exists before the branch points at it: the forged runs are there when GitHub announces the push
    const base = (await agent.rest.repos.getBranch({ ...repo, branch })).data.commit;
    const files = [
      { path: "src/widgets/list-widgets.ts", content: "export const pageSize = 50;\n" },
      { path: "src/billing/fees.ts", content: "export const fee = 0;\n" },
    ];
    const tree = await agent.rest.git.createTree({
      ...repo,
      base_tree: base.commit.tree.sha,
      tree: files.map((file) => ({ ...file, mode: "100644" as const, type: "blob" as const })),
    });
    const commit = await agent.rest.git.createCommit({
      ...repo,
      message: `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`,
      tree: tree.data.sha,
      parents: [base.sha],
    });
    const head = commit.data.sha;
    for (const name of forgedNames) {
      await actions.rest.checks.create({
        ...repo,
        name,
        head_sha: head,
        status: "completed",
        conclusion: "success",
        output: { title: "All good", summary: "Nothing to see." },
      });
    }
    await agent.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha: head });
    await h.settle();
    await markReady(h, pull.node_id);

    // the app judged the head itself: its own scope gate fails on the file outside the task's scope
    const runs = (await h.user.rest.checks.listForRef({ ...repo, ref: head, filter: "all", per_page: 100 })).data
      .check_runs;
    const own = runs.filter((run) => run.app?.slug === h!.sandbox.state.app.slug);
    expect(
      Object.fromEntries(own.filter((run) => run.name !== "autopilot/review").map((run) => [run.name, run.conclusion])),
    ).toEqual({
      "autopilot/scope": "failure",
      "autopilot/concordance": "success",
      "autopilot/secrets": "success",
    });
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merged).toBe(false);
    // the forged runs are still there, untouched: they are simply not Autopilot's
    expect(runs.filter((run) => run.app?.slug === "github-actions").map((run) => run.conclusion)).toEqual([
      "success",
      "success",
      "success",
      "success",
    ]);
  });
});
