import { describe, expect, it } from "vitest";
import { loadGithubDescription, RouteTable } from "../../src/http/index.js";

// Loaded once for the file; the description is cached per process afterwards.
const description = loadGithubDescription();
const table = new RouteTable(description);

const route = (method: string, url: string) => {
  const match = table.match(method, url);
  return match && { operationId: match.operationId, params: match.params, query: match.query };
};

describe("RouteTable over GitHub's description", () => {
  it("loads and indexes every operation", () => {
    expect(description.operations.size).toBeGreaterThan(1000);
    expect(table.size).toBe(description.operations.size);
    expect(loadGithubDescription()).toBe(description);
  });

  it.each([
    ["PATCH", "/repos/acme/widgets/git/refs/heads%2Fautopilot%2FT-1", "git/update-ref", { ref: "heads/autopilot/T-1" }],
    ["PATCH", "/repos/acme/widgets/git/refs/heads/autopilot/T-1", "git/update-ref", { ref: "heads/autopilot/T-1" }],
    ["GET", "/repos/acme/widgets/git/ref/heads/feat/x", "git/get-ref", { ref: "heads/feat/x" }],
    [
      "GET",
      "/repos/acme/widgets/git/matching-refs/heads/autopilot",
      "git/list-matching-refs",
      { ref: "heads/autopilot" },
    ],
    [
      "GET",
      "/repos/acme/widgets/contents/docs%2Fblueprints%2Fnt-index.json",
      "repos/get-content",
      { path: "docs/blueprints/nt-index.json" },
    ],
    [
      "PUT",
      "/repos/acme/widgets/contents/ops/queue.jsonl",
      "repos/create-or-update-file-contents",
      { path: "ops/queue.jsonl" },
    ],
    ["GET", "/repos/acme/widgets/contents/", "repos/get-content", { path: "" }],
    [
      "GET",
      "/repos/acme/widgets/compare/main...autopilot%2FT-1",
      "repos/compare-commits-with-basehead",
      { basehead: "main...autopilot/T-1" },
    ],
    [
      "GET",
      "/repos/acme/widgets/compare/main...feature/x",
      "repos/compare-commits-with-basehead",
      { basehead: "main...feature/x" },
    ],
    ["GET", "/repos/acme/widgets/commits/autopilot/T-1/check-runs", "checks/list-for-ref", { ref: "autopilot/T-1" }],
    ["GET", "/repos/acme/widgets/commits/feature/x", "repos/get-commit", { ref: "feature/x" }],
    [
      "DELETE",
      "/repos/acme/widgets/issues/1/labels/autopilot%3Ain-progress",
      "issues/remove-label",
      { name: "autopilot:in-progress" },
    ],
    [
      "POST",
      "/repos/acme/widgets/actions/workflows/agent.yml/dispatches",
      "actions/create-workflow-dispatch",
      { workflow_id: "agent.yml" },
    ],
  ])("%s %s → %s", (method, url, operationId, params) => {
    const match = route(method, url);
    expect(match?.operationId).toBe(operationId);
    expect(match?.params).toMatchObject({ owner: "acme", repo: "widgets", ...params });
  });

  it("lets literal segments win over parameters", () => {
    expect(route("GET", "/repos/acme/widgets/pulls/comments")?.operationId).toBe("pulls/list-review-comments-for-repo");
    expect(route("GET", "/repos/acme/widgets/pulls/comments/5")?.operationId).toBe("pulls/get-review-comment");
    expect(route("GET", "/repos/acme/widgets/pulls/5")?.operationId).toBe("pulls/get");
    expect(route("GET", "/repos/acme/widgets/commits/abc/comments")?.operationId).toBe(
      "repos/list-comments-for-commit",
    );
  });

  it("strips GitHub Enterprise's /api/v3 prefix and parses the query", () => {
    expect(route("GET", "/api/v3/repos/acme/widgets/pulls/5?per_page=5&labels[]=a&labels[]=b")).toEqual({
      operationId: "pulls/get",
      params: { owner: "acme", repo: "widgets", pull_number: "5" },
      query: { per_page: "5", labels: ["a", "b"] },
    });
    expect(route("GET", "/api/v3")?.operationId).toBe("meta/root");
    expect(route("HEAD", "/repos/acme/widgets")?.operationId).toBe("repos/get");
  });

  it("matches nothing for unknown paths, wrong methods and malformed escapes", () => {
    expect(route("GET", "/repos/acme/widgets/no-such-thing")).toBeUndefined();
    expect(route("POST", "/repos/acme/widgets/pulls/5")).toBeUndefined();
    expect(route("GET", "/repos/acme/widgets/git/ref/heads%E0%A4%A")).toBeUndefined();
    expect(route("GET", "/repos/acme/")).toBeUndefined();
  });
});
