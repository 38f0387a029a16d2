import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { killedAfterTest } from "../helpers/child-processes.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

/** The demo as `npm run demo -- <args>` runs it, with stdout piped (not a terminal) and no review keys. */
function runDemoCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.ANTHROPIC_API_KEY;
  delete env.OPENAI_API_KEY;
  delete env.NO_COLOR;
  return new Promise((resolve, reject) => {
    // the tsx CLI runs the demo in a node child of its own: a group of its own, killed whole when the test ends
    const child = killedAfterTest(
      spawn(tsx, ["--conditions=source", "dev/demo/main.ts", ...args], {
        cwd: root,
        env,
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      }),
      { group: true },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => void (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run demo", () => {
  it("plays the whole story offline, prints a plain transcript and exits 0", async () => {
    const { code, stdout, stderr } = await runDemoCli([]);
    expect(stdout).not.toContain("\u001b["); // piped: no colour
    // the credential the agent leaked is shown redacted only, never whole
    expect(stdout).not.toMatch(/ghp_[A-Za-z0-9]{36}/);
    const expected = [
      /Autopilot ◂ asks the owner on #\d+/,
      /octocat \(owner\) ▸ comments on #\d+:\n\s+\/answer \d+ \["src\/widgets\/\*\*"/,
      /Autopilot ◂ dispatched T-\d+: branch autopilot\/T-\d+-paginate-widget-lists, draft PR #\d+/,
      /autopilot\/scope: failure — .*\n\s+src\/billing\/export-fees\.ts:1 \[failure\]/,
      /autopilot\/secrets: failure — .*\n\s+src\/widgets\/widget-api\.ts:1 \[failure\]/,
      /The reviewers are the scripted reviewer \(no model\)\./,
      /autopilot\/review: success/,
      /octocat \(owner\) ▸ protects main: pull requests only, one approving review/,
      /Autopilot ◂ starts the coding agent: workflow agent\.yml on main, dispatched by autopilot\[bot\] with task=T-\d+/,
      /Autopilot ◂ cannot merge #\d+ yet: main's protection wants an approving review\. It says so on the PR:\n.*\n\s+- needs 1 more approving review/,
      /Autopilot ◂ merges #\d+ \(\w+\) and closes #\d+/,
      /queue: T-\d+ status done/,
      /records PR #\d+ "Autopilot records: progress and crosswalk": docs\/PROGRESS\.md → http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/widgets\/contents\/docs\/PROGRESS\.md\?ref=autopilot%2Frecords/,
      /Autopilot ◂ dashboard: (#\d+ .*|not found.*)/,
      /Autopilot ◂ opens follow-up #\d+ "Document the widget page size"/,
      /Autopilot ◂ does not merge #\d+: .*approval/,
      /octocat \(owner\) ▸ approves #\d+ on its current head/,
      /GitHub calls: \d+ by Autopilot counted against its rate limit, plus \d+ conditional reads answered 304 \(not counted\); \d+ by the people of the story/,
      /✓ Every step did what it should\./,
    ];
    const missing = expected.filter((pattern) => !pattern.test(stdout));
    expect({ code, missing: missing.map(String), stderr }, stdout).toEqual({
      code: 0,
      missing: [],
      stderr: expect.any(String),
    });
  });

  it("explains its flags with --help", async () => {
    const { code, stdout } = await runDemoCli(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("--keep");
    expect(stdout).toContain("scripted reviewer (no model)");
  });

  it("refuses an unknown flag with exit 2 and names it", async () => {
    const { code, stdout, stderr } = await runDemoCli(["--fast"]);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown flag "--fast"');
    expect(stdout).toBe("");
  });
});
