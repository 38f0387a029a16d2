import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/index.js";
import { serializePauseRecord } from "../../src/core/queue/index.js";
import { pausePath } from "../../src/handlers/state-branch.js";
import { guardStateBranch, stateTamperTitle } from "../../src/handlers/state-guard.js";
import { contextOn, fakeGitHubPort } from "../helpers/fake-github-port.js";

const push = { before: "a".repeat(40), after: "b".repeat(40) };
const stateBranch = () => ({
  "autopilot/state": { [pausePath]: serializePauseRecord({ paused: false }), "ops/queue.jsonl": "" },
});

/** Someone other than the app pushed to the state branch: Autopilot pauses and says so, once. */
describe("guardStateBranch", () => {
  it("pauses the repository and opens an issue naming the push when a contributor changed the state branch", async () => {
    const github = fakeGitHubPort({ branches: stateBranch(), permissions: { mallory: "write" } });
    const ctx = contextOn(github, { ...defaultConfig(), owners: ["olivia"] });

    expect(await guardStateBranch(ctx, { ...push, sender: { login: "mallory", type: "User" } })).toBe(true);

    const pause = JSON.parse(github.state.branches.get("autopilot/state")!.get(pausePath)!);
    expect(pause).toMatchObject({ paused: true, by: "autopilot" });
    expect(pause.reason).toContain("@mallory");
    expect(github.state.issuesCreated).toHaveLength(1);
    const [issue] = github.state.issuesCreated;
    expect(issue!.title).toBe(stateTamperTitle);
    expect(issue!.body).toContain(`https://github.com/acme/widgets/compare/${push.before}...${push.after}`);
    expect(issue!.body).toContain("`/resume`");
  });

  it("opens no second issue when the same push is delivered again", async () => {
    const github = fakeGitHubPort({ branches: stateBranch() });
    const ctx = contextOn(github, { ...defaultConfig(), owners: ["olivia"] });
    const sender = { login: "agent-app[bot]", type: "Bot" };

    await guardStateBranch(ctx, { ...push, sender });
    await guardStateBranch(ctx, { ...push, sender });

    expect(github.state.commits).toHaveLength(1);
    expect(github.state.issuesCreated).toHaveLength(1);
  });

  it("takes an owner's push as a repair: no pause, no issue", async () => {
    // a listed owner counts only with write access
    const github = fakeGitHubPort({ branches: stateBranch(), permissions: { olivia: "write" } });
    const ctx = contextOn(github, { ...defaultConfig(), owners: ["olivia"] });

    expect(await guardStateBranch(ctx, { ...push, sender: { login: "olivia", type: "User" } })).toBe(false);

    expect(JSON.parse(github.state.branches.get("autopilot/state")!.get(pausePath)!)).toMatchObject({ paused: false });
    expect(github.state.issuesCreated).toEqual([]);
  });

  it("asks GitHub for the pusher's permission when no owners are listed: a writer repairs, a reader pauses", async () => {
    const permissions = { wendy: "write", rita: "read" };
    const repaired = fakeGitHubPort({ branches: stateBranch(), permissions });
    expect(await guardStateBranch(contextOn(repaired), { ...push, sender: { login: "wendy", type: "User" } })).toBe(
      false,
    );
    expect(repaired.callsTo("permissionOf")).toEqual([["wendy"]]);

    const paused = fakeGitHubPort({ branches: stateBranch(), permissions });
    expect(await guardStateBranch(contextOn(paused), { ...push, sender: { login: "rita", type: "User" } })).toBe(true);
    expect(paused.state.issuesCreated.map((issue) => issue.title)).toEqual([stateTamperTitle]);
  });
});
