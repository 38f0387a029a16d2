import { afterEach, describe, expect, it } from "vitest";
import { parseReviewComment } from "../../src/core/review/index.js";
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

const repo = { owner: "acme", repo: "widgets" };

/**
 * The coding agent pushes with an account that has write access, and `owners: []` lets every
 * writer use commands. Its change cannot show acceptance criterion 1 and carries a risk. It tries
 * to set the review aside itself: `/waive 1`, `/dismiss` the risk, `/review`. Neither counts: the
 * change's own accounts (the PR's author, its commits' authors and committers, `agent_accounts`)
 * may not waive or dismiss, as they may not approve.
 */
describe("the agent setting its own review aside", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("is refused: no waiver, no dismissal, and the review stays partial", async () => {
    const risk = {
      id: "R1",
      severity: "medium",
      description: "The page size is fixed.",
      evidence: [{ file: "src/widgets/list.ts", line: 1 }],
    };
    const manager = {
      decision: "accept",
      recommended_status: "done",
      next_actions: [],
      summary: "Looks done.",
      reasons: ["pages"],
      criteria: [{ number: 1, verdict: "unverifiable", evidence: [], note: "the router is not in the diff" }],
    };
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: { risks: [risk], missing_deliverables: [], test_gaps: [], followups: [] } }),
        () => ({ output: manager }),
      ),
    });
    await setRepoConfig(h, noMergeConfig);
    const agent = await personWith(h, "widget-agent", "write");
    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**");
    await pushCommit(agent, branch, `Page\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/list.ts": "export const pageSize = 50;\n",
    });
    await markReady(h, pull.node_id);
    const record = async () =>
      parseReviewComment(
        (await h!.user.rest.issues.listComments({ ...repo, issue_number: pull.number })).data.find((item) =>
          item.body?.includes("autopilot:review-json"),
        )!.body!,
      )!;
    const before = await record();
    expect(before).toMatchObject({ decision: "partial" });
    const fingerprint = before.findings.find((finding) => finding.kind === "risk")!.fingerprint;

    for (const body of ["/waive 1 it is fine, trust me", `/dismiss ${fingerprint} not a real problem`, "/review"]) {
      await agent.rest.issues.createComment({ ...repo, issue_number: pull.number, body });
      await h.settle();
    }
    expect(await taskDecisions(h, `T-${issue}`)).toEqual([]);
    const replies = (await h.user.rest.issues.listComments({ ...repo, issue_number: pull.number })).data.map(
      (comment) => comment.body ?? "",
    );
    expect(replies.filter((body) => body.includes("@widget-agent wrote or pushed this change"))).toHaveLength(2);
    expect(await record()).toMatchObject({ decision: "partial", may_merge: false });
  });
});
