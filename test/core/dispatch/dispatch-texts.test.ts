import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/config/index.js";
import { pullRequestBody, pullRequestTitle } from "../../../src/core/dispatch/index.js";
import type { TaskSpec } from "../../../src/core/task/index.js";
import { charCount, fitTitle, githubTextLimits } from "../../../src/core/text-limits.js";

const config = defaultConfig();
const spec = (overrides: Partial<TaskSpec> = {}): TaskSpec => ({
  scope: ["src/widgets/**"],
  forbidden: [],
  risk: "medium",
  mode: "full",
  refs: [],
  acceptance: ["GET /widgets pages by 50"],
  tests: [],
  ...overrides,
});
const body = (overrides: Partial<TaskSpec>) =>
  pullRequestBody({
    taskId: "T-7",
    issue: 7,
    spec: spec(overrides),
    config,
    taskFile: "ops/tasks/T-7.md",
    branch: "autopilot/T-7-widgets",
  });

describe("task PR title within GitHub's 256 characters", () => {
  it("keeps a short title whole and cuts a long one, emoji counted as one character", () => {
    expect(pullRequestTitle("T-7", "Paginate widget lists")).toBe("[T-7] Paginate widget lists");
    const long = pullRequestTitle("T-1234", "😀".repeat(250));
    expect(charCount(long)).toBe(githubTextLimits.title);
    expect(long).toMatch(/^\[T-1234\] 😀+…$/u);
    expect(long).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it("fits a leak warning's title around a long branch name", () => {
    const title = fitTitle("A credential was pushed to ", "b".repeat(300), " (abc1234)");
    expect(charCount(title)).toBe(256);
    expect(title.endsWith("b… (abc1234)")).toBe(true);
  });
});

describe("task PR body within GitHub's 65,536 characters", () => {
  it("lists as many of 80 long acceptance criteria as fit and points to the task file for the rest", () => {
    // `*` and `_` are escaped in the PR body: the copy is twice as long as the spec's text
    const acceptance = Array.from({ length: 80 }, (_, index) => `criterion ${index} ${"*_".repeat(445)}`);
    const text = body({ acceptance, tests: Array.from({ length: 500 }, (_, index) => `npm test -- case-${index}`) });
    expect(charCount(text)).toBeLessThanOrEqual(githubTextLimits.body);
    expect(text).toContain("criterion 0 ");
    expect(text).not.toContain("criterion 79 ");
    expect(text).toMatch(/- … and \d+ more in `ops\/tasks\/T-7\.md`\n\n### Tests that prove it/);
    expect(text).toMatch(/- … and \d+ more in `ops\/tasks\/T-7\.md`\n\n### How the gates judge each push/);
    expect(text).toContain("### How to deliver (Autopilot)");
  });

  it("points to the task file alone when even the spec's paths are too many to repeat", () => {
    const scope = Array.from({ length: 3_000 }, (_, index) => `src/widgets/area-${index}/**`);
    const text = body({ scope });
    expect(charCount(text)).toBeLessThanOrEqual(githubTextLimits.body);
    expect(text.startsWith("Closes #7\n\n**T-7**")).toBe(true);
    expect(text).toContain("The spec is too long to repeat here");
    expect(text).toContain("`ops/tasks/T-7.md`");
  });

  it("leaves an ordinary spec's body whole", () => {
    const text = body({ acceptance: ["a", "b"], tests: ["npm test"] });
    expect(text).toContain("- [ ] a\n- [ ] b");
    expect(text).toContain("- `npm test`");
    expect(text).not.toContain("more in");
  });
});
