import { afterEach, describe, expect, it } from "vitest";
import type { OutboundRequest } from "../../src/llm/index.js";
import {
  commentBodies,
  noMergeConfig,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
  type TestOctokit,
} from "../e2e/app-harness.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * `/ask` is a paid call to the deciding model. Under `owners: []` every writer may command, the
 * coding agent's writer account included; ten `/ask` lines in a comment used to be ten calls, and
 * nothing counted them. Now the change's own accounts are refused, a comment gets one model
 * answer, and a task gets at most `review.max_asks_per_task` of them.
 */
describe("spending the model through /ask", () => {
  let h: AppHarness | undefined;
  const asked: OutboundRequest[] = [];
  afterEach(async () => {
    await h?.close();
    h = undefined;
    asked.length = 0;
  });

  const start = async (config = noMergeConfig) => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: { risks: [], missing_deliverables: [], test_gaps: [], followups: [] } }),
        (request) =>
          request.schemaName === "ask_answer"
            ? (asked.push(request), { output: { answer: "It waits for its review." } })
            : {
                output: {
                  decision: "partial",
                  recommended_status: "review",
                  next_actions: [],
                  summary: "s",
                  reasons: ["r"],
                },
              },
        { manager: "scripted-manager" },
      ),
    });
    await setRepoConfig(h, config);
    return startTask(h, "Paginate widget lists", "src/widgets/**");
  };
  const say = async (octokit: TestOctokit, number: number, body: string) => {
    await octokit.rest.issues.createComment({ ...repo, issue_number: number, body });
    await h!.settle();
  };
  const tenAsks = Array.from({ length: 10 }, (_, index) => `/ask ${"abcdefghij"[index]}?`).join("\n");
  const answered = (bodies: string[]) => bodies.filter((body) => body.includes("Answered by the model"));

  it("the agent's writer account asking on its own task calls no model and gets one refusal", async () => {
    const { issue, pull, branch } = await start();
    const agent = await personWith(h!, "widget-agent", "write");
    await pushCommit(agent, branch, `Page\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/list.ts": "export const pageSize = 50;\n",
    });
    await h!.settle();
    await say(agent, pull.number, tenAsks);
    await say(agent, issue, "/ask what next?");
    expect(asked).toHaveLength(0);
    for (const number of [pull.number, issue]) {
      const refusals = (await commentBodies(h!, number)).filter((body) =>
        body.includes("@widget-agent wrote or pushed this change, so `/ask` is not theirs"),
      );
      expect(refusals).toHaveLength(1);
      expect(refusals[0]!.match(/wrote or pushed this change/g)).toHaveLength(1);
    }
  });

  it("an owner's ten /ask lines in one comment are one model call and one reply", async () => {
    const { issue } = await start();
    const before = (await commentBodies(h!, issue)).length;
    await say(h!.user, issue, tenAsks);
    expect(asked).toHaveLength(1);
    // what followed the owner's comment
    const replies = (await commentBodies(h!, issue)).slice(before + 1);
    expect(replies).toHaveLength(1);
    expect(answered(replies)).toHaveLength(1);
    expect(replies[0]).toContain("one question per comment");
  });

  it("past review.max_asks_per_task the task's /ask answers from the recorded state, without a model", async () => {
    const { issue, pull } = await start(`${noMergeConfig}review:\n  max_asks_per_task: 2\n`);
    await say(h!.user, issue, "/ask first?");
    await say(h!.user, pull.number, "/ask second?");
    expect(asked).toHaveLength(2);
    await say(h!.user, issue, "/ask third?");
    expect(asked).toHaveLength(2);
    const last = (await commentBodies(h!, issue)).at(-1)!;
    expect(last).toContain("A model has answered 2 `/ask` questions about T-");
    expect(last).toContain("`review.max_asks_per_task`");
    expect(last).not.toContain("Answered by the model");
  });
});
