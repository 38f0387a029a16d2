import { describe, expect, it } from "vitest";
import {
  compareWithPrevious,
  finalDecision,
  fingerprintFindings,
  renderReviewComment,
} from "../../../src/core/review/index.js";
import type { AssistantManagerFindings } from "../../../src/core/review/index.js";
import { fakeGithubToken } from "../../helpers/fake-credentials.js";
import { liveMarkdown } from "../../helpers/live-markdown.js";
import { accept, tieBreak } from "./review-fixtures.js";

const token = fakeGithubToken();
const armed = `@acme/everyone ![x](https://evil.example/?d=1) <img src=x> [go](https://evil.example) ${token}`;

/** Findings a model wrote after reading a pull request that told it what to say. */
const findings: AssistantManagerFindings = {
  risks: [
    {
      id: "R1",
      severity: "high",
      description: armed,
      evidence: [{ file: "src/a`![x](https://evil.example/f)`.ts", line: 1 }],
    },
  ],
  missing_deliverables: [{ criterion: armed, why: armed }],
  test_gaps: [{ description: armed, file: "test/``x``.ts" }],
  followups: [{ title: armed, body: armed, blocking: true }],
};

describe("the review comment quoting a model's findings", () => {
  const outcome = finalDecision({
    findings,
    manager: { ...accept, summary: armed, reasons: [armed] },
    tieBreak: tieBreak("reject", []),
    coverage: "full",
    gatesGreen: true,
  });
  const body = renderReviewComment({
    headSha: "c".repeat(40),
    configHash: "cfg",
    outcome,
    findings,
    comparison: compareWithPrevious([], fingerprintFindings(findings)),
    omitted: [{ filename: "docs/`<img src=x>`.md", reason: "lockfile" }],
    calls: [],
  });

  it("renders no mention, image, link or HTML of theirs", () => {
    expect(body).toContain("evil.example");
    expect(liveMarkdown(body).filter((item) => /evil|everyone|img/i.test(item))).toEqual([]);
  });

  it("shows no credential", () => {
    expect(body).toContain("[REDACTED:");
    expect(body.replace(/<!--[\s\S]*?-->/g, "")).not.toContain(token);
  });
});
