import { join } from "node:path";
import { GitStore } from "../git/index.js";
import { SandboxApiError } from "../sandbox-api-error.js";
import type { IssueState, LabelState, RepoPermission, RepoState } from "./repo-state.js";
import { legacyNodeId, type SandboxUser } from "./sandbox-user.js";
import { checkDiffLimits, diffLimiter, type DiffLimits } from "./diff-limits.js";
import type { ComparedFile } from "../git/index.js";
import { defaultMergeSettings } from "./merge-settings.js";
import { isSuspended, notSuspended, type InstallationSuspension } from "./installation-suspension.js";

export interface SandboxAppInfo {
  id: number;
  slug: string;
  name: string;
  /** the account that registered the app */
  ownerLogin: string;
  /** what the app shows of itself; the sandbox's own app reads these from app.yml */
  description?: string | null;
  externalUrl?: string;
  /** what its installation grants (the sandbox's own app: app.yml's `default_permissions`) */
  permissions?: Record<string, string>;
  events?: string[];
}

/**
 * Another GitHub App installed on the same account, such as GitHub Actions: its installation
 * tokens (a workflow's `GITHUB_TOKEN`) act as `<slug>[bot]`, and the check runs it creates are
 * its own, in its own check suites. It receives no webhooks.
 */
export interface OtherInstallation {
  app: SandboxAppInfo;
  id: number;
}

/**
 * GitHub Actions as GitHub registers it (the id is GitHub's own), with what a workflow's
 * `GITHUB_TOKEN` may be given.
 */
export const githubActionsApp: Readonly<SandboxAppInfo> = {
  id: 15368,
  slug: "github-actions",
  name: "GitHub Actions",
  ownerLogin: "github",
  description: "Automate your workflow from idea to production",
  externalUrl: "https://help.github.com/en/actions",
  permissions: {
    actions: "write",
    checks: "write",
    contents: "write",
    issues: "write",
    metadata: "read",
    pull_requests: "write",
    statuses: "write",
  },
  events: ["check_run", "check_suite", "push", "pull_request", "workflow_dispatch"],
};

export interface SandboxStateOptions {
  /** Where repositories live on disk: `<dataDir>/<owner>/<name>.git`. */
  dataDir: string;
  app: SandboxAppInfo;
  installationId: number;
  /** The account the app is installed on; every repository it owns is part of the installation. */
  installationAccount: string;
  /** What the installation grants, when it is not app.yml's `default_permissions`. */
  installationPermissions?: Record<string, string>;
  /** Milliseconds since the epoch. */
  now?: () => number;
  /**
   * Answer `mergeable: null` on the first read of a pull request after its head or base moved,
   * as GitHub does while it computes the test merge; the next read has it.
   */
  lazyMergeable?: boolean;
  /** How much diff one answer shows; GitHub's limits (`githubDiffLimits`) for what is not given. */
  diffLimits?: Partial<DiffLimits>;
}

/** GitHub's plans, as far as the sandbox tells them apart. */
export type AccountPlan = "free" | "pro" | "team" | "enterprise";

export interface CreateRepoOptions {
  description?: string | null;
  private?: boolean;
  defaultBranch?: string;
}

/** GitHub's default labels for a new repository. */
const defaultLabels: Omit<LabelState, "id" | "nodeId">[] = [
  { name: "bug", color: "d73a4a", description: "Something isn't working", default: true },
  { name: "documentation", color: "0075ca", description: "Improvements or additions to documentation", default: true },
  { name: "enhancement", color: "a2eeef", description: "New feature or request", default: true },
  { name: "question", color: "d876e3", description: "Further information is requested", default: true },
];

const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * Everything the sandbox knows beyond git: accounts, repositories and their issues, pull requests,
 * labels, comments, reviews, checks and reactions. One instance per sandbox; handlers read and
 * change it, and the event publisher turns changes into webhooks.
 */
