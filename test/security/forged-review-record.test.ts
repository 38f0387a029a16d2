import { afterEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/index.js";
import { changeFingerprint, parseReviewComment, serializeReviewRecord } from "../../src/core/review/index.js";
import { taskFilePath } from "../../src/core/task/index.js";
import type { OutboundRequest } from "../../src/llm/index.js";
import {
  markReady,
  noMergeConfig,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  taskDecisions,
  type AppHarness,
} from "../e2e/app-harness.js";
import { personWith } from "./security-harness.js";
import { findings } from "../e2e/task-lifecycle.js";
import { highRiskFindings } from "../core/review/review-fixtures.js";

const repo = { owner: "acme", repo: "widgets" };
const verdict = (decision: "accept" | "reject") => ({
  decision,
  recommended_status: decision === "accept" ? "review" : "in_progress",
  next_actions: [],
  summary: decision === "accept" ? "Does what the spec asks." : "Deletes the audit log.",
  reasons: [decision === "accept" ? "pages by 50" : "the audit log is gone"],
});

/**
 * A task whose agent (a writer) pushed a first head, marked ready and reviewed: the models'
 * requests are recorded in `sent`, the manager's decision is `decision()` at the time it is asked.
 */
async function reviewedTask(decision: () => "accept" | "reject") {
  const sent: OutboundRequest[] = [];
  const h = await startAppHarness({
    reviewPorts: scriptedReviewers(
      (request) => (sent.push(request), { output: findings }),
      (request) => (sent.push(request), { output: verdict(decision()) }),
    ),
  });
  await setRepoConfig(h, noMergeConfig);
  const agent = await personWith(h, "widget-agent", "write");
  const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**");
  const first = await pushCommit(agent, branch, `Page\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
    "src/widgets/list.ts": "export const pageSize = 50;\n",
  });
  await markReady(h, pull.node_id);
  /** the app's sticky review comment as the PR shows it now */
  const sticky = async () =>
    (await h.user.rest.issues.listComments({ ...repo, issue_number: pull.number })).data.find((comment) =>
      comment.body?.includes("autopilot:review-json"),
    )!;
  /** the review runs on `head`, by app and conclusion */
  const reviewRuns = async (head: string) =>
    (await h.user.rest.checks.listForRef({ ...repo, ref: head, check_name: "autopilot/review" })).data.check_runs.map(
      (run) => [run.app?.slug, run.conclusion],
    );
  return { h, sent, agent, issue, pull, branch, first, sticky, reviewRuns };
}

/**
 * The review keeps its record (the head it reviewed, the configuration) in its sticky comment, and
 * GitHub lets anyone with write access edit anyone's comment, the app's included. The coding agent
 * (a writer) edits the record to say its new head was reviewed already, so the app would skip the
 * review that rejects it, or that an earlier head's review accepted this very change so the app
 * carries that verdict over. The app skips only when the head has its own review run made with
 * this configuration, and carries only the verdict its own run on the earlier head shows for this
 * change (a run's `external_id` is written by the app that created it alone).
 */
describe("a review record edited to claim a head was reviewed", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("does not suppress the review of that head", async () => {
    let decision: "accept" | "reject" = "accept";
    const task = await reviewedTask(() => decision);
    h = task.h;
    const { sent, agent, issue, pull, branch, first, sticky } = task;
    expect(parseReviewComment((await sticky()).body!)).toMatchObject({ head_sha: first, decision: "accept" });

    // back to draft, a second head the reviewers would reject, and the record edited to claim it
    await agent.graphql(
      "mutation($id: ID!) { convertPullRequestToDraft(input: { pullRequestId: $id }) { pullRequest { isDraft } } }",
      { id: pull.node_id },
    );
    await h.settle();
    const second = await pushCommit(agent, branch, `Tidy\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/audit.ts": null,
      "src/widgets/list.ts": "export const pageSize = 50; // tidy\n",
    });
    await h.settle();
    const comment = await sticky();
    const forged = comment.body!.split(first).join(second);
    await agent.rest.issues.updateComment({ ...repo, comment_id: comment.id, body: forged });
    expect(parseReviewComment((await sticky()).body!)?.head_sha).toBe(second);

    decision = "reject";
    sent.length = 0;
    await markReady(h, pull.node_id);
    expect(sent.map((request) => request.schemaName)).toEqual(["assistant_manager_findings", "manager_decision"]);
    expect(await task.reviewRuns(second)).toEqual([["autopilot", "failure"]]);
    expect(parseReviewComment((await sticky()).body!)).toMatchObject({ head_sha: second, decision: "reject" });
  });

  it("does not carry a verdict the app never gave over to a new head", async () => {
    const task = await reviewedTask(() => "reject");
    h = task.h;
    const { sent, agent, issue, pull, branch, first, sticky } = task;
    const rejected = parseReviewComment((await sticky()).body!)!;
    expect(rejected).toMatchObject({ head_sha: first, decision: "reject" });
    // the reject put the PR back to draft; the agent pushes another change the reviewers would reject
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.draft).toBe(true);
    const second = await pushCommit(agent, branch, `Tidy\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/list.ts": "export const pageSize = 5000;\n",
    });
    await h.settle();
    // the record now says the first head's review accepted exactly this change (the fingerprint
    // is public: the PR's files and the app's code)
    const own = taskFilePath(defaultConfig().task_dir, `T-${issue}`);
    const files = (await agent.rest.pulls.listFiles({ ...repo, pull_number: pull.number })).data.filter(
      (file) => file.filename !== own,
    );
    const forged = serializeReviewRecord({
      ...rejected,
      decision: "accept",
      conclusion: "success",
      may_merge: true,
      recommended_status: "review",
      change_fingerprint: changeFingerprint(files)!,
    });
    const comment = await sticky();
    const start = comment.body!.indexOf("<!-- autopilot:review-json");
    await agent.rest.issues.updateComment({
      ...repo,
      comment_id: comment.id,
      body: `${comment.body!.slice(0, start)}${forged}`,
    });

    sent.length = 0;
    await markReady(h, pull.node_id);
    expect(sent.map((request) => request.schemaName)).toEqual(["assistant_manager_findings", "manager_decision"]);
    expect(await task.reviewRuns(second)).toEqual([["autopilot", "failure"]]);
    expect(parseReviewComment((await sticky()).body!)).toMatchObject({ head_sha: second, decision: "reject" });
  });
});

/**
 * An owner dismisses a finding by the fingerprint the review comment shows next to it. The agent
 * (a writer) edits the comment so that a harmless line carries the fingerprint of the risk that
 * would stop its change, hoping the owner dismisses that one unknowingly. The app takes the
 * finding only from the record as it sealed it: an edited record dismisses nothing.
 */
describe("a review record edited to steer an owner's /dismiss", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("dismisses nothing from an edited record and says why", async () => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: highRiskFindings }),
        () => ({ output: verdict("reject") }),
      ),
    });
    await setRepoConfig(h, noMergeConfig);
    const agent = await personWith(h, "widget-agent", "write");
    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**");
    await pushCommit(agent, branch, `Page\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/list.ts": "export const pageSize = 50;\n",
    });
    await markReady(h, pull.node_id);
    const sticky = (await h.user.rest.issues.listComments({ ...repo, issue_number: pull.number })).data.find(
      (comment) => comment.body?.includes("autopilot:review-json"),
    )!;
    const record = parseReviewComment(sticky.body!)!;
    const high = record.findings.find((finding) => finding.text === highRiskFindings.risks[0]!.description)!;
    const low = record.findings.find((finding) => finding.text === highRiskFindings.risks[1]!.description)!;
    // the two texts swapped, in the table people read and in the record: the high risk now reads as the typo
    const swapped = sticky
      .body!.split(high.fingerprint)
      .join("\u0000")
      .split(low.fingerprint)
      .join(high.fingerprint)
      .split("\u0000")
      .join(low.fingerprint);
    await agent.rest.issues.updateComment({ ...repo, comment_id: sticky.id, body: swapped });

    const owner = await personWith(h, "mona", "write");
    await owner.rest.issues.createComment({
      ...repo,
      issue_number: pull.number,
      body: `/dismiss ${high.fingerprint} only a typo`,
    });
    await h.settle();
    const decisions = await taskDecisions(h, `T-${issue}`);
    expect(decisions.filter((decision) => decision.kind === "dismissal")).toEqual([]);
    const replies = (await h.user.rest.issues.listComments({ ...repo, issue_number: pull.number })).data.map(
      (comment) => comment.body ?? "",
    );
    expect(replies.some((body) => body.includes("is not as Autopilot wrote it (someone edited it)"))).toBe(true);
  });
});
