import { describe, expect, it } from "vitest";
import {
  carryReviewComment,
  compareWithPrevious,
  hmacSigner,
  recordSealHolds,
  sealedAt,
  sealReviewComment,
  finalDecision,
  fingerprintFindings,
  incompleteReview,
  maxCommentLength,
  parseReviewComment,
  renderReviewComment,
} from "../../../src/core/review/index.js";
import type { AssistantManagerFindings, ReviewCall, ReviewCommentInput } from "../../../src/core/review/index.js";
import { accept, highRiskFindings, noFindings, tieBreak } from "./review-fixtures.js";

const headSha = "b".repeat(40);
const calls: ReviewCall[] = [
  {
    role: "assistant_manager",
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    input_tokens: 12000,
    output_tokens: 800,
    cost_usd: 0.048,
    outcome: "ok",
  },
  {
    role: "manager",
    provider: "scripted",
    model: "scripted",
    input_tokens: 3000,
    output_tokens: 200,
    cost_usd: null,
    outcome: "ok",
  },
  {
    role: "tie_break",
    provider: "openai",
    model: "gpt-5",
    input_tokens: 9000,
    output_tokens: 400,
    cost_usd: 0.015,
    outcome: "repaired",
  },
];

function input(findings: AssistantManagerFindings, overrides: Partial<ReviewCommentInput> = {}): ReviewCommentInput {
  const outcome = finalDecision({
    findings,
    manager: accept,
    tieBreak: tieBreak("reject", []),
    coverage: "partial",
    gatesGreen: true,
  });
  return {
    headSha,
    configHash: "cfg-1",
    outcome,
    findings,
    comparison: compareWithPrevious([], fingerprintFindings(findings)),
    omitted: [
      { filename: "package-lock.json", reason: "lockfile" },
      { filename: "src/big.ts", reason: "cut", detail: "2 of 5 hunks shown" },
    ],
    calls,
    ...overrides,
  };
}

const full: AssistantManagerFindings = {
  ...highRiskFindings,
  missing_deliverables: [{ criterion: "Invalid ids return 404", why: "There is no 404 branch." }],
  test_gaps: [{ description: "No test for an empty list", file: "test/widgets.test.ts" }],
  followups: [
    { title: "Add paging", body: "Lists can grow.", blocking: false },
    { title: "Fix the query", body: "Use parameters.", blocking: true },
  ],
};