export class SandboxState {
  readonly dataDir: string;
  readonly app: SandboxAppInfo;
  readonly installation: {
    id: number;
    account: SandboxUser;
    createdAt: string;
    /** moves with a suspension or its lifting, as GitHub's record is updated */
    updatedAt: string;
    permissions?: Record<string, string>;
    suspension: InstallationSuspension;
  };
  readonly #now: () => number;
  readonly #lazyMergeable: boolean;
  #diffLimits: DiffLimits;
  readonly #users = new Map<string, SandboxUser>();
  readonly #repos = new Map<string, RepoState>();
  /** by installation id */
  readonly #otherInstallations = new Map<number, OtherInstallation>();
  /** lower-cased logins of the accounts that administer the (GitHub Enterprise Server) instance */
  readonly #siteAdmins = new Set<string>();
  /** lower-cased logins of the organizations whose owner allowed members to delete issues */
  readonly #issueDeletionOrgs = new Set<string>();
  /** each account's GitHub plan, by lower-cased login; `free` when not set (`setPlan`) */
  readonly #plans = new Map<string, AccountPlan>();
  #nextId = 1000;

  constructor(options: SandboxStateOptions) {
    this.dataDir = options.dataDir;
    this.app = options.app;
    this.#now = options.now ?? Date.now;
    this.#lazyMergeable = options.lazyMergeable === true;
    this.#diffLimits = checkDiffLimits(options.diffLimits);
    const account = this.ensureUser(options.installationAccount, "Organization");
    const createdAt = this.iso();
    this.installation = {
      id: options.installationId,
      account,
      createdAt,
      updatedAt: createdAt,
      suspension: notSuspended(),
      ...(options.installationPermissions && { permissions: { ...options.installationPermissions } }),
    };
  }

  now(): number {
    return this.#now();
  }

