import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ProbotOctokit } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { AuthRegistry, createAppCredentials, type AppCredentials } from "../../src/auth/index.js";
import { findOrCreateCheckSuite } from "../../src/effects/ensure-check-suite.js";
import { refMoved } from "../../src/effects/ref-moved.js";
import { recordIssueEvents, type SandboxEvent } from "../../src/events/index.js";
import { SandboxHttpServer } from "../../src/http/index.js";
import { MergeQueue } from "../../src/queue/merge-queue.js";
import { registerRestHandlers, type RestContext } from "../../src/rest/index.js";
import { githubActionsApp, SandboxState, type RepoState } from "../../src/state/index.js";
import { WebhookDispatcher } from "../../src/webhooks/index.js";
import { silentOctokitLog, type LoggedLine, type TestOctokit } from "../http/http-fixture.js";

export type { TestOctokit };

export interface RestFixture {
  ctx: RestContext;
  server: SandboxHttpServer;
  credentials: AppCredentials;
  url: string;
  repo: RepoState;
  owner: string;
  name: string;
  installationId: number;
  /** Every event the handlers emitted, in order. */
  events: SandboxEvent[];
  logged: LoggedLine[];
  /** Octokit with an installation token (the app), or a user token for `login`. */
  app(options?: ConstructorParameters<typeof ProbotOctokit>[0]): TestOctokit;
  user(login?: string): TestOctokit;
  /** The app with an installation token narrowed to `permissions`. */
  narrowedApp(permissions: Record<string, string>): TestOctokit;
  /** The sha `main` points at after seeding (a README commit). */
  initialSha: string;
  close(): Promise<void>;
}

/**
 * A sandbox with every REST handler registered and responses checked against GitHub's
 * description: `acme/widgets` with one commit on `main`, `octocat` as its admin, and an event
 * recorder in place of the webhook publisher.
 */
