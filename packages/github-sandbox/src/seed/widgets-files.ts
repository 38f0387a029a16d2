import { readFileSync } from "node:fs";

/** The package root, from `src/seed/` or `dist/seed/` alike. */
const packageRoot = new URL("../../", import.meta.url);

/** The blueprint indices in `seed/` (copies of Autopilot's examples, kept equal by its tests). */
const blueprint = (name: string): string => readFileSync(new URL(`seed/${name}`, packageRoot), "utf8");

const autopilotYml = `# Autopilot's configuration for this repository (reference: docs/configuration.md in Autopilot).
defaults:
  risk: medium
  budget:
    files: 20
    lines: 600
  forbidden:
    - .github/workflows/**
    - .github/autopilot.yml
    - ops/queue.jsonl

# The coding agent runs in a workflow; the sandbox records each dispatch.
dispatch:
  target: workflow_dispatch
  workflow: agent.yml
  inputs:
    task: "{{task_id}}"
    branch: "{{branch}}"
    brief: "{{task_file}}"

owners:
  - octocat
`;

const agentWorkflow = `name: Coding agent
on:
  workflow_dispatch:
    inputs:
      task:
        description: Task id (T-<n>)
        required: true
      branch:
        description: Task branch to push to
        required: true
      brief:
        description: Path of the task file
        required: true
jobs:
  agent:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ inputs.branch }}
      - run: echo "the agent works on \${{ inputs.task }} here"
`;

const listWidgets = `export interface Widget {
  id: string;
  name: string;
}

/** Lists the widgets of a workspace, in creation order. */
export function listWidgets(widgets: readonly Widget[]): Widget[] {
  return [...widgets];
}
`;

const listWidgetsTest = `import { expect, it } from "vitest";
import { listWidgets } from "../../src/widgets/list-widgets.js";

it("lists widgets in creation order", () => {
  expect(listWidgets([{ id: "a", name: "A" }]).map((w) => w.id)).toEqual(["a"]);
});
`;

/**
 * What `acme/widgets` holds when the sandbox starts: a small service with Autopilot configured,
 * the agent's workflow, and the blueprint indices commit trailers are checked against.
 */
export function widgetsFiles(): Record<string, string> {
  return {
    "README.md": "# widgets\n\nA small widget service, worked on by coding agents under Autopilot.\n",
    ".github/autopilot.yml": autopilotYml,
    ".github/workflows/agent.yml": agentWorkflow,
    "docs/blueprints/nt-index.json": blueprint("nt-index.json"),
    "docs/blueprints/td-index.json": blueprint("td-index.json"),
    "docs/blueprints/crosswalk.json": blueprint("crosswalk.json"),
    "src/widgets/list-widgets.ts": listWidgets,
    "test/widgets/list-widgets.test.ts": listWidgetsTest,
  };
}
