import { describe, expect, it } from "vitest";
import { parseTaskSpec, renderOwnerQuestions } from "../../../src/core/task/index.js";

describe("renderOwnerQuestions", () => {
  it("renders nothing when nothing is asked", () => {
    expect(renderOwnerQuestions([])).toBe("");
  });

  it("numbers the questions and puts each example in a code block inside its list item", () => {
    const text = renderOwnerQuestions([
      { field: "risk", problem: "`severe` is not one of low, medium, high, critical", example: "risk: medium" },
      { field: "scope", problem: "missing", example: "### Scope\n\n- src/widgets/**" },
    ]);
    expect(text).toBe(
      [
        "Autopilot needs 2 answers before it can start this task:",
        "",
        "1. **risk**: `severe` is not one of low, medium, high, critical",
        "",
        "   For example:",
        "",
        "   ```yaml",
        "   risk: medium",
        "   ```",
        "",
        "2. **scope**: missing",
        "",
        "   For example:",
        "",
        "   ```markdown",
        "   ### Scope",
        "",
        "   - src/widgets/**",
        "   ```",
        "",
        "To answer, comment `/answer <n> <value>` (the value as it would follow `field:` in the ```autopilot block), or edit the issue description: Autopilot reads it again after every edit.",
      ].join("\n"),
    );
  });

  it("uses a longer fence for an example that holds a fence, and indents past a two-digit marker", () => {
    const questions = Array.from({ length: 10 }, (_, i) => ({
      field: `f${i}`,
      problem: "p",
      example: "```autopilot\nrisk: low\n```",
    }));
    const text = renderOwnerQuestions(questions);
    expect(text).toContain(
      "1. **f0**: p\n\n   For example:\n\n   ````markdown\n   ```autopilot\n   risk: low\n   ```\n   ````",
    );
    expect(text).toContain("10. **f9**: p\n\n    For example:\n\n    ````markdown\n");
  });

  it("says one answer for a single question", () => {
    expect(renderOwnerQuestions([{ field: "risk", problem: "missing", example: "risk: low" }])).toMatch(
      /^Autopilot needs one answer before/,
    );
  });

  it("renders the questions of a real issue with every example", () => {
    const result = parseTaskSpec("```autopilot\nscopes: [src/**]\nrisk: huge\n```");
    if (result.ok) throw new Error("expected questions");
    const text = renderOwnerQuestions(result.questions);
    expect(text).toContain("1. **risk**: `huge` is not one of low, medium, high, critical");
    expect(text).toContain("2. **acceptance**: missing");
    expect(text).toContain("3. **scopes**: not a task-spec key");
    expect(text.match(/For example:/g)).toHaveLength(3);
    expect(text).toContain("edit the issue description");
  });
});
