import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/config/index.js";
import {
  describeSpecChange,
  diffSpec,
  issueSpecChange,
  keepRecordedSpec,
  planDispatch,
  specEditRefusedComment,
  type DispatchIssue,
} from "../../../src/core/dispatch/index.js";
import { addTask, parseQueue, type QueueEntry } from "../../../src/core/queue/index.js";
import type { TaskSpec } from "../../../src/core/task/index.js";

const config = defaultConfig();
const at = "2026-11-21T10:00:00Z";
const body = (scope: string, risk: string) =>
  [
    "Make widget lists paginated.",
    "",
    "```autopilot",
    `scope: ${scope}`,
    `risk: ${risk}`,
    "acceptance:",
    '  - "GET /widgets pages by 50"',
    "```",
  ].join("\n");

function recorded(overrides: Partial<QueueEntry> = {}) {
  const added = addTask(
    parseQueue("").doc,
    {
      id: "T-7",
      issue: 7,
      title: "Paginate widget lists",
      status: "in_progress",
      branch: "autopilot/T-7-paginate",
      pr: 8,
      scope: ["src/widgets/**"],
      forbidden: [],
      risk: "high",
      mode: "full",
      refs: [],
      ...overrides,
    },
    { actor: "autopilot[bot]", reason: "spec complete", delivery: "d1", at },
  );
  if (!added.ok) throw new Error(added.reason);
  return added;
}
const issue = (text: string, title = "Paginate widget lists"): DispatchIssue => ({
  number: 7,
  title,
  body: text,
  state: "open",
  labels: ["autopilot"],
});

describe("diffSpec and describeSpecChange", () => {
  it("lists what a spec would change in the recorded one, field by field, in a fixed order", () => {
    const { entry } = recorded();
    const spec = {
      scope: ["**"],
      forbidden: [],
      risk: "low",
      mode: "full",
      refs: [],
      acceptance: ["x"],
      tests: [],
    } as TaskSpec;
    const changes = diffSpec(entry, spec);
    expect(changes).toEqual([
      { field: "risk", from: "high", to: "low" },
      { field: "scope", from: ["src/widgets/**"], to: ["**"] },
    ]);
    expect(describeSpecChange(changes)).toBe("risk high → low; scope [src/widgets/**] → [**]");
  });

  it("finds nothing when the spec says what was recorded, and notes a budget added or removed", () => {
    const { entry } = recorded({ budget: { files: 5 } });
    const same = {
      scope: ["src/widgets/**"],
      forbidden: [],
      risk: "high",
      mode: "full",
      refs: [],
      budget: { files: 5 },
    };
    expect(diffSpec(entry, same)).toEqual([]);
    const { budget: _dropped, ...withoutBudget } = same;
    expect(describeSpecChange(diffSpec(entry, withoutBudget))).toBe("budget {files: 5} → none");
  });

  it("keeps a long value to one short line", () => {
    const { entry } = recorded();
    const scope = Array.from({ length: 40 }, (_, index) => `src/module-${index}/**`);
    const text = describeSpecChange(diffSpec(entry, { ...entry, scope }));
    expect(text.length).toBeLessThan(160);
    expect(text).toMatch(/…$/);
  });
});

describe("keepRecordedSpec", () => {
  it("puts every recorded field back over the issue's spec", () => {
    const { entry } = recorded();
    const spec = {
      scope: ["**"],
      forbidden: [],
      risk: "low",
      mode: "review_only",
      refs: [],
      budget: { files: 99 },
      acceptance: ["x"],
      tests: ["npm test"],
    } as TaskSpec;
    expect(keepRecordedSpec(spec, entry)).toEqual({
      scope: ["src/widgets/**"],
      forbidden: [],
      risk: "high",
      mode: "full",
      refs: [],
      acceptance: ["x"],
      tests: ["npm test"],
    });
  });
});

describe("issueSpecChange and the refusal", () => {
  it("says what an edit proposed, or that the issue no longer holds a complete spec", () => {
    const { entry } = recorded();
    expect(issueSpecChange(body('["**"]', "low"), config, entry)).toEqual([
      { field: "risk", from: "high", to: "low" },
      { field: "scope", from: ["src/widgets/**"], to: ["**"] },
    ]);
    expect(issueSpecChange(body('["src/widgets/**"]', "high"), config, entry)).toEqual([]);
    expect(issueSpecChange("no spec any more", config, entry)).toBe("invalid");
  });

  it("refuses in one comment that names the editor, who may, and what the edit would have changed, disarmed", () => {
    const text = specEditRefusedComment({
      taskId: "T-7",
      editor: "mallory",
      who: "the owners listed in `.github/autopilot.yml`",
      proposed: [{ field: "scope", from: ["a/**"], to: ["@acme/admins ![x](https://example.com/x.png)"] }],
    });
    expect(text).toContain("@mallory, your edit did not change **T-7**");
    expect(text).toContain("only the owners listed in `.github/autopilot.yml` can change");
    // the proposed value is shown in a code span: no mention, no image
    expect(text).toMatch(/`scope \[a\/\*\*\] → \[@acme\/admins !\[x\]\(https:\/\/example.com\/x.png\)\]`/);
  });
});

describe("planDispatch after dispatch", () => {
  it("keeps the recorded spec and title when nobody with authority asked (a sweep, a label, someone else's edit)", () => {
    const { doc } = recorded();
    const plan = planDispatch({
      issue: issue(body('["**"]', "low"), "Anything goes"),
      config,
      queue: doc,
      repoFiles: () => [],
    });
    if (plan.kind !== "start") throw new Error(`expected start, got ${plan.kind}`);
    expect(plan.entry).toMatchObject({ scope: ["src/widgets/**"], risk: "high", title: "Paginate widget lists" });
    expect(plan.spec).toMatchObject({ scope: ["src/widgets/**"], risk: "high" });
    expect(plan.taskFile).toContain("risk: high");
  });

  it("takes the issue's spec when someone with authority changed it", () => {
    const { doc } = recorded();
    const plan = planDispatch({
      issue: issue(body('["src/**"]', "medium")),
      config,
      queue: doc,
      repoFiles: () => [],
      respec: true,
    });
    if (plan.kind !== "start") throw new Error(`expected start, got ${plan.kind}`);
    expect(plan.entry).toMatchObject({ scope: ["src/**"], risk: "medium" });
  });

  it("does not let anyone but the authorised complete the spec of a task waiting for its owner", () => {
    const { doc } = recorded({ status: "needs_owner", scope: [], risk: "critical", branch: null, pr: null });
    const plan = planDispatch({ issue: issue(body('["**"]', "low")), config, queue: doc, repoFiles: () => [] });
    expect(plan).toMatchObject({ kind: "ignore" });
    expect(
      planDispatch({ issue: issue(body('["src/**"]', "low")), config, queue: doc, repoFiles: () => [], respec: true })
        .kind,
    ).toBe("start");
  });
});
