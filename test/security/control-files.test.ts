import { afterEach, describe, expect, it } from "vitest";
import { pushCommit, setRepoConfig, startAppHarness, startTask, type AppHarness } from "../e2e/app-harness.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * A repository that configures its own forbidden paths must not lose the built-in ones: with
 * `defaults.forbidden: ["secret/**"]` and a custom queue file, a task whose scope is everything
 * still may not write the decisions, the queue it really uses, or a composite action.
 */
describe("attack: configuration replaces the built-in forbidden paths", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("refuses ops/decisions.jsonl, the custom queue file and .github/actions/** whatever defaults.forbidden says", async () => {
    h = await startAppHarness();
    const config = [
      "queue_file: state/tasks.jsonl",
      "defaults:",
      '  forbidden: ["secret/**"]',
      "merge:",
      "  policy:",
      "    low: { full: never, review_only: never }",
      "dispatch:",
      "  target: none",
      "",
    ];
    await setRepoConfig(h, config.join("\n"));
    const agent = await personWith(h, "widget-agent", "write");
    const { issue, branch } = await startTask(h, "Tidy the repository", "**", "low");
    // the app keeps its queue where the configuration says, on its state branch
    expect(
      (await h.sandbox.repo.git.readFile("autopilot/state", "state/tasks.jsonl"))?.content.toString("utf8"),
    ).toContain(`"T-${issue}"`);

    const head = await pushCommit(agent, branch, `Tidy\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "ops/decisions.jsonl": '{"task":"T-1","answer":"approved"}\n',
      "state/tasks.jsonl": "\n",
      ".github/actions/x/action.yml": "runs:\n  using: composite\n  steps: []\n",
      "src/widgets/tidy.ts": "export {};\n",
    });
    await h.settle();

    const scope = (await h.user.rest.checks.listForRef({ ...repo, ref: head })).data.check_runs.find(
      (run) => run.name === "autopilot/scope",
    );
    expect(scope?.conclusion).toBe("failure");
    expect(scope?.output.title).toMatch(/3 files in forbidden paths/);
    const annotations = (await h.user.rest.checks.listAnnotations({ ...repo, check_run_id: scope!.id })).data;
    expect(annotations.map((annotation) => annotation.path).sort()).toEqual([
      ".github/actions/x/action.yml",
      "ops/decisions.jsonl",
      "state/tasks.jsonl",
    ]);
    expect(annotations[0]?.message).toMatch(/Autopilot's control files/);
  });
});
