import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { AuthRegistry, createAppCredentials, suspendedTokenMessage, type AppCredentials } from "./auth/index.js";
import { findOrCreateCheckSuite } from "./effects/ensure-check-suite.js";
import { refMoved } from "./effects/ref-moved.js";
import { EventPublisher, recordIssueEvents } from "./events/index.js";
import {
  SandboxHttpServer,
  type ContentCreationLimit,
  type FaultRule,
  type RateLimitOptions,
  type RateLimitResource,
  type RateLimitState,
  type RecordedRequest,
} from "./http/index.js";
import { MergeQueue } from "./queue/merge-queue.js";
import { linksFor } from "./represent/index.js";
import { registerRestHandlers, type RestContext } from "./rest/index.js";
import { WorkflowRunControl } from "./rest/actions/workflow-run-control.js";
import { suspendAsOwner, unsuspendAsOwner } from "./rest/apps/installation-suspension.js";
import { widgetsFiles } from "./seed/widgets-files.js";
import { seedRepository } from "./seed/seed-repository.js";
import { githubActionsApp, SandboxState, type OtherInstallation, type RepoState } from "./state/index.js";
import type { DiffLimits } from "./state/index.js";
import { WebhookDispatcher, type IdleOptions, type SandboxLog, type WebhookFaults } from "./webhooks/index.js";

export interface SandboxOptions {
  /** Where repositories and the app's key are written; a fresh temporary directory (removed on stop) if absent. */
  dataDir?: string;
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Where webhooks go; none are sent (only recorded) until one is set. */
  webhookUrl?: string;
  /** Default: 20 random bytes, hex. */
  webhookSecret?: string;
  appId?: number;
  appSlug?: string;
  installationId?: number;
  /** The organization the app is installed on and `acme/widgets` belongs to. */
  owner?: string;
  /** The person the sandbox's user token acts as; admin of the seeded repository. */
  userLogin?: string;
  /**
   * Send `installation.created` once started (default true); false leaves it to `installApp()`,
   * for an app that connects after the sandbox is up.
   */
  installApp?: boolean;
  /** Seed `<owner>/widgets` (default true). */
  seed?: boolean;
  /** Check every response against GitHub's description (tests: true). */
  validateResponses?: boolean;
  /**
   * `mergeable: null` (and `mergeable_state: unknown`) on the first read of a pull request after
   * its head or base changed, as GitHub answers while it computes the test merge; computed on the
   * next read. Webhook payloads are reads too (GitHub's usually carry `null`). Default false.
   */
  lazyMergeable?: boolean;
  /**
   * What the app's installation grants (its tokens and `GET /repos/{owner}/{repo}/installation`),
   * as when an owner has not yet accepted new permissions. Default: app.yml's `default_permissions`.
   */
  installationPermissions?: Record<string, string>;
  /** The events the app subscribes to (GitHub's `events` of the app). Default: app.yml's `default_events`. */
  appEvents?: string[];
  /**
   * How much diff one `files[]` answer shows (compare, pull request files, a commit): past
   * `patchBytes` a file has no `patch`; once `responseLines` patch lines were shown, later files
   * have no patch and zero counts. Default GitHub's (`githubDiffLimits`: 1 MiB, 20,000 lines).
   */
  diffLimits?: Partial<DiffLimits>;
  faults?: readonly FaultRule[];
  /**
   * The sandbox's clock, milliseconds since the epoch (default `Date.now`): timestamps, the `Date`
   * header, rate-limit windows (primary and content creation), and the
   * merge queues' `check_response_timeout_minutes` (after moving it, a test calls
   * `sandbox.mergeQueue.reconsider(repo)`, which the queue's own timer would do in real time).
   */
  now?: () => number;
  /**
   * GitHub's secondary limit on content-generating requests (POSTs: issues, comments, pull
   * requests, check runs, commits...), per credential: past it a 403 with GitHub's secondary
   * rate limit message and `retry-after`. Off by default; `githubContentCreationLimit` holds
   * GitHub's numbers (80 a minute, 500 an hour). Also `sandbox.server.setContentCreationLimit()`.
   */
  contentCreationLimit?: ContentCreationLimit;
  /**
   * GitHub's primary rate limits: per installation (all its tokens), per person, the app's JWT,
   * Actions' `GITHUB_TOKEN` (per repository) and anonymous callers, REST and GraphQL counted apart,
   * over a window on the sandbox's clock (`now`). Past a budget every request is refused, untouched,
   * until the window resets. Default GitHub's: 5,000 an hour (an installation's floor; GitHub
   * grants up to 12,500 with repositories and users), 1,000 for `GITHUB_TOKEN`, 60 anonymous.
   * Tests shrink them: `{ installation: 20, windowMs: 2_000 }`.
   */
  rateLimits?: RateLimitOptions;
  /**
   * Webhooks as unreliable as GitHub's: dropped, duplicated (same or new `X-GitHub-Delivery`),
   * held back behind later deliveries, delayed; by rule or by seeded random shares. Also
   * `sandbox.deliveries.setFaults()`. `idle()` still waits for held and delayed deliveries.
   */
  webhookFaults?: WebhookFaults;
  log?: SandboxLog;
}

