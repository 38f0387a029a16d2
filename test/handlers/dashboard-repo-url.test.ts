import { describe, expect, it } from "vitest";
import { refreshDashboard } from "../../src/handlers/dashboard/index.js";
import { contextOn, fakeGitHubPort } from "../helpers/fake-github-port.js";
import { fileOf, lineFor } from "../core/queue/queue-fixtures.js";

const login = "autopilot[bot]";
const queue = fileOf(lineFor(6, ["queued", "in_progress"]));

/** A repository with one running task and no dashboard yet: the refresh opens it. */
const repository = () =>
  fakeGitHubPort(
    { branches: { main: {}, "autopilot/state": { "ops/queue.jsonl": queue } } },
    {
      listOpenIssues: async () => [],
      listComments: async () => [],
      pinIssue: async () => undefined,
      repositoryUrl: async () => "https://github.example/acme/widgets",
    },
  );

describe("opening the dashboard", () => {
  it("links with the address the webhook named, without asking GitHub for it", async () => {
    const github = repository();
    const ctx = { ...contextOn(github), htmlUrl: "https://github.com/acme/widgets" };
    const result = await refreshDashboard(ctx, { login, now: new Date("2026-01-01T00:05:00Z") });
    expect(result.created).toBe(true);
    expect(github.callsTo("repositoryUrl")).toHaveLength(0);
    const [opened] = github.state.issuesCreated;
    expect(opened?.body).toContain("https://github.com/acme/widgets/issues/6");
    expect(opened?.body).not.toContain("github.example");
  });

  it("asks GitHub for the address when the context does not carry it", async () => {
    const github = repository();
    const result = await refreshDashboard(contextOn(github), { login, now: new Date("2026-01-01T00:05:00Z") });
    expect(result.created).toBe(true);
    expect(github.callsTo("repositoryUrl")).toHaveLength(1);
    expect(github.state.issuesCreated[0]?.body).toContain("https://github.example/acme/widgets/issues/6");
  });
});
