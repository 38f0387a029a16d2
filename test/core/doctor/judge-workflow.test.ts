import { describe, expect, it } from "vitest";
import { judgeWorkflow } from "../../../src/core/doctor/index.js";

const path = ".github/workflows/agent.yml";
const workflow = (on: string): string =>
  `name: Agent\n${on}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{ run: echo }]\n`;
const withInputs = workflow(
  [
    "on:",
    "  workflow_dispatch:",
    "    inputs:",
    "      task: { required: true }",
    "      branch: { required: true }",
    "      note: { required: false }",
  ].join("\n"),
);

describe("judgeWorkflow", () => {
  it("accepts a workflow declaring every input sent and requiring none that is not", () => {
    expect(judgeWorkflow(withInputs, { path, sentInputs: ["task", "branch"] }).result).toBe("ok");
  });

  it("accepts the short forms of the trigger when nothing is sent", () => {
    for (const on of ["on: workflow_dispatch", "on: [push, workflow_dispatch]", "on:\n  workflow_dispatch:"]) {
      expect(judgeWorkflow(workflow(on), { path, sentInputs: [] }).result, on).toBe("ok");
    }
  });

  it("fails a workflow without a workflow_dispatch trigger, naming the fix", () => {
    const verdict = judgeWorkflow(workflow("on: [push]"), { path, sentInputs: [] });
    expect(verdict).toMatchObject({ result: "fail", check: `workflow ${path}` });
    expect(verdict.advice).toMatch(/no `workflow_dispatch` trigger.*add `workflow_dispatch:` under `on:`/);
  });

  it("fails an input the configuration sends but the workflow does not declare", () => {
    const verdict = judgeWorkflow(withInputs, { path, sentInputs: ["task", "branch", "brief"] });
    expect(verdict.result).toBe("fail");
    expect(verdict.advice).toMatch(/sends `brief` but .*agent\.yml does not declare it/);
  });

  it("fails a required input the configuration does not send, but not one with a default", () => {
    const verdict = judgeWorkflow(withInputs, { path, sentInputs: ["task"] });
    expect(verdict.result).toBe("fail");
    expect(verdict.advice).toMatch(/requires `branch`, which the configuration does not send/);
    const defaulted = workflow("on:\n  workflow_dispatch:\n    inputs:\n      branch: { required: true, default: x }");
    expect(judgeWorkflow(defaulted, { path, sentInputs: [] }).result).toBe("ok");
  });

  it("fails a file that is not YAML or not a mapping", () => {
    expect(judgeWorkflow("on: [unclosed", { path, sentInputs: [] }).advice).toMatch(/is not valid YAML/);
    expect(judgeWorkflow("- a\n- b\n", { path, sentInputs: [] }).advice).toMatch(/is not a workflow/);
  });
});