/** How to reach a running sandbox: what `autopilot sandbox` prints as one JSON line. */
export interface SandboxInfo {
  apiUrl: string;
  userToken: string;
  appId: number;
  privateKeyPath: string;
  installationId: number;
  repo: string;
  webhookUrl: string | null;
  webhookSecret: string;
  dataDir: string;
}

const silentLog: SandboxLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * A local GitHub: the REST API over HTTP on real git repositories, an app with an installation,
 * and signed webhooks to one URL. Start it with `Sandbox.start()`, drive it with Octokit (the user
 * token acts as a person, the app's key as the app), and read what happened from `requests()`,
 * `deliveries` and the state.
 */
export class Sandbox {
  readonly state: SandboxState;
  readonly auth: AuthRegistry;
  readonly server: SandboxHttpServer;
  readonly deliveries: WebhookDispatcher;
  readonly events: EventPublisher;
  /** GitHub's merge queues (configured with rulesets); `idle()` waits for their work too. */
  readonly mergeQueue: MergeQueue;
  readonly credentials: AppCredentials;
  /** Workflow runs, moved on as GitHub's runner would (a dispatch creates them queued). */
  readonly workflowRuns: WorkflowRunControl;
  readonly dataDir: string;
  readonly privateKeyPath: string;
  readonly userLogin: string;
  readonly #ownsDataDir: boolean;
  #userToken: string | undefined;

  private constructor(parts: {
    state: SandboxState;
    auth: AuthRegistry;
    server: SandboxHttpServer;
    deliveries: WebhookDispatcher;
    events: EventPublisher;
    mergeQueue: MergeQueue;
    credentials: AppCredentials;
    workflowRuns: WorkflowRunControl;
    dataDir: string;
    ownsDataDir: boolean;
    userLogin: string;
  }) {
    this.state = parts.state;
    this.auth = parts.auth;
    this.server = parts.server;
    this.deliveries = parts.deliveries;
    this.events = parts.events;
    this.mergeQueue = parts.mergeQueue;
    this.credentials = parts.credentials;
    this.workflowRuns = parts.workflowRuns;
    this.dataDir = parts.dataDir;
    this.#ownsDataDir = parts.ownsDataDir;
    this.privateKeyPath = join(parts.dataDir, "app-private-key.pem");
    this.userLogin = parts.userLogin;
  }

  static async start(options: SandboxOptions = {}): Promise<Sandbox> {
    const ownsDataDir = options.dataDir === undefined;
    const dataDir = options.dataDir ? resolve(options.dataDir) : await mkdtemp(join(tmpdir(), "autopilot-sandbox-"));
    await mkdir(dataDir, { recursive: true });
    const log = options.log ?? silentLog;
    const appId = options.appId ?? 1;
    const slug = options.appSlug ?? "autopilot";
    const owner = options.owner ?? "acme";
    const userLogin = options.userLogin ?? "octocat";
    const credentials = createAppCredentials({ appId, slug, name: "Autopilot" });
    const { installationPermissions } = options;
    const state = new SandboxState({
      dataDir: join(dataDir, "repos"),
      app: {
        id: appId,
        slug,
        name: "Autopilot",
        ownerLogin: owner,
        ...(options.appEvents && { events: [...options.appEvents] }),
      },
      installationId: options.installationId ?? 1,
      installationAccount: owner,
      ...(installationPermissions && { installationPermissions }),
      lazyMergeable: options.lazyMergeable === true,
      ...(options.now ? { now: options.now } : {}),
      ...(options.diffLimits ? { diffLimits: options.diffLimits } : {}),
    });
    const { installation } = state;
    const auth = new AuthRegistry({
      app: credentials.identity,
      ...(installationPermissions && { installationPermissions }),
      suspendedInstallation: (id) =>
        id === installation.id ? suspendedTokenMessage(installation.account.login, installation.suspension) : undefined,
    });
    // the sandbox's person administers the instance too: tests make accounts through `/admin/users`
    state.makeSiteAdmin(userLogin);
    // a second app on the same account, as on GitHub: Actions, whose token every workflow run gets
    const actions = state.installOtherApp(githubActionsApp);
    auth.grantInstallation(actions.id, githubActionsApp.permissions ?? {});
    const webhookSecret = options.webhookSecret ?? randomBytes(20).toString("hex");
    const deliveries = new WebhookDispatcher({
      url: options.webhookUrl,
      secret: webhookSecret,
      log,
      hook: { hookId: 1, targetId: appId, targetType: "integration" },
      ...(options.webhookFaults ? { faults: options.webhookFaults } : {}),
    });
    const server = new SandboxHttpServer({
      auth,
      log,
      ...(options.host ? { host: options.host } : {}),
      port: options.port ?? 0,
      validateResponses: options.validateResponses ?? false,
      faults: options.faults ?? [],
      ...(options.contentCreationLimit ? { contentCreationLimit: options.contentCreationLimit } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
      rateLimitAccounts: {
        userId: (login) => state.ensureUser(login).id,
        isActionsInstallation: (id) => state.appOfInstallation(id)?.id === githubActionsApp.id,
      },
    });
    const events = new EventPublisher({ state, dispatcher: deliveries, links: () => linksFor(server.url), log });
    const base: Omit<RestContext, "mergeQueue"> = {
      state,
      auth,
      events: recordIssueEvents(state, events),
      deliveries,
      // `ctx.events`, read at each call: the merge queue passes events on to the publisher
      refMoved: (repo, move) => refMoved(state, ctx.events, repo, move),
      ensureCheckSuite: (repo, sha, branch, appId) => findOrCreateCheckSuite(state, repo, sha, branch, appId).suite,
    };
    const { ctx, queue: mergeQueue } = MergeQueue.attach(base);
    registerRestHandlers(server, ctx);
    await writeFile(join(dataDir, "app-private-key.pem"), credentials.privateKeyPem, { mode: 0o600 });
    await server.start();

    const sandbox = new Sandbox({
      state,
      auth,
      server,
      deliveries,
      events,
      mergeQueue,
      credentials,
      workflowRuns: new WorkflowRunControl(ctx),
      dataDir,
      ownsDataDir,
      userLogin,
    });
    if (options.seed ?? true) {
      const user = state.ensureUser(userLogin);
      user.name = "The Octocat";
      user.email = `${userLogin}@users.noreply.sandbox.localhost`;
      await seedRepository(state, owner, "widgets", {
        description: "Widgets, made by agents under Autopilot",
        files: widgetsFiles(),
        author: { login: userLogin, name: user.name, email: user.email },
      });
    }
    if (options.installApp ?? true) sandbox.installApp();
    return sandbox;
  }

  get apiUrl(): string {
    return this.server.url;
  }

  get appId(): number {
    return this.credentials.identity.appId;
  }

  get installationId(): number {
    return this.state.installation.id;
  }

  /** Where webhooks go now: the start option, `setWebhookUrl()` or the app's `PATCH /app/hook/config`. */
  get webhookUrl(): string | undefined {
    return this.deliveries.hookConfig().url;
  }

  /** What signs the next delivery: the start option, or what the app's `PATCH /app/hook/config` set. */
  get webhookSecret(): string {
    return this.deliveries.hookConfig().secret;
  }

  /** The seeded repository, `acme/widgets`. */
  get repo(): RepoState {
    const repo = this.state.getRepo(this.state.installation.account.login, "widgets");
    if (!repo) throw new Error("Sandbox: started without seeding; there is no widgets repository");
    return repo;
  }

  /** A token acting as `login` (default: the sandbox's user, admin of the seeded repository). */
  userToken(login: string = this.userLogin): string {
    if (login !== this.userLogin) return this.auth.createUserToken(login);
    this.#userToken ??= this.auth.createUserToken(login);
    return this.#userToken;
  }

  /** GitHub Actions' installation on the account (the second app every sandbox has). */
  get actionsInstallation(): OtherInstallation {
    return this.state.installOtherApp(githubActionsApp);
  }

  /**
   * A `GITHUB_TOKEN` as GitHub gives a workflow run: an installation token of GitHub Actions
   * (by default with everything a permissive workflow gets, checks and statuses included), which
   * acts as `github-actions[bot]` and creates check runs in Actions' own check suites.
   */
  actionsToken(permissions?: Record<string, string>): string {
    return this.auth.createInstallationToken(this.actionsInstallation.id, permissions ? { permissions } : {}).token;
  }

  /** Installs the app on the account: GitHub tells the app which repositories it got (`installation.created`). */
  installApp(): void {
    this.events.emit({
      name: "installation",
      action: "created",
      sender: this.state.ensureUser(this.userLogin),
      repos: this.state.repos(),
    });
  }

  /**
   * An owner of the account suspends the app's installation in its settings (GitHub has no API for
   * it): no tokens, no deliveries for its repositories, `installation.suspend` sent by `by`.
   * Throws while the installation is suspended already, as the page then offers no "Suspend".
   */
  suspendInstallation(options: { by: string }): void {
    suspendAsOwner({ state: this.state, events: this.events }, options.by);
  }

  /** The owner lifts their suspension (`installation.unsuspend`); the app's own stays until the app lifts it. */
  unsuspendInstallation(options: { by: string }): void {
    unsuspendAsOwner({ state: this.state, events: this.events }, options.by);
  }

  setWebhookUrl(url: string | undefined): void {
    this.deliveries.setUrl(url);
  }

  requests(): RecordedRequest[] {
    return this.server.requests();
  }

  /**
   * A budget as `GET /rate_limit` shows it to its owner, uncounted: an installation's (all its
   * tokens; Actions' installation: its tokens not narrowed to one repository) or a person's.
   */
  rateLimit(who: { installationId: number } | { login: string }, resource: RateLimitResource = "core"): RateLimitState {
    if ("login" in who) {
      return this.server.rateLimit(
        { kind: "user", login: who.login, userId: this.state.ensureUser(who.login).id },
        resource,
      );
    }
    const { installationId } = who;
    const actions = this.state.appOfInstallation(installationId)?.id === githubActionsApp.id;
    return this.server.rateLimit(
      { kind: "installation", installationId, ...(actions ? { actions: { repository: undefined } } : {}) },
      resource,
    );
  }

  /**
   * Resolves once every event so far has been delivered (or failed), delayed and held deliveries
   * included; `releaseHeld: false` leaves the held ones held (see `webhookFaults`).
   */
  async idle(options: IdleOptions = {}): Promise<void> {
    let before: number;
    do {
      before = this.events.history().length;
      await this.mergeQueue.idle();
      await this.events.idle(options);
    } while (before !== this.events.history().length);
  }

  info(): SandboxInfo {
    return {
      apiUrl: this.apiUrl,
      userToken: this.userToken(),
      appId: this.appId,
      privateKeyPath: this.privateKeyPath,
      installationId: this.installationId,
      repo: this.repo.fullName,
      webhookUrl: this.webhookUrl ?? null,
      webhookSecret: this.webhookSecret,
      dataDir: this.dataDir,
    };
  }

  async stop(): Promise<void> {
    await this.server.stop();
    this.mergeQueue.close();
    await this.mergeQueue.idle().catch(() => undefined);
    await this.events.idle().catch(() => undefined);
    // each repository keeps a `git cat-file` running; none may outlive the sandbox
    await Promise.all(this.state.repos().map((repo) => repo.git.close()));
    if (this.#ownsDataDir) await rm(this.dataDir, { recursive: true, force: true });
  }
}
