import { describe, expect, it } from "vitest";
import { formatConfigIssues, parseConfig } from "../../src/config/index.js";

describe("formatConfigIssues", () => {
  it("renders one Markdown list item per issue with path, line and column", () => {
    const result = parseConfig("paused: false\nmerge:\n  method: fast\n  policy:\n    low: { disabled: auto }\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatConfigIssues(result.issues)).toBe(
      [
        "- `merge.method` (line 3, col 11): must be one of `merge`, `squash`, `rebase`, got the text `fast`",
        "- `merge.policy.low.disabled` (line 5, col 22): `auto` is not allowed for mode `disabled`: a disabled task must never merge on its own; use `never` or `approval`",
      ].join("\n"),
    );
  });

  it("names the file when given one, and leads with the location for file-wide issues", () => {
    const text = formatConfigIssues(
      [
        {
          path: "",
          line: 2,
          column: 1,
          message: "YAML syntax error in `.github/autopilot.yml`: Map keys must be unique",
        },
        { path: "owners[0]", line: 4, column: 5, message: "write the login without the leading `@`" },
        { path: "merge.policy.critical.full", message: "`auto` would merge critical-risk changes" },
      ],
      ".github/autopilot.yml",
    );
    expect(text.split("\n")).toEqual([
      "- line 2, col 1: YAML syntax error in `.github/autopilot.yml`: Map keys must be unique",
      "- `owners[0]` (`.github/autopilot.yml` line 4, col 5): write the login without the leading `@`",
      "- `merge.policy.critical.full` (`.github/autopilot.yml`): `auto` would merge critical-risk changes",
    ]);
  });

  it("keeps every item on one line and code spans intact when values contain backticks", () => {
    const result = parseConfig("labels:\n  trigger: 'a`b,c'\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = formatConfigIssues([...result.issues, { path: "x", message: "first\nsecond" }]);
    expect(text.split("\n")).toHaveLength(2);
    expect(text).toContain("- `labels.trigger` (line 2, col 12): label names may not contain commas");
    expect(text).toContain("- `x`: first second");
  });

  it("returns an empty string for no issues", () => {
    expect(formatConfigIssues([])).toBe("");
  });
});
