import { afterEach, describe, expect, it } from "vitest";
import {
  commentBodies,
  labelNames,
  noMergeConfig,
  setRepoConfig,
  startAppHarness,
  startTask,
  taskStatus,
  type AppHarness,
} from "../e2e/app-harness.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/** The app's job failures so far, as its metrics count them. */
async function failedJobs(h: AppHarness): Promise<number> {
  const metric = await h.autopilot.autopilot.metrics.registry.getSingleMetric("autopilot_errors_total")?.get();
  return (metric?.values ?? [])
    .filter((value) => value.labels.source === "job")
    .reduce((sum, value) => sum + value.value, 0);
}

/**
 * A task lives on its issue: the owner's questions, answers and commands are there. Anyone with
 * write access to two repositories of an organization (the coding agent's account, say) can
 * transfer the issue to the other one, and an admin can delete it. The task then stops, its scope
 * freed and its PR told, rather than going on with no thread for its owner (every later write to
 * the issue failing, every sweep again).
 */
describe("attack: a task's issue taken out of the repository", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("stops the task when the agent transfers its issue to another repository", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, noMergeConfig);
    const { issue, pull } = await startTask(h, "Paginate widget lists", "src/widgets/**");
    const gadgets = await h.sandbox.state.createRepo("acme", "gadgets");
    const agent = await personWith(h, "widget-agent", "write");
    h.sandbox.state.setPermission(gadgets, "widget-agent", "write");
    const issueId = (await h.user.rest.issues.get({ ...repo, issue_number: issue })).data.node_id;
    const moved = await agent.graphql<{ transferIssue: { issue: { number: number } } }>(
      "mutation($issue: ID!, $repo: ID!) { transferIssue(input: { issueId: $issue, repositoryId: $repo }) { issue { number } } }",
      { issue: issueId, repo: gadgets.nodeId },
    );
    await h.settle();

    expect(await taskStatus(h, `T-${issue}`)).toBe("blocked");
    expect(await labelNames(h, pull.number)).toContain("autopilot:blocked");
    const said = (await commentBodies(h, pull.number)).find((body) => body.includes(`Autopilot stopped T-${issue}`));
    expect(said).toContain(`its issue #${issue} was transferred to `);
    expect(said).toContain(`acme/gadgets/issues/${moved.transferIssue.issue.number}`);
    expect(said).toContain("@widget-agent");
    expect(await failedJobs(h)).toBe(0);
  });

  it("stops the task when an admin deletes its issue, and a second delivery changes nothing", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, noMergeConfig);
    const { issue, pull } = await startTask(h, "Paginate widget lists", "src/widgets/**");
    h.sandbox.state.setMembersCanDeleteIssues("acme", true);
    const issueId = (await h.user.rest.issues.get({ ...repo, issue_number: issue })).data.node_id;
    await h.user.graphql("mutation($id: ID!) { deleteIssue(input: { issueId: $id }) { repository { id } } }", {
      id: issueId,
    });
    await h.settle();

    expect(await taskStatus(h, `T-${issue}`)).toBe("blocked");
    const deleted = h.sandbox.deliveries
      .list()
      .deliveries.find((item) => item.event === "issues" && item.action === "deleted")!;
    await h.sandbox.deliveries.redeliver(deleted.id);
    await h.settle();
    expect(await taskStatus(h, `T-${issue}`)).toBe("blocked");
    const stopped = (await commentBodies(h, pull.number)).filter((body) =>
      body.includes(`Autopilot stopped T-${issue}`),
    );
    expect(stopped).toHaveLength(1);
    expect(stopped[0]).toContain(`its issue #${issue} was deleted (by @octocat)`);
    expect(await failedJobs(h)).toBe(0);
  });
});
