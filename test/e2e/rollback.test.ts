import { afterEach, describe, expect, it } from "vitest";
import { isDashboardBody } from "../../src/core/progress/index.js";
import { rollBack } from "../../src/handlers/rollback/roll-back.js";
import { asOtherApp, personWith } from "../security/security-harness.js";
import {
  commentBodies,
  installationContext,
  labelNames,
  mainFile,
  markReady,
  pushCommit,
  queueEntryOf,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
  type TestOctokit,
} from "./app-harness.js";
import { accept, findings } from "./task-lifecycle.js";

const repo = { owner: "acme", repo: "widgets" };
const widgetFile = "src/widgets/list-widgets.ts";

const configWith = (requiredChecks: string, extra: string[] = []) =>
  [
    "merge:",
    `  required_checks: ${requiredChecks}`,
    ...extra,
    "owners: [octocat]",
    "dispatch:",
    "  target: none",
    "",
  ].join("\n");

/**
 * A low-risk task from label to PR ready with CI green on its head (`green` reports CI on a
 * commit): the app merges it unless the policy says otherwise.
 */
async function greenTask(h: AppHarness, green: (sha: string) => Promise<unknown>) {
  const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
  await pushCommit(h.user, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
    [widgetFile]: "export const pageSize = 50;\n",
  });
  await markReady(h, pull.node_id);
  for (let round = 0; round < 3; round += 1) {
    const { head, merged } = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data;
    if (merged) break;
    await green(head.sha);
    await h.settle();
    if ((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.head.sha === head.sha) break;
  }
  return { issue, pull };
}

const statusBy = (octokit: TestOctokit, state: "success" | "failure", url?: string) => (sha: string) =>
  octokit.rest.repos.createCommitStatus({
    ...repo,
    sha,
    state,
    context: "ci/test",
    ...(url ? { target_url: url } : {}),
  });

const checkRunBy = (octokit: TestOctokit, conclusion: "success" | "failure") => (sha: string) =>
  octokit.rest.checks.create({ ...repo, head_sha: sha, name: "ci/test", status: "completed", conclusion });

const revertPulls = async (h: AppHarness) =>
  (await h.user.paginate(h.user.rest.pulls.list, { ...repo, state: "all", per_page: 100 })).filter((pull) =>
    pull.head.ref.startsWith("revert-"),
  );

const mergeShaOf = async (h: AppHarness, number: number): Promise<string> => {
  const pull = (await h.user.rest.pulls.get({ ...repo, pull_number: number })).data;
  expect(pull.merged).toBe(true);
  return pull.merge_commit_sha!;
};

const dashboardBody = async (h: AppHarness): Promise<string> => {
  const issues = await h.user.paginate(h.user.rest.issues.listForRepo, { ...repo, state: "open", per_page: 100 });
  const dashboard = issues.find((issue) => issue.user?.login === "autopilot[bot]" && isDashboardBody(issue.body));
  expect(dashboard).toBeDefined();
  return dashboard!.body ?? "";
};

const issueState = async (h: AppHarness, issue: number) =>
  (await h.user.rest.issues.get({ ...repo, issue_number: issue })).data.state;

