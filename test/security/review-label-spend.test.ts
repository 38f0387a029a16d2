import { afterEach, describe, expect, it } from "vitest";
import type { OutboundRequest } from "../../src/llm/index.js";
import { pushCommit, scriptedReviewers, setRepoConfig, startAppHarness, type AppHarness } from "../e2e/app-harness.js";
import { accept, findings, lifecycleConfig } from "../e2e/task-lifecycle.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * Adding the review label to a pull request asks for a review of its head by two paid models,
 * skipping what an unasked review waits for (a draft, red gates) and, on a pull request that is
 * not a task, `review.on_non_task_prs: command` (reviews only when someone comments `/review`,
 * which needs authority). GitHub lets a triage user label any pull request: with one empty commit
 * per new head and the label taken off and put back, they could have the models review without
 * end, on a pull request no task cap counts. A label from someone without authority asks nothing
 * the app would not do unasked.
 */
describe("the review label from someone without authority", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("starts no model review of a pull request that is not a task; an owner's label does", async () => {
    const sent: OutboundRequest[] = [];
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        (request) => (sent.push(request), { output: findings }),
        (request) => (sent.push(request), { output: accept }),
      ),
    });
    await setRepoConfig(h, lifecycleConfig);
    const writer = await personWith(h, "widget-dev", "write");
    const triager = await personWith(h, "triager", "triage");
    const main = (await writer.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha;
    await writer.rest.git.createRef({ ...repo, ref: "refs/heads/tweak", sha: main });
    await pushCommit(writer, "tweak", "Tweak the docs", { "docs/tweak.md": "A tweak.\n" });
    const { data: pull } = await writer.rest.pulls.create({ ...repo, head: "tweak", base: "main", title: "Tweak" });
    await h.user.rest.issues.createLabel({ ...repo, name: "autopilot:review" }).catch(() => undefined);
    await h.settle();

    for (const round of [1, 2, 3]) {
      await triager.rest.issues.addLabels({ ...repo, issue_number: pull.number, labels: ["autopilot:review"] });
      await h.settle();
      await triager.rest.issues.removeLabel({ ...repo, issue_number: pull.number, name: "autopilot:review" });
      await pushCommit(writer, "tweak", `Tweak ${round}`, { "docs/tweak.md": `A tweak, take ${round}.\n` });
      await h.settle();
    }
    expect(sent).toHaveLength(0);

    await h.user.rest.issues.addLabels({ ...repo, issue_number: pull.number, labels: ["autopilot:review"] });
    await h.settle();
    expect(sent).toHaveLength(2);
  });
});
