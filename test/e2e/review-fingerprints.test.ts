import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReviewComment } from "../../src/core/review/index.js";
import {
  markReady,
  noMergeConfig,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
} from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const accept = {
  decision: "partial",
  recommended_status: "in_progress",
  next_actions: ["make the page size configurable"],
  summary: "Close.",
  reasons: ["a risk stands"],
};
const configurable = "The page size is not configurable.";
const unbounded = "Unbounded page size lets a client fetch everything.";
const risk = (id: string, description: string, line: number) => ({
  id,
  severity: "medium",
  description,
  evidence: [{ file: "src/widgets/list-widgets.ts", line }],
});

/**
 * Findings across pushes, as the PR's readers see them in the one sticky review comment: a risk
 * fixed by a later push is listed as resolved, and a risk reported again (under another id, at
 * another line) is shown once, as still open, never twice.
 */
describe("review findings across pushes", () => {
  let h: AppHarness;
  let findings: { risks: ReturnType<typeof risk>[]; missing_deliverables: []; test_gaps: []; followups: [] };

  beforeAll(async () => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    await setRepoConfig(h, noMergeConfig);
  });
  afterAll(() => h.close());

  const reviewComments = async (number: number) =>
    (await h.user.rest.issues.listComments({ ...repo, issue_number: number })).data.filter((comment) =>
      comment.body?.includes("autopilot:review-json"),
    );
  /** The comment as rendered for people: everything before the hidden machine-readable block. */
  const visible = (body: string) => body.slice(0, body.indexOf("<!-- autopilot:review-json"));
  const occurrences = (text: string, part: string) => text.split(part).length - 1;

  it("marks a risk gone on the second push as resolved and shows a risk reported on both pushes once", async () => {
    findings = {
      risks: [risk("R1", configurable, 1), risk("R2", unbounded, 2)],
      missing_deliverables: [],
      test_gaps: [],
      followups: [],
    };
    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**");
    const first = await pushCommit(h.user, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/list-widgets.ts": "export const pageSize = 50;\n",
    });
    await markReady(h, pull.node_id);
    const [before] = await reviewComments(pull.number);
    const firstRecord = parseReviewComment(before!.body!);
    expect(firstRecord).toMatchObject({ head_sha: first, resolved: [] });
    expect(firstRecord?.findings.map((finding) => finding.text)).toEqual([configurable, unbounded]);

    // the second push makes the page size configurable; the model reports the other risk again, renumbered, at another line
    findings = { risks: [risk("R1", unbounded, 7)], missing_deliverables: [], test_gaps: [], followups: [] };
    const second = await pushCommit(h.user, branch, `Configurable page size\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/list-widgets.ts":
        "export const defaultPageSize = 50;\nexport const pageSize = (n = defaultPageSize) => n;\n",
    });
    // the partial sent the task back to the agent (the PR is a draft again): done, it marks the PR ready
    await markReady(h, pull.node_id);

    const comments = await reviewComments(pull.number);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body!;
    const record = parseReviewComment(body);
    expect(record?.head_sha).toBe(second);
    expect(record?.resolved.map((finding) => finding.text)).toEqual([configurable]);
    expect(record?.findings.map((finding) => finding.text)).toEqual([unbounded]);
    expect(record?.findings[0]?.fingerprint).toBe(firstRecord?.findings[1]?.fingerprint);

    const shown = visible(body);
    expect(shown).toContain("### Resolved since the last review (1)");
    expect(occurrences(shown, unbounded)).toBe(1);
    expect(occurrences(shown, configurable)).toBe(1);
    expect(shown.slice(shown.indexOf("### Resolved"))).toContain(configurable);
    expect(shown).toMatch(new RegExp(`${unbounded}[^\\n]*still open`));
  });
});