describe("rollback of a merge that broke the default branch's CI", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  const start = async (config: string) => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    await setRepoConfig(h, config);
    return h;
  };

  it("a merge followed by a red ci/test opens exactly one revert PR, reopens the issue and blocks the task", async () => {
    const h = await start(configWith("[ci/test]"));
    const { issue, pull } = await greenTask(h, statusBy(h.ci, "success"));
    const mergeSha = await mergeShaOf(h, pull.number);
    expect(await issueState(h, issue)).toBe("closed");
    expect(await mainFile(h, widgetFile)).toContain("pageSize = 50");

    await statusBy(h.ci, "failure", "https://ci.example/acme/widgets/runs/7")(mergeSha);
    await h.settle();

    const reverts = await revertPulls(h);
    expect(reverts).toHaveLength(1);
    const revert = reverts[0]!;
    expect(revert).toMatchObject({ state: "open", user: { login: "autopilot[bot]" }, base: { ref: "main" } });
    expect(revert.title).toBe(`Revert T-${issue}: ci/test failed on ${mergeSha.slice(0, 7)}`);
    expect(revert.body).toContain(`Reverts #${pull.number}`);
    // the revert undoes the task's change on its branch; main keeps it until a person merges the revert
    expect((await h.sandbox.repo.git.readFile(revert.head.ref, widgetFile))?.content.toString()).not.toContain(
      "pageSize = 50",
    );
    expect(await mainFile(h, widgetFile)).toContain("pageSize = 50");
    // not merged by force: Autopilot never merges a PR that is no task's
    const merges = h.sandbox.requests().filter((request) => request.operationId === "pulls/merge");
    expect(merges.map((request) => request.path)).toEqual([`/repos/acme/widgets/pulls/${pull.number}/merge`]);
    // the secret gate still judges its head, as on every PR
    const revertRuns = [...h.sandbox.repo.checkRuns.values()].filter((run) => run.headSha === revert.head.sha);
    expect(revertRuns.map((run) => run.name)).toContain("autopilot/secrets");

    expect(await issueState(h, issue)).toBe("open");
    const told = (await commentBodies(h, issue)).find((body) => body.includes("was rolled back"));
    expect(told).toContain("[`ci/test`](https://ci.example/acme/widgets/runs/7)");
    expect(told).toContain(`the revert is #${revert.number}`);
    expect(await labelNames(h, issue)).toContain("autopilot:blocked");
    expect((await commentBodies(h, pull.number)).some((body) => body.includes(`revert: #${revert.number}`))).toBe(true);

    const entry = await queueEntryOf(h, `T-${issue}`);
    expect(entry?.status).toBe("blocked");
    expect(entry?.merge_sha).toBe(mergeSha);
    expect(entry?.rollback).toMatchObject({ merge_sha: mergeSha, check: "ci/test", revert_pr: revert.number });
    expect(entry?.history.at(-1)).toMatchObject({ from: "done", to: "blocked" });

    const dashboard = await dashboardBody(h);
    expect(dashboard).toContain("## Rolled back");
    expect(dashboard).toContain(`/pull/${revert.number})`);

    // duplicates: the same delivery again, another red report of the same check, another app's failing run
    const redStatus = h.sandbox.deliveries
      .list({ per_page: 100 })
      .deliveries.filter((item) => item.event === "status")
      .filter((item) => {
        const payload = h.sandbox.deliveries.get(item.id)?.request.payload as { sha?: string; state?: string };
        return payload.sha === mergeSha && payload.state === "failure";
      });
    expect(redStatus).toHaveLength(1);
    h.sandbox.deliveries.redeliver(redStatus[0]!.id);
    h.sandbox.deliveries.redeliver(redStatus[0]!.id);
    await statusBy(h.ci, "failure")(mergeSha);
    await checkRunBy(asOtherApp(h, "acme-ci-app", 9100), "failure")(mergeSha);
    await h.settle();
    expect(await revertPulls(h)).toHaveLength(1);
    expect((await commentBodies(h, issue)).filter((body) => body.includes("was rolled back"))).toHaveLength(1);
    expect((await queueEntryOf(h, `T-${issue}`))?.status).toBe("blocked");
    // the merged PR's labels or a later evaluation do not mark the task done again
    await h.user.rest.issues.addLabels({ ...repo, issue_number: pull.number, labels: ["looked-at"] });
    await h.settle();
    expect((await queueEntryOf(h, `T-${issue}`))?.status).toBe("blocked");
  });

  it("never reverts a person's merge, though the queue recorded the task done as that commit", async () => {
    const never = ["  policy:", "    low: { full: never }"];
    const h = await start(configWith("[ci/test]", never));
    const { issue, pull } = await greenTask(h, statusBy(h.ci, "success"));
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merged).toBe(false);
    // octocat merges by hand; the next evaluation of the PR records the task done as that commit
    await h.user.rest.pulls.merge({ ...repo, pull_number: pull.number, merge_method: "squash" });
    await h.user.rest.issues.addLabels({ ...repo, issue_number: pull.number, labels: ["looked-at"] });
    await h.settle();
    const mergeSha = await mergeShaOf(h, pull.number);
    expect(await queueEntryOf(h, `T-${issue}`)).toMatchObject({ status: "done", merge_sha: mergeSha });

    await statusBy(h.ci, "failure")(mergeSha);
    await h.settle();
    expect(await revertPulls(h)).toEqual([]);
    expect((await queueEntryOf(h, `T-${issue}`))?.status).toBe("done");
    expect(await issueState(h, issue)).toBe("closed");
  });

  it("a red ci/test from the change's own account does not count; from any other writer it does (unpinned)", async () => {
    const h = await start(`agent_accounts: [agent-bot]\n${configWith("[ci/test]")}`);
    const { issue, pull } = await greenTask(h, statusBy(h.ci, "success"));
    const mergeSha = await mergeShaOf(h, pull.number);
    // the agent's own account: a status it posts says nothing about the change
    const agent = await personWith(h, "agent-bot", "write");
    await statusBy(agent, "failure")(mergeSha);
    await h.settle();
    expect(await revertPulls(h)).toEqual([]);
    expect((await queueEntryOf(h, `T-${issue}`))?.status).toBe("done");
    // an unpinned check counts from any other writer (the documented risk: pin it to its app, see the next test)
    const writer = await personWith(h, "wendy", "write");
    await statusBy(writer, "failure")(mergeSha);
    await h.settle();
    expect(await revertPulls(h)).toHaveLength(1);
    expect((await queueEntryOf(h, `T-${issue}`))?.rollback).toMatchObject({ reported_by: "wendy" });
  });

  it("a check pinned to its app rolls back only on that app's red run, once across two replicas", async () => {
    const h = await start(configWith("[{ name: ci/test, app: acme-ci-app }]"));
    const ciApp = asOtherApp(h, "acme-ci-app", 9100);
    const { issue, pull } = await greenTask(h, checkRunBy(ciApp, "success"));
    const mergeSha = await mergeShaOf(h, pull.number);

    const mallory = await personWith(h, "mallory", "write");
    await statusBy(mallory, "failure")(mergeSha);
    await checkRunBy(asOtherApp(h, "intruder-app", 9200), "failure")(mergeSha);
    await h.settle();
    expect(await revertPulls(h)).toEqual([]);
    expect((await queueEntryOf(h, `T-${issue}`))?.status).toBe("done");

    // two replicas handle the same red run at once: one records the rollback first and opens the revert
    const failure = {
      name: "ci/test",
      sha: mergeSha,
      outcome: "failure",
      source: { kind: "check_run", app: "acme-ci-app" } as const,
      url: null,
    };
    await Promise.all([
      rollBack(installationContext(h.sandbox), failure),
      rollBack(installationContext(h.sandbox), failure),
    ]);
    expect(await revertPulls(h)).toHaveLength(1);
    // and the app's own delivery of the run changes nothing more
    await checkRunBy(ciApp, "failure")(mergeSha);
    await h.settle();
    expect(await revertPulls(h)).toHaveLength(1);
    expect((await commentBodies(h, issue)).filter((body) => body.includes("was rolled back"))).toHaveLength(1);
    expect((await queueEntryOf(h, `T-${issue}`))?.rollback).toMatchObject({ reported_by: "app:acme-ci-app" });
  });
});
