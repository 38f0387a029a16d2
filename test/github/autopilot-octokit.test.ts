import { describe, expect, it } from "vitest";
import { AutopilotOctokit, retryAfterSecondaryLimit, secondaryLimitRetries } from "../../src/github/index.js";
import { Sandbox } from "@autopilot/github-sandbox";

describe("retryAfterSecondaryLimit", () => {
  it("retries a request after GitHub's secondary rate limit a few times, then gives up, saying so", () => {
    const warned: string[] = [];
    const octokit = { log: { warn: (message: string) => void warned.push(message) } };
    const request = { method: "POST", url: "/repos/{owner}/{repo}/issues/{issue_number}/comments" };
    const answers = Array.from({ length: secondaryLimitRetries + 1 }, (_, count) =>
      retryAfterSecondaryLimit(7, request, octokit, count),
    );
    expect(answers).toEqual([true, true, true, false]);
    expect(warned[0]).toBe(
      "GitHub's secondary rate limit on POST /repos/{owner}/{repo}/issues/{issue_number}/comments: retrying in 7 s (retry 1 of 3)",
    );
    expect(warned.at(-1)).toMatch(/gave up after 3 retries$/);
  });
});

describe("AutopilotOctokit", () => {
  it("waits out a secondary rate limit where Probot's production throttling would give up", async () => {
    const sandbox = await Sandbox.start({
      faults: [{ match: { operationId: "repos/get" }, kind: "429", retryAfterSeconds: 1, times: 1 }],
    });
    try {
      // Probot's own production handler: log and give up (it returns nothing)
      const probotDefaults = { onSecondaryRateLimit: () => undefined, onRateLimit: () => false };
      const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
      const octokit = new AutopilotOctokit({
        baseUrl: sandbox.apiUrl,
        auth: { token: sandbox.userToken() },
        log: silent,
        throttle: probotDefaults,
      });
      const { status } = await octokit.rest.repos.get({ owner: "acme", repo: "widgets" });
      expect(status).toBe(200);
      expect(sandbox.requests().map((request) => [request.status, request.fault])).toEqual([
        [429, "429"],
        [200, undefined],
      ]);
    } finally {
      await sandbox.stop();
    }
  });
});
