import { describe, expect, it } from "vitest";
import { signAppJwt } from "../../../src/auth/index.js";
import { useRestFixture, type TestOctokit } from "../rest-fixture.js";
import { failure } from "../checks/commit-file.js";

describe("app and installation endpoints", () => {
  /** Authenticated as the app itself, with a JWT signed by the test. */
  let asApp: TestOctokit;
  /** Octokit on the sandbox with `auth` in place of the installation token. */
  const client = (auth: Record<string, unknown>): TestOctokit => fixture.app({ auth });
  const withToken = (value: string): TestOctokit => client({ token: value });
  const fixture = useRestFixture({
    perTest: true,
    setUp: ({ credentials }) => {
      asApp = client({
        token: signAppJwt({ appId: credentials.identity.appId, privateKeyPem: credentials.privateKeyPem }),
      });
    },
  });

  it("describes the app with app.yml's permissions and events", async () => {
    const { data } = await asApp.rest.apps.getAuthenticated();
    expect(data).toMatchObject({
      id: 4242,
      slug: "autopilot-sandbox",
      name: "Autopilot (sandbox)",
      owner: { login: "acme" },
      permissions: { checks: "write", statuses: "read", actions: "write", metadata: "read" },
    });
    expect(data!.events).toEqual(
      expect.arrayContaining(["check_run", "check_suite", "pull_request", "status", "push"]),
    );
  });

  it("finds the installation by id, repository, organization and user, and 404s elsewhere", async () => {
    const [installation] = (await asApp.rest.apps.listInstallations()).data;
    expect(installation).toMatchObject({
      id: 77,
      app_id: 4242,
      account: { login: "acme" },
      target_type: "Organization",
      repository_selection: "all",
    });
    const { data: byId } = await asApp.rest.apps.getInstallation({ installation_id: 77 });
    expect(byId).toEqual({
      ...installation,
      account: expect.objectContaining({ login: "acme", type: "Organization" }),
    });
    expect((await asApp.rest.apps.getRepoInstallation({ owner: "acme", repo: "widgets" })).data.id).toBe(77);
    expect((await asApp.rest.apps.getOrgInstallation({ org: "ACME" })).data.id).toBe(77);
    expect((await asApp.rest.apps.getUserInstallation({ username: "acme" })).data.id).toBe(77);

    await fixture.ctx.state.createRepo("octocat", "personal");
    const notFound = { status: 404, message: "Not Found" };
    expect(await failure(asApp.rest.apps.getInstallation({ installation_id: 78 }))).toEqual(notFound);
    expect(await failure(asApp.rest.apps.getRepoInstallation({ owner: "octocat", repo: "personal" }))).toEqual(
      notFound,
    );
    expect(await failure(asApp.rest.apps.getRepoInstallation({ owner: "acme", repo: "nothing" }))).toEqual(notFound);
    expect(await failure(asApp.rest.apps.getOrgInstallation({ org: "octocat" }))).toEqual(notFound);
    expect(await failure(asApp.rest.apps.getUserInstallation({ username: "octocat" }))).toEqual(notFound);
  });

  it("works for Probot's own client: auth-app signs the JWT and fetches installation tokens itself", async () => {
    const { appId } = fixture.credentials.identity;
    const privateKey = fixture.credentials.privateKeyPem;
    expect((await client({ appId, privateKey }).rest.apps.getAuthenticated()).data).toMatchObject({ id: appId });

    const installation = client({ appId, privateKey, installationId: 77 });
    const { data } = await installation.rest.checks.create({
      owner: "acme",
      repo: "widgets",
      name: "scope",
      head_sha: fixture.initialSha,
    });
    expect(data.app).toMatchObject({ id: appId });
    const repos = await installation.rest.apps.listReposAccessibleToInstallation();
    expect(repos.data).toMatchObject({
      total_count: 1,
      repository_selection: "all",
      repositories: [{ full_name: "acme/widgets" }],
    });
  });

  it("narrows tokens to repositories and permissions, as GitHub does", async () => {
    const gadgets = await fixture.ctx.state.createRepo("acme", "gadgets");
    const narrowed = await asApp.rest.apps.createInstallationAccessToken({
      installation_id: 77,
      repositories: ["widgets"],
    });
    expect(narrowed.status).toBe(201);
    expect(narrowed.data).toMatchObject({
      repository_selection: "selected",
      repositories: [{ full_name: "acme/widgets" }],
    });
    const narrow = withToken(narrowed.data.token);
    expect((await narrow.rest.apps.listReposAccessibleToInstallation()).data).toMatchObject({
      total_count: 1,
      repository_selection: "selected",
    });
    expect(await failure(narrow.rest.checks.listForRef({ owner: "acme", repo: "gadgets", ref: "main" }))).toEqual({
      status: 404,
      message: "Not Found",
    });

    const byId = await asApp.rest.apps.createInstallationAccessToken({
      installation_id: 77,
      repository_ids: [gadgets.id],
    });
    expect(byId.data.repositories?.map((repo) => repo.name)).toEqual(["gadgets"]);

    const readOnly = await asApp.rest.apps.createInstallationAccessToken({
      installation_id: 77,
      permissions: { checks: "read", metadata: "read" },
    });
    expect(readOnly.data).toMatchObject({
      permissions: { checks: "read", metadata: "read" },
      repository_selection: "all",
    });
    expect(readOnly.data.repositories).toBeUndefined();
    const reader = withToken(readOnly.data.token);
    expect(
      await failure(
        reader.rest.checks.create({ owner: "acme", repo: "widgets", name: "x", head_sha: fixture.initialSha }),
      ),
    ).toEqual({
      status: 403,
      message: "Resource not accessible by integration",
    });

    expect(
      await failure(
        asApp.rest.apps.createInstallationAccessToken({ installation_id: 77, repositories: ["elsewhere"] }),
      ),
    ).toEqual({
      status: 422,
      message: "There is at least one repository that does not exist or is not accessible to the parent installation.",
    });
    expect(
      await failure(
        asApp.rest.apps.createInstallationAccessToken({
          installation_id: 77,
          permissions: { administration: "write" },
        }),
      ),
    ).toEqual({
      status: 422,
      message: "The permissions requested are not granted to this installation.",
    });
    expect(await failure(asApp.rest.apps.createInstallationAccessToken({ installation_id: 78 }))).toEqual({
      status: 404,
      message: "Not Found",
    });
  });

  it("revokes the calling installation token", async () => {
    const minted = await asApp.rest.apps.createInstallationAccessToken({ installation_id: 77 });
    const installation = withToken(minted.data.token);
    expect((await installation.rest.checks.listForRef({ owner: "acme", repo: "widgets", ref: "main" })).status).toBe(
      200,
    );
    expect((await installation.rest.apps.revokeInstallationAccessToken()).status).toBe(204);
    expect(await failure(installation.rest.checks.listForRef({ owner: "acme", repo: "widgets", ref: "main" }))).toEqual(
      {
        status: 401,
        message: "Bad credentials",
      },
    );
    const user = fixture.user("octocat");
    expect(await failure(user.rest.apps.revokeInstallationAccessToken())).toEqual({
      status: 403,
      message: "You must authenticate with an installation access token in order to revoke it",
    });
    expect(await failure(user.rest.apps.listReposAccessibleToInstallation())).toEqual({
      status: 403,
      message:
        "You must authenticate with an installation access token in order to list repositories for an installation.",
    });
  });

  it("lists webhook deliveries by cursor, filters by status, and redelivers", async () => {
    const { deliveries } = fixture.ctx;
    for (const action of ["opened", "closed", "reopened"])
      await deliveries.send("issues", { action, repository: { id: 1 } });

    const first = await asApp.rest.apps.listWebhookDeliveries({ per_page: 2 });
    expect(first.data.map((delivery) => delivery.action)).toEqual(["reopened", "closed"]);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.link ?? "")?.[1];
    expect(next).toMatch(/[?&]cursor=v1_\d+/);
    const cursor = new URL(next!).searchParams.get("cursor")!;
    const second = await asApp.rest.apps.listWebhookDeliveries({ per_page: 2, cursor });
    expect(second.data.map((delivery) => delivery.action)).toEqual(["opened"]);
    expect(second.headers.link).toBeUndefined();
    // no webhook URL is configured, so every attempt failed
    expect((await asApp.rest.apps.listWebhookDeliveries({ status: "success" })).data).toEqual([]);
    expect((await asApp.rest.apps.listWebhookDeliveries({ status: "failure" })).data).toHaveLength(3);
    expect(await failure(asApp.rest.apps.listWebhookDeliveries({ cursor: "bogus" }))).toMatchObject({ status: 400 });

    const oldest = second.data[0]!;
    const detail = await asApp.rest.apps.getWebhookDelivery({ delivery_id: oldest.id });
    expect(detail.data).toMatchObject({
      id: oldest.id,
      guid: oldest.guid,
      event: "issues",
      request: { payload: { action: "opened" } },
    });

    const redelivery = await asApp.rest.apps.redeliverWebhookDelivery({ delivery_id: oldest.id });
    expect(redelivery.status).toBe(202);
    expect(redelivery.data).toEqual({});
    await deliveries.idle();
    const [latest] = (await asApp.rest.apps.listWebhookDeliveries({ per_page: 1 })).data;
    expect(latest).toMatchObject({ guid: oldest.guid, redelivery: true, action: "opened" });
    expect(await failure(asApp.rest.apps.redeliverWebhookDelivery({ delivery_id: 999 }))).toEqual({
      status: 404,
      message: "Not Found",
    });
    expect(await failure(asApp.rest.apps.getWebhookDelivery({ delivery_id: 999 }))).toEqual({
      status: 404,
      message: "Not Found",
    });
  });
});
