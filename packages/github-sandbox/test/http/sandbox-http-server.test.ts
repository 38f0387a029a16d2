import { randomBytes } from "node:crypto";
import { createProbot } from "probot";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signAppJwt } from "../../src/auth/index.js";
import { appId, owner, repo, sha, startHttpFixture, type HttpFixture, type TestOctokit } from "./http-fixture.js";

/** Octokit's RequestError, as far as these tests read it. */
interface ApiError {
  status: number;
  response: {
    data: { message: string; documentation_url: string; status?: string; errors?: unknown[] };
    headers: Record<string, string>;
  };
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error as ApiError,
  );
  if (!outcome) throw new Error("expected the request to fail");
  return outcome;
}

describe("SandboxHttpServer with the app's Octokit", () => {
  let fixture: HttpFixture;
  let octokit: TestOctokit;

  beforeAll(async () => {
    fixture = await startHttpFixture();
    octokit = fixture.octokit();
  });
  afterAll(() => fixture.close());
  beforeEach(() => {
    fixture.refs.clear();
    fixture.logged.length = 0;
    fixture.server.clearRequests();
  });

  describe("routing", () => {
    it("takes a ref with slashes, percent-encoded by Octokit, as one parameter", async () => {
      fixture.refs.set("refs/heads/feat/x", sha("feat"));
      const { data, url } = await octokit.rest.git.getRef({ owner, repo, ref: "heads/feat/x" });
      expect(url).toContain("/git/ref/heads%2Ffeat%2Fx");
      expect(data).toMatchObject({ ref: "refs/heads/feat/x", object: { sha: sha("feat") } });
    });

    it("takes the same ref sent with literal slashes, as curl or git tooling would", async () => {
      fixture.refs.set("refs/heads/feat/x", sha("feat"));
      const response = await fetch(`${fixture.url}/repos/${owner}/${repo}/git/ref/heads/feat/x`, {
        headers: { authorization: `token ${fixture.installationToken}` },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ ref: "refs/heads/feat/x" });
    });

    it("decodes a file path and a ref query parameter for contents", async () => {
      const { data } = await octokit.rest.repos.getContent({ owner, repo, path: "docs/a b.md", ref: "autopilot/T-1" });
      expect(data).toMatchObject({
        operationId: "repos/get-content",
        params: { owner, repo, path: "docs/a b.md" },
        query: { ref: "autopilot/T-1" },
      });
    });

    it("takes `base...head` with a slash in the head branch as compare's basehead", async () => {
      const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
        owner,
        repo,
        basehead: "main...autopilot/T-1",
      });
      expect(data).toMatchObject({
        operationId: "repos/compare-commits-with-basehead",
        params: { basehead: "main...autopilot/T-1" },
        query: { per_page: 30, page: 1 },
      });
    });

    it("lets a literal segment win over a parameter: pulls/comments is not pull request 'comments'", async () => {
      const comments = await octokit.request("GET /repos/{owner}/{repo}/pulls/comments", { owner, repo });
      expect(comments.data).toEqual([]);
      const pull = await octokit.rest.pulls.get({ owner, repo, pull_number: 12 });
      expect(pull.data).toMatchObject({ operationId: "pulls/get", params: { pull_number: 12 } });
      expect(fixture.server.requests().map((r) => r.operationId)).toEqual([
        "pulls/list-review-comments-for-repo",
        "pulls/get",
      ]);
    });

    it("serves the same routes under /api/v3, the base URL of Probot with GHE_HOST", async () => {
      const enterprise = fixture.octokit({ baseUrl: `${fixture.url}/api/v3` });
      const { data } = await enterprise.rest.repos.get({ owner, repo });
      expect(data).toMatchObject({ operationId: "repos/get", apiUrl: `${fixture.url}/api/v3` });
      expect(fixture.server.requests()[0]).toMatchObject({ path: `/repos/${owner}/${repo}`, status: 200 });
    });

    it("answers a real but unimplemented operation with 404 naming it, and warns", async () => {
      const error = await apiError(octokit.rest.pulls.list({ owner, repo }));
      expect(error.status).toBe(404);
      expect(error.response.data.message).toBe(
        "Not Found (sandbox: GET /repos/{owner}/{repo}/pulls [pulls/list] is not implemented)",
      );
      expect(fixture.logged).toContainEqual(
        expect.objectContaining({
          level: "warn",
          message: "sandbox: GET /repos/{owner}/{repo}/pulls [pulls/list] is not implemented",
        }),
      );
    });

    it("answers a path GitHub does not have with a plain 404", async () => {
      const error = await apiError(octokit.request("GET /no/such/route"));
      expect(error.status).toBe(404);
      expect(error.response.data).toEqual({
        message: "Not Found",
        documentation_url: "https://docs.github.com/rest",
        status: "404",
      });
      expect(fixture.logged.filter((line) => line.level === "warn")).toEqual([]);
    });

    it("answers a non-numeric pull number with 404, as GitHub's router does", async () => {
      const error = await apiError(
        octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner, repo, pull_number: "abc" as never }),
      );
      expect(error.status).toBe(404);
    });
  });

  describe("request validation against GitHub's description", () => {
    it("refuses create-ref without sha with GitHub's 422", async () => {
      const error = await apiError(
        octokit.request("POST /repos/{owner}/{repo}/git/refs", { owner, repo, ref: "refs/heads/x" } as never),
      );
      expect(error.status).toBe(422);
      expect(error.response.data).toEqual({
        message: 'Invalid request.\n\n"sha" wasn\'t supplied.',
        documentation_url: "https://docs.github.com/rest/git/refs#create-a-reference",
        status: "422",
      });
      expect(fixture.refs.size).toBe(0);
    });

    it("refuses a check run whose status is not one of GitHub's", async () => {
      const error = await apiError(
        octokit.rest.checks.create({
          owner,
          repo,
          name: "autopilot/scope",
          head_sha: sha("head"),
          status: "done" as never,
        }),
      );
      expect(error.status).toBe(422);
      expect(error.response.data.message).toBe(
        'Invalid request.\n\ndone is not a member of ["queued", "in_progress", "completed"].',
      );
    });

    it("refuses an unknown merge method", async () => {
      const error = await apiError(
        octokit.rest.pulls.merge({ owner, repo, pull_number: 3, merge_method: "fast-forward" as never }),
      );
      expect(error.status).toBe(422);
      expect(error.response.data.message).toBe(
        'Invalid request.\n\nfast-forward is not a member of ["merge", "squash", "rebase"].',
      );
      const merged = await octokit.rest.pulls.merge({
        owner,
        repo,
        pull_number: 3,
        merge_method: "squash",
        sha: sha("head"),
      });
      expect(merged.data.merged).toBe(true);
    });

    it("answers malformed JSON with 400 Problems parsing JSON", async () => {
      const response = await fetch(`${fixture.url}/repos/${owner}/${repo}/git/refs`, {
        method: "POST",
        headers: { authorization: `token ${fixture.installationToken}`, "content-type": "application/json" },
        body: '{"ref": "refs/heads/x",',
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        message: "Problems parsing JSON",
        documentation_url: "https://docs.github.com/rest/git/refs#create-a-reference",
        status: "400",
      });
    });

    it("hands handlers the parsed body and passes their GitHub errors through", async () => {
      const created = await octokit.rest.git.createRef({ owner, repo, ref: "refs/heads/x", sha: sha("x") });
      expect(created.status).toBe(201);
      expect(created.headers.location).toBe(`${fixture.url}/repos/${owner}/${repo}/git/refs/heads/x`);
      const again = await apiError(octokit.rest.git.createRef({ owner, repo, ref: "refs/heads/x", sha: sha("x") }));
      expect(again.status).toBe(422);
      expect(again.response.data.message).toBe("Reference already exists");

      const label = await apiError(octokit.rest.issues.createLabel({ owner, repo, name: "bug", color: "nope" }));
      expect(label.response.data).toEqual({
        message: "Validation Failed",
        errors: [{ resource: "Label", code: "invalid", field: "color" }],
        documentation_url: "https://docs.github.com/rest/issues/labels#create-a-label",
        status: "422",
      });
    });
  });

  describe("authentication", () => {
    it("refuses an unknown token with 401 Bad credentials", async () => {
      const token = fixture.registry.createInstallationToken(fixture.installationId).token;
      fixture.registry.revokeToken(token);
      const error = await apiError(fixture.octokit({ auth: { token } }).rest.repos.get({ owner, repo }));
      expect(error.status).toBe(401);
      expect(error.response.data).toEqual({
        message: "Bad credentials",
        documentation_url: "https://docs.github.com/rest",
        status: "401",
      });
    });

    it("refuses an anonymous request with 401 Requires authentication", async () => {
      const response = await fetch(`${fixture.url}/repos/${owner}/${repo}`);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ message: "Requires authentication", status: "401" });
    });

    it("hands handlers the principal: an installation or a user", async () => {
      const asInstallation = await octokit.rest.repos.get({ owner, repo });
      expect(asInstallation.data).toMatchObject({
        principal: { kind: "installation", installationId: fixture.installationId },
      });
      const asUser = await fixture.octokit({ auth: { token: fixture.userToken } }).rest.repos.get({ owner, repo });
      expect(asUser.data).toMatchObject({ principal: { kind: "user", login: "octocat" } });
    });

    it("serves /app routes to the app's JWT only, and the installation token flow works end to end", async () => {
      const { privateKeyPem } = fixture.credentials;
      const app = fixture.octokit({ auth: { appId, privateKey: privateKeyPem } });
      expect((await app.rest.apps.getAuthenticated()).data).toMatchObject({ principal: { kind: "app", appId } });

      const installation = fixture.octokit({ auth: { appId, privateKey: privateKeyPem, installationId: 77 } });
      const { data } = await installation.rest.repos.get({ owner, repo });
      expect(data).toMatchObject({ principal: { kind: "installation", installationId: 77 } });
      expect(fixture.server.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        "GET /app 200",
        "POST /app/installations/77/access_tokens 201",
        `GET /repos/${owner}/${repo} 200`,
      ]);
    });

    it("serves Probot configured for GitHub Enterprise (GHE_HOST), as `autopilot sandbox --with-app` will run it", async () => {
      const probot = createProbot({
        env: {
          APP_ID: String(appId),
          PRIVATE_KEY: fixture.credentials.privateKeyPem,
          WEBHOOK_SECRET: randomBytes(16).toString("hex"),
          GHE_HOST: new URL(fixture.url).host,
          GHE_PROTOCOL: "http",
          LOG_LEVEL: "fatal",
        },
      });
      const installation = await probot.auth(fixture.installationId);
      const { data } = await installation.rest.repos.get({ owner, repo });
      expect(data).toMatchObject({ principal: { kind: "installation", installationId: fixture.installationId } });
      expect(fixture.server.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        `POST /app/installations/${fixture.installationId}/access_tokens 201`,
        `GET /repos/${owner}/${repo} 200`,
      ]);
    });

    it("refuses an installation token on /app with GitHub's JWT message, and a JWT on a repository", async () => {
      const onApp = await apiError(octokit.request("GET /app"));
      expect(onApp.status).toBe(401);
      expect(onApp.response.data.message).toBe("A JSON web token could not be decoded");

      const jwt = signAppJwt({ appId, privateKeyPem: fixture.credentials.privateKeyPem });
      const onRepo = await fetch(`${fixture.url}/repos/${owner}/${repo}`, {
        headers: { authorization: `Bearer ${jwt}` },
      });
      expect(onRepo.status).toBe(403);
      expect(await onRepo.json()).toMatchObject({ message: "Resource not accessible by integration" });
    });

    it("refuses an expired app JWT with the message auth-app recognises as clock skew", async () => {
      const stale = signAppJwt({
        appId,
        privateKeyPem: fixture.credentials.privateKeyPem,
        now: Math.floor(Date.now() / 1000) - 3600,
      });
      const response = await fetch(`${fixture.url}/app/installations/77/access_tokens`, {
        method: "POST",
        headers: { authorization: `Bearer ${stale}` },
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        message: expect.stringContaining("'Expiration time' claim ('exp')"),
      });
    });
  });

  describe("GitHub's headers", () => {
    const requestId = /^[0-9A-F]{4}:[0-9A-F]{4}:[0-9A-F]{6}:[0-9A-F]{6}:[0-9A-F]{8}$/;

    it("sends Date, request id, API version and rate-limit headers on success and on errors", async () => {
      fixture.refs.set("refs/heads/main", sha("main"));
      const ok = await octokit.rest.git.getRef({ owner, repo, ref: "heads/main" });
      const failed = await apiError(octokit.rest.git.getRef({ owner, repo, ref: "heads/missing" }));
      for (const headers of [ok.headers as Record<string, string>, failed.response.headers]) {
        expect(headers["content-type"]).toBe("application/json; charset=utf-8");
        expect(Math.abs(Date.parse(headers.date ?? "") - Date.now())).toBeLessThan(5_000);
        expect(headers["x-github-request-id"]).toMatch(requestId);
        expect(headers["x-github-api-version-selected"]).toBe("2022-11-28");
        expect(headers["x-ratelimit-limit"]).toBe("5000");
        expect(headers["x-ratelimit-resource"]).toBe("core");
        expect(Number(headers["x-ratelimit-reset"])).toBeGreaterThan(Date.now() / 1000);
      }
      const used = [ok.headers as Record<string, string>, failed.response.headers].map((h) =>
        Number(h["x-ratelimit-used"]),
      );
      expect(used[1]).toBe((used[0] ?? 0) + 1);
      expect(Number(failed.response.headers["x-ratelimit-remaining"])).toBe(5000 - (used[1] ?? 0));
    });

    it("echoes the API version the client asked for", async () => {
      const { headers } = await octokit.rest.repos.get({
        owner,
        repo,
        headers: { "x-github-api-version": "2026-03-10" },
      });
      expect(headers["x-github-api-version-selected"]).toBe("2026-03-10");
    });

    it("sends a 204 with no body when the handler says so", async () => {
      fixture.refs.set("refs/heads/gone", sha("gone"));
      const response = await fetch(`${fixture.url}/repos/${owner}/${repo}/git/refs/heads%2Fgone`, {
        method: "DELETE",
        headers: { authorization: `token ${fixture.installationToken}` },
      });
      expect(response.status).toBe(204);
      expect(await response.text()).toBe("");
      expect(response.headers.get("content-type")).toBeNull();
      expect(response.headers.get("x-github-request-id")).toMatch(requestId);
      expect(fixture.refs.has("refs/heads/gone")).toBe(false);
    });
  });

  describe("GraphQL", () => {
    it("answers 404 until a graphql handler is registered, then routes both GraphQL paths to it", async () => {
      await expect(octokit.graphql("query { viewer { login } }")).rejects.toMatchObject({ status: 404 });
      fixture.server.register("graphql", async ({ body, principal }) => ({
        status: 200,
        body: { data: { echo: (body as { query: string }).query, kind: principal.kind } },
      }));
      await expect(octokit.graphql("query { viewer { login } }")).resolves.toEqual({
        echo: "query { viewer { login } }",
        kind: "installation",
      });
      const enterprise = fixture.octokit({ baseUrl: `${fixture.url}/api/v3` });
      await expect(enterprise.graphql("query { a }")).resolves.toMatchObject({ echo: "query { a }" });
      expect(fixture.server.requests().map((r) => `${r.path} ${r.status}`)).toEqual([
        "/graphql 404",
        "/graphql 200",
        "/api/graphql 200",
      ]);
    });
  });
});

