import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { judgeMention, judgeWorkflow } from "../../../src/core/doctor/index.js";

describe("judgeMention", () => {
  it("fails a mention of Copilot: only a person's assignment starts it", () => {
    for (const handle of ["@copilot", "@Copilot", "@copilot-swe-agent"]) {
      const verdict = judgeMention(handle);
      expect(verdict.result, handle).toBe("fail");
      expect(verdict.advice).toMatch(/only when a person assigns it the issue.*`dispatch\.target: none`/);
    }
  });

  it("fails OpenHands' macro, which answers only members, and points at the dispatchable workflow", () => {
    expect(judgeMention("@openhands-agent")).toMatchObject({
      result: "fail",
      advice: expect.stringContaining("docs/agents/openhands.yml"),
    });
  });

  it("warns that claude-code-action needs allowed_bots, and passes other handles", () => {
    expect(judgeMention("@claude")).toMatchObject({
      result: "warn",
      advice: expect.stringContaining("`allowed_bots`"),
    });
    expect(judgeMention("@acme/agents").result).toBe("ok");
  });
});

describe("judgeWorkflow and the token a workflow pushes with", () => {
  const path = ".github/workflows/agent.yml";
  const pushing = (steps: string) =>
    `on:\n  workflow_dispatch:\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

  it("warns about a push that can only be made with the Actions GITHUB_TOKEN", () => {
    const plain = pushing("      - uses: actions/checkout@v4\n      - run: git push origin HEAD\n");
    expect(judgeWorkflow(plain, { path, sentInputs: [] })).toMatchObject({
      result: "warn",
      advice: expect.stringMatching(/starts no workflow/),
    });
    const explicit = pushing(
      "      - uses: actions/checkout@v4\n        with: { token: '${{ secrets.GITHUB_TOKEN }}' }\n      - run: git push\n",
    );
    expect(judgeWorkflow(explicit, { path, sentInputs: [] }).result).toBe("warn");
  });

  it("accepts a push with an app token or a person's token", () => {
    const personal = pushing(
      "      - uses: actions/checkout@v4\n        with: { token: '${{ secrets.AGENT_PAT }}' }\n      - run: git push\n",
    );
    expect(judgeWorkflow(personal, { path, sentInputs: [] }).result).toBe("ok");
  });

  it("warns about an agent action that will refuse Autopilot's bot", () => {
    const claude = (extra: string) =>
      pushing(`      - uses: anthropics/claude-code-action@v1\n        with:\n          prompt: work\n${extra}`);
    const refused = judgeWorkflow(claude(""), { path, sentInputs: [] });
    expect(refused).toMatchObject({
      result: "warn",
      advice: expect.stringContaining("set `allowed_bots` to Autopilot's"),
    });
    expect(judgeWorkflow(claude("          allowed_bots: autopilot[bot]\n"), { path, sentInputs: [] }).result).toBe(
      "ok",
    );
    const codex = pushing("      - uses: openai/codex-action@v1\n        with: { prompt: work }\n");
    expect(judgeWorkflow(codex, { path, sentInputs: [] }).advice).toContain("set `allow-bot-users`");
  });

  it("passes every ready-to-copy workflow of docs/agents with the inputs its configuration sends", () => {
    const dir = join(import.meta.dirname, "../../../docs/agents");
    const workflows = readdirSync(dir).filter((name) => name.endsWith(".yml") && !name.endsWith(".autopilot.yml"));
    expect(workflows.length).toBeGreaterThanOrEqual(3);
    for (const name of workflows) {
      const config = parse(readFileSync(join(dir, name.replace(/\.yml$/, ".autopilot.yml")), "utf8")) as {
        dispatch: { inputs: object };
      };
      const verdict = judgeWorkflow(readFileSync(join(dir, name), "utf8"), {
        path,
        sentInputs: Object.keys(config.dispatch.inputs),
      });
      expect(verdict, name).toMatchObject({ result: "ok" });
    }
  });
});
