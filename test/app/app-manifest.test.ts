import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { AuthRegistry, createAppCredentials } from "@autopilot/github-sandbox/auth";

const manifest = parse(readFileSync(resolve(import.meta.dirname, "../../app.yml"), "utf8")) as {
  default_permissions: Record<string, string>;
  default_events: string[];
};

describe("app.yml", () => {
  it("asks for exactly the permissions the design needs, and no more", () => {
    expect(manifest.default_permissions).toEqual({
      issues: "write",
      pull_requests: "write",
      checks: "write",
      contents: "write",
      statuses: "read",
      actions: "write",
      merge_queues: "write",
      metadata: "read",
    });
  });

  it("subscribes to every event the workflows react to", () => {
    expect([...manifest.default_events].sort()).toEqual(
      [
        "check_run",
        "check_suite",
        "issue_comment",
        "issues",
        "pull_request",
        "pull_request_review",
        "pull_request_review_thread",
        "push",
        "status",
        "workflow_run",
        "merge_group",
      ].sort(),
    );
  });

  it("is what the sandbox's installation grants, so the app meets GitHub's limits there", () => {
    const { identity } = createAppCredentials({ appId: 1, slug: "autopilot", name: "Autopilot" });
    const token = new AuthRegistry({ app: identity }).createInstallationToken(1);
    expect(token.permissions).toEqual(manifest.default_permissions);
  });
});