describe("renderReviewComment", () => {
  const body = renderReviewComment(input(full));

  it("shows the decision, the pass that decided, and what holds the merge", () => {
    expect(body).toContain("## Autopilot review: Rejected (decided by the tie-break)");
    expect(body).toContain("coverage partial · gates green · the review holds the merge");
    expect(body).toContain("> Tie-break says reject.");
    expect(body).toContain("High or critical risks still standing: R1");
  });

  it("lists risks with severities, deliverables, test gaps and blocking follow-ups", () => {
    expect(body).toContain(
      "| R1 | **high** | SQL built by string concatenation allows injection | `src/widgets/list.ts:12` | new |",
    );
    expect(body).toContain("- **Invalid ids return 404**: There is no 404 branch.");
    expect(body).toContain("- No test for an empty list (`test/widgets.test.ts`)");
    expect(body).toContain("- **blocking** Fix the query: Use parameters.");
    expect(body).toContain("- Add paging: Lists can grow.");
  });

  it("lists the files not reviewed, tokens and cost per call, and names a scripted reviewer as scripted", () => {
    expect(body).toContain("| `package-lock.json` | lockfile |  |");
    expect(body).toContain("| `src/big.ts` | cut | 2 of 5 hunks shown |");
    expect(body).toContain("| assistant manager | anthropic | `claude-sonnet-4-5` | 12000 | 800 | $0.0480 | ok |");
    expect(body).toContain(
      "| manager | scripted (canned answers, not a model) | `scripted` | 3000 | 200 | no price configured | ok |",
    );
    expect(body).toContain("Total: 25400 tokens, $0.0630 (some models have no configured price).");
  });

  it("round-trips the machine-readable result through parseReviewComment", () => {
    const record = parseReviewComment(`<!-- autopilot:review -->\n${body}`)!;
    expect(record).toMatchObject({
      version: 1,
      head_sha: headSha,
      config_hash: "cfg-1",
      status: "complete",
      decision: "reject",
      decided_by: "tie_break",
      conclusion: "failure",
      may_merge: false,
      coverage: "partial",
      omitted_count: 2,
    });
    expect(record.findings.map((f) => f.fingerprint)).toEqual(fingerprintFindings(full).map((f) => f.fingerprint));
    expect(record.calls).toEqual(calls);
    expect(parseReviewComment(body.replace(/\n/g, "\r\n"))).toEqual(record);
  });

  it("marks findings seen before as still open and lists resolved ones", () => {
    const previous = fingerprintFindings(full);
    const now: AssistantManagerFindings = { ...full, risks: full.risks.slice(0, 1), followups: [] };
    const second = renderReviewComment(
      input(now, { comparison: compareWithPrevious(previous, fingerprintFindings(now)) }),
    );
    expect(second).toContain(
      "| **high** | SQL built by string concatenation allows injection | `src/widgets/list.ts:12` | still open |",
    );
    expect(second).toContain("### Resolved since the last review (3)");
    expect(second).toContain("- risk in `src/widgets/list.ts`: Log message has a typo");
    expect(parseReviewComment(second)!.resolved.map((f) => f.text)).toContain("blocking: Fix the query");
  });

  it("escapes model text so it cannot break the table, render HTML, mention anyone or end the hidden block", () => {
    const hostile =
      "x | y --> <!-- autopilot:review-json\n{} --> <script>alert(1)</script> @octocat [link](https://evil.example) `code`";
    const findings: AssistantManagerFindings = {
      ...noFindings,
      risks: [{ id: "R|1", severity: "critical", description: hostile, evidence: [{ file: "a|b`.ts", line: 1 }] }],
      followups: [{ title: hostile, body: hostile, blocking: true }],
    };
    const text = renderReviewComment(input(findings));
    const visible = text.slice(0, text.indexOf("<!-- autopilot:review-json"));
    expect(visible).not.toContain("<script>");
    expect(visible).not.toContain("-->");
    expect(visible).not.toContain("<!--");
    expect(visible).not.toMatch(/(^|[^`])@octocat/);
    expect(visible).not.toContain("[link]");
    const riskRow = visible.split("\n").find((line) => line.startsWith("| R\\|1 |"))!;
    expect(riskRow.replace(/\\\|/g, "").split("|")).toHaveLength(7);
    expect(text.match(/<!-- autopilot:review-json/g)).toHaveLength(1);
    expect(text.match(/-->/g)).toHaveLength(1);
    const record = parseReviewComment(text)!;
    expect(record.findings[0]?.text).toBe(hostile);
  });

  it("keeps every finding shown when a file path names the hidden block's marker, sealed and carried", async () => {
    // a file the change adds, named like the hidden block; the red team cites it as evidence
    const path = "test/<!-- autopilot:review-json.test.ts";
    const findings: AssistantManagerFindings = {
      ...full,
      risks: [
        { id: "R0", severity: "low", description: "Odd file name", evidence: [{ file: path, line: 1 }] },
        ...full.risks,
      ],
    };
    const where = sealedAt({ owner: "acme", repo: "widgets" }, 12);
    const sealed = await sealReviewComment(renderReviewComment(input(findings)), hmacSigner("secret"), where);
    const carried = carryReviewComment(sealed, parseReviewComment(sealed)!, "c".repeat(40));
    for (const text of [sealed, carried]) {
      const visible = text.slice(0, text.lastIndexOf("<!-- autopilot:review-json\n"));
      expect(visible).toContain("SQL built by string concatenation");
      expect(visible).toContain("Fix the query");
      expect(visible).toContain("<sub>");
      expect(parseReviewComment(text)?.findings.length).toBe(parseReviewComment(sealed)?.findings.length);
    }
    expect(await recordSealHolds(parseReviewComment(sealed)!, [hmacSigner("secret")], where)).toBe(true);
  });

  it("says plainly when the review did not finish, still showing the other pass's findings", () => {
    const outcome = incompleteReview("OpenAI did not answer after 2 retries (timeout)", {
      coverage: "full",
      gatesGreen: true,
    });
    const text = renderReviewComment(input(full, { outcome, calls: calls.slice(0, 1) }));
    expect(text).toContain("## Autopilot review: Review incomplete: OpenAI did not answer after 2 retries (timeout)");
    expect(text).toContain("Nothing here counts as a verdict.");
    expect(text).toContain("SQL built by string concatenation");
    expect(parseReviewComment(text)).toMatchObject({
      status: "incomplete",
      decision: null,
      conclusion: "neutral",
      may_merge: false,
    });
    const none = renderReviewComment(input(full, { outcome, findings: undefined, calls: [] }));
    expect(none).toContain("The assistant manager's pass did not complete");
  });

  it("stays within GitHub's comment size for a huge review, and still parses", () => {
    const many: AssistantManagerFindings = {
      ...noFindings,
      risks: Array.from({ length: 400 }, (_, i) => ({
        id: `R${i}`,
        severity: "medium" as const,
        description: `Risk number ${"word ".repeat(100)} ${i} unique${i}`,
        evidence: [{ file: `src/file-${i}.ts`, line: i + 1 }],
      })),
    };
    const omitted = Array.from({ length: 3000 }, (_, i) => ({
      filename: `src/generated/file-${i}.ts`,
      reason: "budget" as const,
    }));
    const text = renderReviewComment(input(many, { omitted }));
    expect(text.length).toBeLessThanOrEqual(maxCommentLength);
    expect(parseReviewComment(text)?.omitted_count).toBe(3000);
  });

  it("returns undefined for a comment without a valid block", () => {
    expect(parseReviewComment("just text")).toBeUndefined();
    expect(parseReviewComment("<!-- autopilot:review-json\n{not json\n-->")).toBeUndefined();
    expect(parseReviewComment('<!-- autopilot:review-json\n{"version":2}\n-->')).toBeUndefined();
  });
});

describe("the acceptance criteria in the review comment", () => {
  it("lists each criterion with its verdict and evidence, and records them in the JSON", () => {
    const manager = {
      ...accept,
      criteria: [
        {
          number: 1,
          verdict: "met" as const,
          evidence: [{ file: "src/widgets/list.ts", line: 12 }],
          note: "pageSize is 50",
        },
        { number: 2, verdict: "unverifiable" as const, evidence: [], note: "the router is not in the diff" },
      ],
    };
    const outcome = finalDecision({
      findings: noFindings,
      manager,
      coverage: "full",
      gatesGreen: true,
      acceptance: ["50 per page", "`?page=` selects the page"],
      waived: [2],
    });
    const body = renderReviewComment({
      headSha,
      configHash: "cfg-1",
      outcome,
      findings: noFindings,
      comparison: compareWithPrevious([], []),
      omitted: [],
      calls,
    });
    expect(body).toContain("**Acceptance criteria**");
    expect(body).toContain("1. 50 per page: ✅ met (`src/widgets/list.ts:12`): pageSize is 50");
    expect(body).toContain("❔ not shown (waived by an owner)");
    expect(parseReviewComment(body)?.criteria).toEqual([
      { number: 1, verdict: "met", waived: false, evidence: ["src/widgets/list.ts:12"] },
      { number: 2, verdict: "unverifiable", waived: true, evidence: [] },
    ]);
  });
});
