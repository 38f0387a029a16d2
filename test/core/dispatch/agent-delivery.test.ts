import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/config/index.js";
import { agentDeliverySection, planDispatch } from "../../../src/core/dispatch/index.js";
import { controlPaths } from "../../../src/core/gates/index.js";
import { parseTaskFile } from "../../../src/core/task/index.js";
import { parseQueue } from "../../../src/core/queue/index.js";

const input = {
  taskId: "T-7",
  branch: "autopilot/T-7-paginate",
  refs: ["NT-1.2"],
  scope: ["src/widgets/**"],
  forbidden: ["src/auth/**"],
  controlPaths: ["ops/tasks/**", "ops/queue.jsonl", ".github/autopilot.yml", ".github/workflows/**"],
};

describe("agentDeliverySection", () => {
  it("says how to push, which trailers to write, what not to touch and to mark the PR ready", () => {
    const text = agentDeliverySection(input);
    expect(text).toContain("**Push to `autopilot/T-7-paginate`**");
    expect(text).toContain("`actions/create-github-app-token`");
    expect(text).toContain("`GITHUB_TOKEN` starts no workflows");
    expect(text).toContain("`Task: T-7` and `Refs: NT-1.2`");
    expect(text).toContain("`src/widgets/**`");
    for (const path of [...input.controlPaths, "src/auth/**"]) expect(text).toContain(`\`${path}\``);
    expect(text).toMatch(/Mark the PR ready for review.*review starts only then/);
  });

  it("keeps a spec's hostile scope and refs inside code spans", () => {
    const text = agentDeliverySection({ ...input, scope: ["src/`<img src=x onerror=alert(1)>`/**"], refs: ["@owner"] });
    expect(text).toContain("``src/`<img src=x onerror=alert(1)>`/**``");
    expect(text).toContain("`Refs: @owner`");
  });
});

describe("the first brief and the PR body", () => {
  const config = defaultConfig();
  const body = [
    "Make lists page.",
    "",
    "```autopilot",
    "scope: [src/widgets/**]",
    "risk: medium",
    "acceptance: [pages by 50]",
    "```",
  ].join("\n");
  const plan = planDispatch({
    issue: { number: 7, title: "Paginate", body, state: "open", labels: ["autopilot"] },
    config,
    queue: parseQueue("").doc,
    repoFiles: () => [],
  });
  if (plan.kind !== "start") throw new Error(`expected start, got ${plan.kind}`);

  it("the task file starts its brief with the delivery steps, then keeps the issue's words", () => {
    const file = parseTaskFile(plan.taskFile);
    if (!file.ok) throw new Error("the task file must read back");
    expect(file.brief).toMatch(/^### How to deliver \(Autopilot\)/);
    expect(file.brief).toContain("Make lists page.");
    for (const path of controlPaths(config)) expect(file.brief).toContain(`\`${path}\``);
  });

  it("the PR body asks the agent to mark the PR ready and to push with a token that starts CI", () => {
    expect(plan.pullRequest.body).toContain("### How to deliver (Autopilot)");
    expect(plan.pullRequest.body).toContain(`**Push to \`${plan.branch}\`**`);
    expect(plan.pullRequest.body).toContain("Mark the PR ready for review");
  });
});
