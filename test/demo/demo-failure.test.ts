import { describe, expect, it } from "vitest";
import { commitConfig } from "../../dev/demo/actors.js";
import { madeUpGithubToken } from "../../dev/demo/story-gates.js";
import { runDemo } from "../../dev/demo/run-demo.js";

/** A transcript sink as a pipe would be: not a terminal. */
const sink = () => {
  const out = { text: "", write: (chunk: string) => void (out.text += chunk) };
  return out;
};

describe("the demo as a smoke test", () => {
  it("exits 1 naming the step when Autopilot does not do what the step expects", async () => {
    const out = sink();
    const result = await runDemo({
      out,
      env: {},
      // the owner breaks the configuration first: Autopilot then reports autopilot/config and does nothing else
      beforeStep: async (step, world) => {
        if (step !== 1) return;
        await commitConfig(world.actors.owner, "merge:\n  policy: sometimes\n", "Break the configuration");
        await world.autopilot.settle();
      },
    });
    expect(result).toMatchObject({ exitCode: 1, failedStep: 1 });
    const verdict = out.text.split("\n").find((line) => line.startsWith("✗"));
    expect(verdict).toMatch(
      /^✗ The demo failed at step 1 \(an incomplete issue, the owner's answers, dispatch\): expected Autopilot to ask numbered questions on #\d+/,
    );
    expect(out.text).toContain("── Summary");
    expect(out.text).not.toContain("── Step 2");
  });

  it("fails rather than print a leaked credential in clear", async () => {
    const out = sink();
    const credential = madeUpGithubToken();
    const result = await runDemo({
      out,
      env: {},
      steps: [
        {
          number: 2,
          title: "a careless step",
          run: async ({ state, transcript }) => {
            state.secrets.push(credential);
            transcript.detail(`the agent wrote ${credential}`);
          },
        },
      ],
    });
    expect(result).toMatchObject({ exitCode: 1, failedStep: 2 });
    expect(out.text.split("\n").find((line) => line.startsWith("✗"))).toContain(
      "the transcript shows the leaked credential in clear",
    );
  });
});
