import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/config/index.js";
import type { CommitWithCasResult, Issue } from "../../../src/github/index.js";
import { dispatchIssue } from "../../../src/handlers/dispatch/dispatch-issue.js";
import { contextOn, fakeGitHubPort, carriedCommitStub } from "../../helpers/fake-github-port.js";

const spec = [
  "```autopilot",
  "scope:",
  '  - "src/widgets/**"',
  "risk: medium",
  "acceptance:",
  "  - pages of 50",
  "```",
].join("\n");

const issue = {
  number: 6,
  node_id: "I_6",
  title: "Paginate widget lists",
  body: spec,
  state: "open",
  labels: [{ name: "autopilot" }],
} as unknown as Issue;

describe("dispatchIssue: the start's claim commit carried by the labels' request", () => {
  it("starts the agent when a label is refused after the claim went through, then throws the refusal", async () => {
    const queue = new Map<string, string>();
    // the agent's workflow on main, as readiness asks
    const workflow = [
      "on:",
      "  workflow_dispatch:",
      "jobs:",
      "  agent:",
      "    runs-on: ubuntu-latest",
      "    steps: [{ run: echo }]",
      "",
    ];
    const main = new Map([[".github/workflows/agent.yml", workflow.join("\n")]]);
    let sha = 0;
    const refused = new Error("GitHub refused a label");
    const fake = fakeGitHubPort(
      { branches: { main: {}, "autopilot/state": {} }, issues: [issue] },
      {
        startTaskBranch: async () => ({
          branch: { ok: true, value: true },
          commit: { ok: true, value: { sha: "task-file" } },
          pull: { ok: true, value: { number: 7, node_id: "PR_7" } },
        }),
        readFile: async (path, ref) => (ref === "autopilot/state" ? queue.get(path) : main.get(path)),
        // every state commit applies at once; the one with a carrier is sent in the carrier's request
        commitFiles: async (options): Promise<CommitWithCasResult> => {
          const changes = await options.update(async (path) => queue.get(path));
          if (changes === null) return { sha: undefined, attempts: 1 };
          if (options.carry) await options.carry(carriedCommitStub);
          for (const [path, text] of Object.entries(changes)) if (text !== null) queue.set(path, text);
          sha += 1;
          return { sha: `state-${sha}`, attempts: 1 };
        },
        // the labels' request: the carried commit answered, then a label refused
        mirrorStateLabels: async (_mirror, carried) => {
          carried?.onAnswer?.({ casCommit: { commit: { oid: "state-x" } } }, []);
          throw refused;
        },
      },
    );
    const config = defaultConfig();
    const dispatch = { ...config.dispatch, target: "workflow_dispatch", workflow: "agent.yml", inputs: {} };
    const ctx = contextOn(fake, { ...config, dispatch } as typeof config);
    await expect(dispatchIssue(ctx, 6, { login: "autopilot[bot]" })).rejects.toBe(refused);
    expect(fake.state.workflowsDispatched).toHaveLength(1);
  });
});
