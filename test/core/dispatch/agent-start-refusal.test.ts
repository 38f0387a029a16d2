import { describe, expect, it } from "vitest";
import { classifyStartFailure, startRefusedComment } from "../../../src/core/dispatch/index.js";

const request = { workflow: "agent.yml", ref: "main", inputs: ["task", "branch"] };
const failure = (status: number | undefined, message: string, headers: Record<string, string> = {}) => ({
  status,
  message,
  headers,
});

describe("classifyStartFailure", () => {
  it("a missing workflow is refused for good, naming the file and the branch", () => {
    const outcome = classifyStartFailure(failure(404, "Not Found"), request);
    expect(outcome).toMatchObject({ kind: "refused", status: 404 });
    expect(outcome.kind === "refused" && outcome.fix).toContain(
      "`.github/workflows/agent.yml` does not exist on `main`",
    );
    expect(outcome.kind === "refused" && outcome.fix).toContain("`dispatch.workflow`");
  });

  it("a workflow without the trigger is told to add it with the inputs Autopilot sends", () => {
    const outcome = classifyStartFailure(failure(422, "Workflow does not have 'workflow_dispatch' trigger"), request);
    expect(outcome.kind === "refused" && outcome.fix).toMatch(/has no `workflow_dispatch` trigger.*`task`, `branch`/);
  });

  it("names the inputs the workflow does not declare", () => {
    const outcome = classifyStartFailure(failure(422, 'Unexpected inputs provided: ["branch", "brief"]'), request);
    expect(outcome.kind === "refused" && outcome.fix).toContain("does not declare the inputs `branch`, `brief`");
    expect(outcome.kind === "refused" && outcome.fix).toContain("`dispatch.inputs`");
  });

  it("names a required input the configuration does not send", () => {
    const outcome = classifyStartFailure(failure(422, "Required input 'prompt' not provided"), request);
    expect(outcome.kind === "refused" && outcome.fix).toContain("requires the input `prompt`");
  });

  it("a ref that does not exist points at dispatch.ref", () => {
    const outcome = classifyStartFailure(failure(422, "No ref found for: release"), request);
    expect(outcome.kind === "refused" && outcome.fix).toContain("`dispatch.ref`");
  });

  it("a 403 without rate-limit headers is a missing permission", () => {
    const outcome = classifyStartFailure(
      failure(403, "Resource not accessible by integration", { "x-ratelimit-remaining": "4999" }),
      request,
    );
    expect(outcome.kind === "refused" && outcome.fix).toContain("`Actions: write`");
  });

  it("rate limits are retried: 429, and 403 with retry-after or no requests left", () => {
    expect(classifyStartFailure(failure(429, "Too Many Requests"), request).kind).toBe("retry");
    expect(
      classifyStartFailure(failure(403, "You have exceeded a secondary rate limit", { "retry-after": "60" }), request)
        .kind,
    ).toBe("retry");
    expect(
      classifyStartFailure(failure(403, "API rate limit exceeded", { "x-ratelimit-remaining": "0" }), request).kind,
    ).toBe("retry");
  });

  it("a 5xx or no answer leaves the outcome unknown", () => {
    expect(classifyStartFailure(failure(502, "Bad Gateway"), request).kind).toBe("unknown");
    expect(classifyStartFailure(failure(undefined, "socket hang up"), request).kind).toBe("unknown");
  });

  it("GitHub's message and the input names cannot break out of the comment's markup", () => {
    const outcome = classifyStartFailure(failure(422, 'Unexpected inputs provided: ["a`<img src=x>@owner"]'), request);
    const comment = startRefusedComment({
      taskId: "T-1",
      status: 422,
      ...(outcome.kind === "refused" ? { fix: outcome.fix } : { fix: "" }),
    });
    // inside a code span that its own backtick cannot close: no mention, no HTML
    expect(comment).toContain("``a`<img src=x>@owner``");
    expect(comment).toContain("`/retry`");
  });
});
