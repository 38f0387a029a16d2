import { createHash } from "node:crypto";
import { ProbotOctokit } from "probot";
import { AuthRegistry, createAppCredentials, type AppCredentials } from "../../src/auth/index.js";
import { GitStoreError } from "../../src/git/index.js";
import {
  SandboxHttpError,
  SandboxHttpServer,
  type SandboxHandler,
  type SandboxHttpServerOptions,
} from "../../src/http/index.js";

export interface LoggedLine {
  level: "info" | "warn" | "error";
  fields: Record<string, unknown>;
  message: string;
}

export type TestOctokit = InstanceType<typeof ProbotOctokit>;

export interface HttpFixture {
  server: SandboxHttpServer;
  registry: AuthRegistry;
  credentials: AppCredentials;
  url: string;
  installationId: number;
  installationToken: string;
  userToken: string;
  logged: LoggedLine[];
  /** Fully qualified ref name → sha, what the fake `git/*` handlers keep. */
  refs: Map<string, string>;
  /** Octokit as the app uses it: ProbotOctokit, fast (no retries, no throttling) unless overridden. */
  octokit(options?: ConstructorParameters<typeof ProbotOctokit>[0]): TestOctokit;
  close(): Promise<void>;
}

export const appId = 4242;
export const owner = "acme";
export const repo = "widgets";
export const silentOctokitLog = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** A 40-hex sha derived from a label, so tests read `sha("main")` instead of a literal. */
export const sha = (label: string): string => createHash("sha1").update(label).digest("hex");

function gitRef(apiUrl: string, ref: string, commitSha: string): Record<string, unknown> {
  const repoUrl = `${apiUrl}/repos/${owner}/${repo}`;
  return {
    ref,
    node_id: Buffer.from(`ref:${ref}`).toString("base64url"),
    url: `${repoUrl}/git/${ref}`,
    object: { type: "commit", sha: commitSha, url: `${repoUrl}/git/commits/${commitSha}` },
  };
}

/**
 * Small stand-ins for the REST handlers other work will provide, registered on real operation
 * ids. They answer just enough for the HTTP layer to be observed: what arrived (decoded, coerced
 * params; query; body; principal) and GitHub-shaped bodies where response validation is tested.
 */
function fakeHandlers(fixture: Pick<HttpFixture, "refs" | "registry">): Record<string, SandboxHandler> {
  const echo: SandboxHandler = async (request) => ({
    status: 200,
    body: {
      operationId: request.operationId,
      params: request.params,
      query: request.query,
      body: request.body,
      principal: request.principal,
      apiUrl: request.apiUrl,
    },
  });
  return {
    "git/create-ref": async ({ body, apiUrl }) => {
      const { ref, sha: target } = body as { ref: string; sha: string };
      if (fixture.refs.has(ref)) throw new GitStoreError(422, "Reference already exists");
      fixture.refs.set(ref, target);
      return {
        status: 201,
        body: gitRef(apiUrl, ref, target),
        headers: { location: `${apiUrl}/repos/${owner}/${repo}/git/${ref}` },
      };
    },
    "git/get-ref": async ({ params, apiUrl }) => {
      const ref = `refs/${String(params.ref)}`;
      const target = fixture.refs.get(ref);
      if (!target) throw new SandboxHttpError(404, "Not Found");
      return { status: 200, body: gitRef(apiUrl, ref, target) };
    },
    "git/delete-ref": async ({ params }) => {
      if (!fixture.refs.delete(`refs/${String(params.ref)}`)) {
        throw new SandboxHttpError(422, "Reference does not exist");
      }
      return { status: 204 };
    },
    "repos/get": echo,
    "repos/get-content": echo,
    "repos/compare-commits-with-basehead": echo,
    "pulls/get": echo,
    "pulls/list-review-comments-for-repo": async () => ({ status: 200, body: [] }),
    "pulls/merge": async () => ({
      status: 200,
      body: { sha: sha("merged"), merged: true, message: "Pull Request successfully merged" },
    }),
    "checks/create": async ({ body }) => ({ status: 201, body }),
    "issues/create-label": async () => {
      throw new SandboxHttpError(422, "Validation Failed", {
        errors: [{ resource: "Label", code: "invalid", field: "color" }],
      });
    },
    "apps/get-authenticated": async ({ principal }) => ({
      status: 200,
      body: { id: appId, slug: "autopilot-sandbox", principal },
    }),
    "apps/create-installation-access-token": async ({ params }) => ({
      status: 201,
      body: fixture.registry.createInstallationToken(Number(params.installation_id)),
    }),
  };
}

export async function startHttpFixture(options: Partial<SandboxHttpServerOptions> = {}): Promise<HttpFixture> {
  const credentials = createAppCredentials({ appId, slug: "autopilot-sandbox", name: "Autopilot (sandbox)" });
  const registry = new AuthRegistry({ app: credentials.identity });
  const logged: LoggedLine[] = [];
  const log = (level: LoggedLine["level"]) => (fields: Record<string, unknown>, message: string) => {
    logged.push({ level, fields, message });
  };
  const server = new SandboxHttpServer({
    auth: registry,
    log: { info: log("info"), warn: log("warn"), error: log("error") },
    ...options,
  });
  const installationId = 77;
  const fixture: Omit<HttpFixture, "url" | "octokit"> = {
    server,
    registry,
    credentials,
    installationId,
    installationToken: registry.createInstallationToken(installationId).token,
    userToken: registry.createUserToken("octocat"),
    logged,
    refs: new Map(),
    close: () => server.stop(),
  };
  for (const [operationId, handler] of Object.entries(fakeHandlers(fixture))) server.register(operationId, handler);
  const { url } = await server.start();
  return {
    ...fixture,
    url,
    octokit: (octokitOptions = {}) =>
      new ProbotOctokit({
        auth: { token: fixture.installationToken },
        baseUrl: url,
        log: silentOctokitLog,
        request: { retries: 0 },
        retry: { enabled: false },
        throttle: { enabled: false },
        ...octokitOptions,
      }),
  };
}