describe("SandboxHttpServer with response validation on", () => {
  let fixture: HttpFixture;

  beforeAll(async () => {
    fixture = await startHttpFixture({ validateResponses: true });
  });
  afterAll(() => fixture.close());

  it("lets a faithful response through", async () => {
    const { status } = await fixture
      .octokit()
      .rest.git.createRef({ owner, repo, ref: "refs/heads/ok", sha: sha("ok") });
    expect(status).toBe(201);
  });

  it("turns a handler response GitHub's description would not allow into a loud 500", async () => {
    fixture.server.register("git/get-ref", async () => ({ status: 200, body: { ref: "refs/heads/ok" } }));
    const error = await apiError(fixture.octokit().rest.git.getRef({ owner, repo, ref: "heads/ok" }));
    expect(error.status).toBe(500);
    expect(error.response.data.message).toBe(
      "Sandbox response to git/get-ref (200) does not match GitHub's description",
    );
    expect(error.response.data.errors).toEqual([
      "(body) must have required property 'node_id'",
      "(body) must have required property 'url'",
      "(body) must have required property 'object'",
    ]);
    expect(fixture.logged).toContainEqual(
      expect.objectContaining({ level: "error", fields: expect.objectContaining({ operationId: "git/get-ref" }) }),
    );
  });
});
