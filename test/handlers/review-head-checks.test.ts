import { describe, expect, it } from "vitest";
import type { CommitStatus } from "../../src/github/index.js";
import { readHeadChecks } from "../../src/handlers/review/review-inputs.js";
import { contextOn, fakeGitHubPort } from "../helpers/fake-github-port.js";

const head = "c".repeat(40);
const status = (context: string, state: string, description: string | null = null): CommitStatus => ({
  context,
  state,
  description,
  creator: { login: "acme-ci" },
});

describe("the CI the review reads on the head", () => {
  it("takes each context's latest status (GitHub lists them newest first), with a failure's description", async () => {
    const listed = [
      status("ci/test", "failure", "2 tests failed: pagination"),
      status("ci/lint", "success"),
      status("ci/test", "pending"),
      status("ci/test", "success"),
    ];
    const github = fakeGitHubPort({}, { listCommitStatuses: async () => listed });
    const checks = await readHeadChecks(contextOn(github), head, true, "autopilot");
    expect(checks.checks).toEqual([
      { name: "ci/test", status: "completed", conclusion: "failure", detail: "2 tests failed: pagination" },
      { name: "ci/lint", status: "completed", conclusion: "success" },
    ]);
    // the same list the merge evaluation reads, so an unchanged one is answered 304 to either
    expect(github.callsTo("listCommitStatuses")).toEqual([[head]]);
  });

  it("shows a context still pending as in progress", async () => {
    const github = fakeGitHubPort({}, { listCommitStatuses: async () => [status("ci/test", "pending")] });
    const checks = await readHeadChecks(contextOn(github), head, true, "autopilot");
    expect(checks.checks).toEqual([{ name: "ci/test", status: "in_progress", conclusion: null }]);
  });
});
