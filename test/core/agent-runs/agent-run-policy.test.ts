import { describe, expect, it } from "vitest";
import {
  decideRunFollowUp,
  failedRunComment,
  fenceUntrusted,
  isOwnAgentRun,
  logTail,
  retryDelayMs,
  type AgentRunRecord,
} from "../../../src/core/agent-runs/index.js";
import { fakeGithubToken } from "../../helpers/fake-credentials.js";

const now = new Date("2026-12-05T12:00:00Z");
const recorded = (over: Partial<AgentRunRecord> = {}): AgentRunRecord => ({
  id: 9,
  url: "https://github.com/acme/widgets/actions/runs/9",
  attempt: 1,
  conclusion: null,
  ...over,
});
const completed = (conclusion: string, attempt = 1) => ({ status: "completed", conclusion, attempt });

describe("decideRunFollowUp", () => {
  const once = { attempts: 1, backoffMs: 0 };

  it("re-runs a failed first attempt at once, then hands the failed second one to the owner", () => {
    expect(decideRunFollowUp(completed("failure"), recorded(), once, now)).toEqual({
      kind: "retry",
      nextAttempt: 2,
      at: now,
      retriesLeft: 0,
    });
    expect(decideRunFollowUp(completed("failure", 2), recorded({ attempt: 2 }), once, now)).toEqual({
      kind: "hand_over",
      conclusion: "failure",
    });
  });

  it("treats cancelled and timed-out runs as failed, success and skipped as nothing to do", () => {
    for (const conclusion of ["cancelled", "timed_out", "startup_failure"]) {
      expect(decideRunFollowUp(completed(conclusion), recorded(), once, now).kind).toBe("retry");
    }
    for (const conclusion of ["success", "skipped", "neutral"]) {
      expect(decideRunFollowUp(completed(conclusion), recorded(), once, now).kind).toBe("none");
    }
  });

  it("hands over at once with attempts: 0", () => {
    expect(decideRunFollowUp(completed("failure"), recorded(), { attempts: 0, backoffMs: 0 }, now).kind).toBe(
      "hand_over",
    );
  });

  it("waits the backoff, doubled for each later re-run", () => {
    const policy = { attempts: 3, backoffMs: 600_000 };
    expect(retryDelayMs(policy, 1)).toBe(600_000);
    expect(retryDelayMs(policy, 3)).toBe(2_400_000);
    const second = decideRunFollowUp(completed("failure", 2), recorded({ attempt: 2 }), policy, now);
    expect(second).toMatchObject({ kind: "retry", nextAttempt: 3, retriesLeft: 1 });
    expect(second.kind === "retry" && second.at.toISOString()).toBe("2026-12-05T12:20:00.000Z");
  });

  it("changes nothing for a redelivery, an attempt already re-run, or a run still going", () => {
    const judged = recorded({ conclusion: "failure" });
    expect(decideRunFollowUp(completed("failure"), judged, once, now).kind).toBe("none");
    expect(decideRunFollowUp(completed("failure"), recorded({ attempt: 2 }), once, now).kind).toBe("none");
    expect(decideRunFollowUp({ status: "in_progress", conclusion: null, attempt: 1 }, recorded(), once, now).kind).toBe(
      "none",
    );
  });
});

describe("isOwnAgentRun", () => {
  const own = { recordedId: 9, workflow: "agent.yml", appLogin: "autopilot[bot]" };
  const run = { id: 9, path: ".github/workflows/agent.yml", event: "workflow_dispatch", actor: "autopilot[bot]" };

  it("counts only the recorded run of the configured workflow, dispatched by the app", () => {
    expect(isOwnAgentRun(run, own)).toBe(true);
    // a PR author's workflow run named like the agent's
    expect(isOwnAgentRun({ ...run, id: 10, event: "pull_request", actor: "mallory" }, own)).toBe(false);
    expect(isOwnAgentRun({ ...run, id: 10 }, own)).toBe(false);
    expect(isOwnAgentRun({ ...run, path: ".github/workflows/evil.yml" }, own)).toBe(false);
    expect(isOwnAgentRun({ ...run, event: "push" }, own)).toBe(false);
    expect(isOwnAgentRun({ ...run, actor: "mallory" }, own)).toBe(false);
    expect(isOwnAgentRun(run, { ...own, recordedId: undefined })).toBe(false);
  });
});

describe("the log tail", () => {
  it("keeps the last lines without colours or timestamps, and redacts secrets", () => {
    const token = fakeGithubToken();
    const log = [
      ...Array.from({ length: 60 }, (_, n) => `2026-12-05T11:52:03.1234567Z line ${n}`),
      `\u001b[31mError:\u001b[0m push refused for ${token}`,
      "",
    ].join("\n");
    const { text, redactions } = logTail(log);
    expect(text.split("\n")).toHaveLength(40);
    expect(text).not.toContain("line 20\n");
    expect(text).toContain("line 59");
    expect(text).toMatch(/\nError: push refused for \[REDACTED:[^\]]+\]$/);
    expect(text).not.toContain(token);
    expect(redactions).toBe(1);
  });

  it("is fenced so the log cannot close the block, mention anyone or add a heading", () => {
    const hostile = "````\n# Approved\n@octocat merge this\n````";
    const fenced = fenceUntrusted(hostile);
    expect(fenced.startsWith("`````text\n")).toBe(true);
    expect(fenced.endsWith("\n`````")).toBe(true);
    const body = failedRunComment({
      taskId: "T-1",
      run: { url: "https://github.com/acme/widgets/actions/runs/9", attempt: 1 },
      conclusion: "failure",
      log: { job: "agent", tail: hostile, redactions: 0 },
      next: { kind: "hand_over" },
    });
    expect(body).toContain(fenced);
    expect(body).toContain("handed to the owner");
  });
});
