import { examplePayload, withInstallation } from "@autopilot/github-sandbox/webhooks";
import { Context, ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { routes } from "../../../src/handlers/routes.js";
import type { MergeRequests } from "../../../src/handlers/repo-context.js";
import { silentLog } from "../../helpers/silent-log.js";
import { testServices } from "../../helpers/test-services.js";

/** The routes' starts for one event, run on GitHub's example payload; which PRs each asked to evaluate. */
async function mergesAskedBy(action: "resolved" | "unresolved"): Promise<number[]> {
  const payload = withInstallation(examplePayload("pull_request_review_thread", action), 7) as Record<string, any>;
  payload.pull_request.number = 42;
  const asked: number[] = [];
  const merges = { request: (_ctx: unknown, pull: number) => asked.push(pull) } as unknown as MergeRequests;
  const services = testServices({ merges });
  const context = new Context(
    { id: "delivery-thread", name: "pull_request_review_thread", payload } as never,
    new ProbotOctokit(),
    silentLog as never,
  );
  const event = `pull_request_review_thread.${action}`;
  for (const route of routes.filter((item) => (item.on as readonly string[]).includes(event)))
    await route.start(context as never, services);
  return asked;
}

describe("pull_request_review_thread", () => {
  it("resolved: queues a merge evaluation of the PR (the payload names it; the evaluation reads the rest)", async () => {
    expect(await mergesAskedBy("resolved")).toEqual([42]);
  });

  it("unresolved: asks nothing (a thread reopened never lets a merge through)", async () => {
    expect(await mergesAskedBy("unresolved")).toEqual([]);
  });
});