  /** Now in GitHub's timestamp format, `2026-11-21T10:00:00Z`. */
  iso(): string {
    return isoSeconds(this.#now());
  }

  /** How much diff one `files[]` answer shows. */
  get diffLimits(): DiffLimits {
    return { ...this.#diffLimits };
  }

  /** Changes the diff limits of a running sandbox; what is not given goes back to GitHub's. */
  setDiffLimits(limits: Partial<DiffLimits>): void {
    this.#diffLimits = checkDiffLimits(limits);
  }

  /** For one `files[]` answer: each file as GitHub shows it, patch left out past the diff limits. */
  diffLimiter(): (file: ComparedFile) => ComparedFile {
    return diffLimiter(this.#diffLimits);
  }

  /** Ids are unique across every kind of object, which GitHub does not promise but never hurts. */
  nextId(): number {
    return this.#nextId++;
  }

  /** The account, created on first mention (logins are case-insensitive). */
  ensureUser(login: string, type: SandboxUser["type"] = "User"): SandboxUser {
    const key = login.toLowerCase();
    let user = this.#users.get(key);
    if (!user) {
      const id = this.nextId();
      user = { login, id, nodeId: legacyNodeId(type, id), type, name: null, email: null };
      this.#users.set(key, user);
    }
    return user;
  }

  /**
   * Puts `login`'s account on a GitHub plan. Every account starts on `free` (GitHub Free, or Free
   * for organizations), where GitHub holds back what the paid plans add: draft pull requests in
   * private repositories among them (`draftsAvailable`).
   */
  setPlan(login: string, plan: AccountPlan): void {
    this.ensureUser(login);
    this.#plans.set(login.toLowerCase(), plan);
  }

  planOf(login: string): AccountPlan {
    return this.#plans.get(login.toLowerCase()) ?? "free";
  }

  /** Makes `login` a site administrator: it may create accounts and tokens (`/admin/...`). */
  makeSiteAdmin(login: string): void {
    this.ensureUser(login);
    this.#siteAdmins.add(login.toLowerCase());
  }

  isSiteAdmin(login: string): boolean {
    return this.#siteAdmins.has(login.toLowerCase());
  }

  /**
   * The organization setting "Allow members to delete issues for this organization", which GitHub
   * leaves off: until an owner turns it on, nobody can delete an issue in the organization's
   * repositories. GitHub has no REST endpoint for it; tests set it here.
   */
  setMembersCanDeleteIssues(org: string, allowed: boolean): void {
    if (allowed) this.#issueDeletionOrgs.add(org.toLowerCase());
    else this.#issueDeletionOrgs.delete(org.toLowerCase());
  }

  membersCanDeleteIssues(org: string): boolean {
    return this.#issueDeletionOrgs.has(org.toLowerCase());
  }

  getUser(login: string): SandboxUser | undefined {
    return this.#users.get(login.toLowerCase());
  }

  /** The app's bot account, `<slug>[bot]`, which installation tokens act as (`app`: another app's). */
  appBot(app: SandboxAppInfo = this.app): SandboxUser {
    return this.ensureUser(`${app.slug}[bot]`, "Bot");
  }

  /**
   * Suspends the app's installation, by the app itself (its JWT) or by an owner of the account
   * (`by`). Suspending again moves the app's timestamp, as GitHub's `suspend!` does.
   */
  suspendInstallation(by: "app" | SandboxUser): void {
    const at = this.iso();
    const { suspension } = this.installation;
    if (by === "app") suspension.byApp = { at };
    else suspension.byOwner = { at, by };
    this.installation.updatedAt = at;
  }

  /** Lifts the app's own suspension or an owner's; the other one, if set, still holds. */
  unsuspendInstallation(by: "app" | "owner"): void {
    const { suspension } = this.installation;
    if (by === "app") suspension.byApp = null;
    else suspension.byOwner = null;
    this.installation.updatedAt = this.iso();
  }

  /** Whether the app's installation is suspended: no tokens, no deliveries for its repositories. */
  isInstallationSuspended(): boolean {
    return isSuspended(this.installation.suspension);
  }

  /** Installs another app on the installation's account (one installation per app). */
  installOtherApp(app: SandboxAppInfo): OtherInstallation {
    const existing = [...this.#otherInstallations.values()].find((other) => other.app.id === app.id);
    if (existing) return existing;
    if (app.id === this.app.id) throw new Error(`SandboxState: ${app.slug} is the sandbox's own app`);
    const installation = { app, id: this.nextId() };
    this.#otherInstallations.set(installation.id, installation);
    this.ensureUser(app.ownerLogin, "Organization");
    return installation;
  }

  /** The app an installation belongs to; undefined for an installation the sandbox does not know. */
  appOfInstallation(installationId: number): SandboxAppInfo | undefined {
    if (installationId === this.installation.id) return this.app;
    return this.#otherInstallations.get(installationId)?.app;
  }

  /** The sandbox's own app or an installed other app, by app id. */
  appById(appId: number): SandboxAppInfo | undefined {
    if (appId === this.app.id) return this.app;
    return [...this.#otherInstallations.values()].find((other) => other.app.id === appId)?.app;
  }

  /** The sandbox's own app or an installed other app, by slug (GitHub's slugs are lower case). */
  appBySlug(slug: string): SandboxAppInfo | undefined {
    const key = slug.toLowerCase();
    if (this.app.slug.toLowerCase() === key) return this.app;
    return [...this.#otherInstallations.values()].find((other) => other.app.slug.toLowerCase() === key)?.app;
  }

  async createRepo(ownerLogin: string, name: string, options: CreateRepoOptions = {}): Promise<RepoState> {
    const fullName = `${ownerLogin}/${name}`;
    if (this.#repos.has(fullName.toLowerCase())) {
      throw new SandboxApiError(422, `Repository creation failed: name already exists on this account`);
    }
    const owner = this.ensureUser(ownerLogin, ownerLogin === this.installation.account.login ? "Organization" : "User");
    const git = await GitStore.init(join(this.dataDir, ownerLogin, `${name}.git`), {
      defaultBranch: options.defaultBranch ?? "main",
    });
    const id = this.nextId();
    const now = this.iso();
    const repo: RepoState = {
      id,
      nodeId: legacyNodeId("Repository", id),
      owner,
      name,
      fullName,
      description: options.description ?? null,
      private: options.private ?? false,
      createdAt: now,
      updatedAt: now,
      pushedAt: now,
      archivedAt: null,
      defaultBranch: options.defaultBranch ?? "main",
      git,
      nextNumber: 1,
      issues: new Map(),
      labels: new Map(),
      comments: new Map(),
      reviews: new Map(),
      reviewComments: new Map(),
      issueEvents: [],
      checkSuites: new Map(),
      checkRuns: new Map(),
      collaborators: new Map(),
      invitations: new Map(),
      reactions: new Map(),
      statuses: [],
      workflowDispatches: [],
      workflowRuns: new Map(),
      protections: new Map(),
      rulesets: new Map(),
      mergeSettings: defaultMergeSettings(),
      ...(this.#lazyMergeable ? { mergeabilityComputed: new Set<string>() } : {}),
    };
    for (const label of defaultLabels) this.addLabel(repo, label);
    this.#repos.set(fullName.toLowerCase(), repo);
    return repo;
  }

  /**
   * `POST /repos/{owner}/{repo}/forks`: `ownerLogin`'s copy of `source`, with its branches, which
   * the new owner may push to. The app's installation does not cover it, as on GitHub.
   */
  async forkRepo(source: RepoState, ownerLogin: string): Promise<RepoState> {
    const existing = this.getRepo(ownerLogin, source.name);
    if (existing?.parent === source) return existing;
    const fork = await this.createRepo(ownerLogin, source.name, {
      description: source.description,
      defaultBranch: source.defaultBranch,
    });
    fork.parent = source;
    await fork.git.fetchFrom(source.git, ["+refs/heads/*:refs/heads/*"]);
    return fork;
  }

  addLabel(repo: RepoState, label: Omit<LabelState, "id" | "nodeId">): LabelState {
    const id = this.nextId();
    const created: LabelState = { ...label, id, nodeId: legacyNodeId("Label", id) };
    repo.labels.set(label.name.toLowerCase(), created);
    return created;
  }

  /**
   * A new open issue, numbered next in the repository. `fields` may carry more of the issue, such
   * as the pull request a new pull request's issue holds.
   */
  addIssue<Fields extends Pick<IssueState, "title" | "body" | "user" | "labels" | "assignees"> & Partial<IssueState>>(
    repo: RepoState,
    fields: Fields,
  ): IssueState & Fields {
    const id = this.nextId();
    const now = this.iso();
    const issue = {
      id,
      nodeId: legacyNodeId("Issue", id),
      number: repo.nextNumber++,
      state: "open" as const,
      stateReason: null,
      locked: false,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
      ...fields,
    };
    repo.issues.set(issue.number, issue);
    return issue;
  }

  getRepo(owner: string, name: string): RepoState | undefined {
    return this.#repos.get(`${owner}/${name}`.toLowerCase());
  }

  repos(): RepoState[] {
    return [...this.#repos.values()];
  }

  /** Whether the installation covers the repository: every repository of the account it is on. */
  isInstalledOn(repo: RepoState): boolean {
    return repo.owner.id === this.installation.account.id;
  }

  /** What `login` may do in `repo`: the owner (or a member of the owning organization) is admin. */
  permissionOf(repo: RepoState, login: string): RepoPermission | "none" {
    if (login.toLowerCase() === repo.owner.login.toLowerCase()) return "admin";
    return repo.collaborators.get(login.toLowerCase()) ?? "none";
  }

  setPermission(repo: RepoState, login: string, permission: RepoPermission): void {
    this.ensureUser(login);
    repo.collaborators.set(login.toLowerCase(), permission);
  }
}