export async function startRestFixture(): Promise<RestFixture> {
  const dataDir = await mkdtemp(join(tmpdir(), "sandbox-rest-"));
  const credentials = createAppCredentials({ appId: 4242, slug: "autopilot-sandbox", name: "Autopilot (sandbox)" });
  const auth = new AuthRegistry({ app: credentials.identity });
  const installationId = 77;
  const state = new SandboxState({
    dataDir,
    app: { id: 4242, slug: "autopilot-sandbox", name: "Autopilot (sandbox)", ownerLogin: "acme" },
    installationId,
    installationAccount: "acme",
  });
  const events: SandboxEvent[] = [];
  const sink = {
    emit: (event: SandboxEvent) =>
      void events.push(structuredClone({ ...event, repo: undefined }) as unknown as SandboxEvent),
  };
  const logged: LoggedLine[] = [];
  const log = (level: LoggedLine["level"]) => (fields: Record<string, unknown>, message: string) =>
    void logged.push({ level, fields, message });
  const deliveries = new WebhookDispatcher({ url: undefined, secret: "fixture-secret" });
  const base: Omit<RestContext, "mergeQueue"> = {
    state,
    auth,
    events: recordIssueEvents(state, sink),
    deliveries,
    refMoved: (repo, move) => refMoved(state, ctx.events, repo, move),
    ensureCheckSuite: (repo, sha, branch, appId) => findOrCreateCheckSuite(state, repo, sha, branch, appId).suite,
  };
  const { ctx } = MergeQueue.attach(base);
  const server = new SandboxHttpServer({
    auth,
    validateResponses: true,
    log: { info: log("info"), warn: log("warn"), error: log("error") },
  });
  registerRestHandlers(server, ctx);
  const { url } = await server.start();

  const repo = await state.createRepo("acme", "widgets", { description: "Widgets, made by agents" });
  state.setPermission(repo, "octocat", "admin");
  state.setPermission(repo, "reader", "read");
  const blob = await repo.git.createBlob("# widgets\n");
  const tree = await repo.git.createTree([{ path: "README.md", mode: "100644", type: "blob", sha: blob.sha }]);
  const commit = await repo.git.createCommit({ message: "Initial commit", tree: tree.sha, parents: [] });
  await repo.git.createRef("refs/heads/main", commit.sha);

  const installationToken = auth.createInstallationToken(installationId).token;
  const octokit = (token: string, options: ConstructorParameters<typeof ProbotOctokit>[0] = {}): TestOctokit =>
    new ProbotOctokit({
      auth: { token },
      baseUrl: url,
      log: silentOctokitLog,
      request: { retries: 0 },
      retry: { enabled: false },
      throttle: { enabled: false },
      ...options,
    });
  return {
    ctx,
    server,
    credentials,
    url,
    repo,
    owner: "acme",
    name: "widgets",
    installationId,
    events,
    logged,
    initialSha: commit.sha,
    app: (options) => octokit(installationToken, options),
    user: (login = "octocat") => octokit(auth.createUserToken(login)),
    narrowedApp: (permissions) => octokit(auth.createInstallationToken(installationId, { permissions }).token),
    close: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RestFixtureHooks {
  /** A fresh sandbox for every test; by default one serves the whole file. */
  perTest?: boolean;
  /** Prepares each new sandbox before its first test. */
  setUp?: (fixture: RestFixture) => unknown;
  /** Runs before every test, before the events recorded so far are forgotten. */
  beforeEach?: (fixture: RestFixture) => unknown;
  /** Puts the shared sandbox back after every test. */
  afterEach?: (fixture: RestFixture) => unknown;
}

/**
 * The REST fixture of a test file, started and closed by vitest's hooks: every test starts with no
 * events recorded and must end without an error logged (a response that broke GitHub's schema).
 * Answers a stand-in that reads the current fixture, so it can be taken at the top of a file.
 */
export function useRestFixture(hooks: RestFixtureHooks = {}): RestFixture {
  let current: RestFixture | undefined;
  const live = (): RestFixture => {
    if (current === undefined) throw new Error("the REST fixture is only there while a test runs");
    return current;
  };
  const start = async (): Promise<void> => {
    current = await startRestFixture();
    await hooks.setUp?.(current);
  };
  const stop = async (): Promise<void> => {
    const fixture = current;
    current = undefined;
    await fixture?.close();
  };
  if (hooks.perTest) beforeEach(start);
  else {
    beforeAll(start);
    afterAll(stop);
  }
  beforeEach(async () => {
    await hooks.beforeEach?.(live());
    live().events.length = 0;
  });
  afterEach(async () => {
    if (current === undefined) return;
    const errors = loggedErrors(current);
    current.logged.length = 0;
    await (hooks.perTest ? stop() : hooks.afterEach?.(current));
    expect(errors).toEqual([]);
  });
  // reads (and spreads) go to the fixture of the moment
  return new Proxy({} as RestFixture, {
    get: (_target, key) => Reflect.get(live(), key),
    ownKeys: () => Reflect.ownKeys(live()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(live(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}

/**
 * A commit of `files` (path → text, null deletes) on top of `parent`, written straight to the
 * fixture's git store to set up history without the API under test; moves no ref.
 */
export async function commitOnto(
  fixture: RestFixture,
  parent: string,
  files: Record<string, string | null>,
  options: { message?: string; author?: { name: string; email: string; date?: string } } = {},
): Promise<string> {
  const { git } = fixture.repo;
  const base = await git.getCommit(parent);
  if (base === undefined) throw new Error(`no commit ${parent}`);
  const entries = Object.entries(files).map(([path, content]) =>
    content === null
      ? { path, mode: "100644" as const, type: "blob" as const, sha: null }
      : { path, mode: "100644" as const, type: "blob" as const, content },
  );
  const tree = await git.createTree(entries, base.tree);
  const commit = await git.createCommit({
    message: options.message ?? "Change files",
    tree: tree.sha,
    parents: [parent],
    ...(options.author ? { author: options.author } : {}),
  });
  return commit.sha;
}

/** What a request that was expected to fail answered: status, GitHub's message, the body and headers. */
export async function requestFailure(
  promise: Promise<unknown>,
): Promise<{ status: number; message: string; data: Record<string, unknown>; headers: Record<string, string> }> {
  const error = (await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as { status: number; response?: { data?: Record<string, unknown>; headers?: Record<string, string> } } | undefined;
  if (!error) throw new Error("expected the request to fail");
  const data = error.response?.data ?? {};
  return { status: error.status, message: String(data.message ?? ""), data, headers: error.response?.headers ?? {} };
}

/** The emitted events as `name.action` (or `name`), in order. */
export const eventNames = (fixture: RestFixture): string[] =>
  fixture.events.map((event) => ("action" in event ? `${event.name}.${event.action}` : event.name));

/** The `error` lines the server logged: a response that broke GitHub's schema is one. */
export const loggedErrors = (fixture: RestFixture): string[] =>
  fixture.logged
    .filter((line) => line.level === "error")
    .map((line) => `${line.message} ${JSON.stringify(line.fields)}`);

/** An Octokit acting as GitHub Actions, with a workflow run's `GITHUB_TOKEN` (an installation of the second app). */
export function asActions(fixture: RestFixture): TestOctokit {
  const installation = fixture.ctx.state.installOtherApp(githubActionsApp);
  fixture.ctx.auth.grantInstallation(installation.id, githubActionsApp.permissions ?? {});
  const token = fixture.ctx.auth.createInstallationToken(installation.id).token;
  return new ProbotOctokit({
    auth: { token },
    baseUrl: fixture.url,
    log: silentOctokitLog,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}
