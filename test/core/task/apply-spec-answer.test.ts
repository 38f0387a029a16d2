import { describe, expect, it } from "vitest";
import { parseTaskSpec } from "../../../src/core/task/index.js";
import { applySpecAnswer } from "../../../src/core/task/apply-spec-answer.js";

const body = [
  "Widgets in pages.",
  "",
  "```autopilot",
  "# owner notes stay",
  "risk: medium",
  "acceptance:",
  '  - "50 per page"',
  "```",
  "",
  "Thanks!",
].join("\n");

describe("applySpecAnswer", () => {
  it("writes the field into the block, keeping the rest of the body and the block's comments", () => {
    const result = applySpecAnswer(body, "scope", '["src/widgets/**"]');
    expect(result).toEqual({
      ok: true,
      changed: true,
      body: [
        "Widgets in pages.",
        "",
        "```autopilot",
        "# owner notes stay",
        "risk: medium",
        "acceptance:",
        '  - "50 per page"',
        'scope: ["src/widgets/**"]',
        "```",
        "",
        "Thanks!",
      ].join("\n"),
    });
    expect(result.ok && parseTaskSpec(result.body).ok).toBe(true);
  });

  it("replaces a value, accepts the pasted `field:` line and multi-line answers in a code block", () => {
    const risk = applySpecAnswer(body, "risk", "risk: high");
    expect(risk.ok && risk.body).toContain("risk: high\nacceptance:");
    const acceptance = applySpecAnswer(body, "acceptance", '```yaml\n- "a"\n- "b"\n```');
    expect(acceptance.ok && acceptance.body).toContain('acceptance:\n  - "a"\n  - "b"\n```');
  });

  it("adds a block to an issue-form issue; the block then wins for that field", () => {
    const form = "### Scope\n\nsrc/**\n\n### Risk\n\n_No response_\n\n### Acceptance criteria\n\n- works";
    const result = applySpecAnswer(form, "risk", "low");
    expect(result.ok && result.body).toBe(`${form}\n\n\`\`\`autopilot\nrisk: low\n\`\`\`\n`);
    const parsed = result.ok ? parseTaskSpec(result.body) : undefined;
    expect(parsed?.ok && parsed.spec.risk).toBe("low");
  });

  it("replaces a misspelled key with the answer's line", () => {
    const result = applySpecAnswer("```autopilot\nscpoe: [src/**]\nrisk: low\n```", "scpoe", 'scope: ["src/**"]');
    expect(result.ok && result.body).toBe('```autopilot\nrisk: low\nscope: ["src/**"]\n```');
  });

  it("refuses what it cannot write, saying why", () => {
    expect(applySpecAnswer(body, "scope", "[src/**")).toEqual({
      ok: false,
      reason: expect.stringMatching(/^the answer is not valid YAML: /),
    });
    expect(applySpecAnswer(body, "scope", "   ")).toEqual({ ok: false, reason: "the answer is empty" });
    expect(applySpecAnswer(`${body}\n\n\`\`\`autopilot\nrisk: low\n\`\`\``, "scope", "[a]")).toEqual({
      ok: false,
      reason: expect.stringContaining("2 autopilot blocks"),
    });
    expect(applySpecAnswer("<!--\n```autopilot\nrisk: low\n```\n-->", "scope", "[a]")).toEqual({
      ok: false,
      reason: expect.stringContaining("HTML comment"),
    });
    expect(applySpecAnswer("```autopilot\nrisk: [\n```", "scope", "[a]")).toEqual({
      ok: false,
      reason: expect.stringContaining("block first"),
    });
  });
});
