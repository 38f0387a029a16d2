import type { AuthRegistry, Principal } from "../auth/index.js";
import type { EventSink } from "../events/index.js";
import type { SandboxRequest, SandboxResponse } from "../http/index.js";
import { SandboxHttpError } from "../http/index.js";
import { linksFor, type Links } from "../represent/index.js";
import type {
  CheckSuiteState,
  IssueState,
  MergeQueueEntryState,
  RepoState,
  SandboxAppInfo,
  SandboxState,
  SandboxUser,
} from "../state/index.js";
import type { WebhookDispatcher } from "../webhooks/index.js";
import { refuseArchivedWrite } from "./refuse-archived-write.js";

/** A branch or tag moved: what `RestContext.refMoved` needs to tell the world. */
export interface RefMove {
  /** fully qualified: `refs/heads/main` */
  ref: string;
  /** undefined when the ref was created */
  before: string | undefined;
  /** undefined when the ref was deleted */
  after: string | undefined;
  forced: boolean;
  sender: SandboxUser;
}

/** The merge queues of every repository's branches (`src/queue/merge-queue.ts`). */
export interface MergeQueueService {
  /** the pull request's entry while it is in its base's queue */
  entryOf(repo: RepoState, pullNumber: number): MergeQueueEntryState | undefined;
  /** 1 for the entry at the front */
  positionOf(repo: RepoState, entry: MergeQueueEntryState): number;
  /** GraphQL's `MergeQueueEntryState` */
  stateOf(repo: RepoState, entry: MergeQueueEntryState): "QUEUED" | "AWAITING_CHECKS" | "MERGEABLE" | "UNMERGEABLE";
  /** appends the pull request to its base's queue (`pull_request.enqueued`); the checks are the caller's */
  enqueue(repo: RepoState, issue: IssueState, sender: SandboxUser): MergeQueueEntryState;
  /** looks at the repository's queues again: its rulesets or branch protection changed */
  reconsider(repo: RepoState): void;
  /** takes it out (`reason` MANUAL), once the queue's work so far is done */
  dequeue(repo: RepoState, entry: MergeQueueEntryState, sender: SandboxUser): Promise<void>;
}

/** What every REST handler works with. */
export interface RestContext {
  state: SandboxState;
  auth: AuthRegistry;
  events: EventSink;
  deliveries: WebhookDispatcher;
  /**
   * Call after any ref write (git refs API, contents PUT/DELETE, merge, update-branch): emits
   * `push`, moves the heads of open pull requests on that branch (`pull_request.synchronize`), and
   * creates the app's check suite for the new head (`check_suite.requested`). Resolves once the
   * state has changed; the webhooks follow in order.
   */
  refMoved(repo: RepoState, move: RefMove): Promise<void>;
  /** An app's check suite for a commit (default: the sandbox's app), created (without a webhook) when there is none. */
  ensureCheckSuite(repo: RepoState, headSha: string, headBranch: string | null, appId?: number): CheckSuiteState;
  mergeQueue: MergeQueueService;
}

/** The registration surface handlers need from `SandboxHttpServer`. */
export interface HandlerRegistry {
  register(
    operationId: string,
    handler: (request: SandboxRequest) => Promise<import("../http/index.js").SandboxResponse>,
  ): void;
  /** a download outside the API that a redirect points at (`SandboxHttpServer.registerDownload`) */
  registerDownload?(prefix: string, handler: (path: string) => SandboxResponse): void;
}

/** Installation permission names, as in app.yml and GitHub's `permissions` objects. */
export type PermissionName =
  | "metadata"
  | "contents"
  | "issues"
  | "pull_requests"
  | "checks"
  | "statuses"
  | "actions"
  | "administration"
  | "merge_queues";

export interface RepoAccess {
  /** what an installation token needs; `issues` routes also accept `pull_requests` on PRs, as GitHub does */
  permission: PermissionName | PermissionName[];
  write: boolean;
}

const notFound = (): SandboxHttpError => new SandboxHttpError(404, "Not Found");
const writeLevels = new Set(["admin", "maintain", "write"]);

/**
 * The repository named by `{owner}/{repo}`, when the caller may use it as `access` says: GitHub
 * answers 404 for a repository the caller cannot see, and 403 "Resource not accessible by
 * integration" (installation) or "Must have push access to this repository." (user) for a write
 * the caller's permissions do not allow. Once the caller may use it, a write to an archived
 * repository is refused (`refuseArchivedWrite`): every REST write and GraphQL mutation on a
 * repository's objects resolves it here.
 */
export function requireRepo(ctx: RestContext, request: SandboxRequest, access: RepoAccess): RepoState {
  const repo = ctx.state.getRepo(String(request.params.owner), String(request.params.repo));
  if (!repo) throw notFound();
  const { principal } = request;
  if (principal.kind === "installation") {
    if (!ctx.state.appOfInstallation(principal.installationId) || !ctx.state.isInstalledOn(repo)) throw notFound();
    if (
      principal.repositories &&
      !principal.repositories.some(
        (name) => name.toLowerCase() === repo.fullName.toLowerCase() || name.toLowerCase() === repo.name.toLowerCase(),
      )
    ) {
      throw notFound();
    }
    const names = Array.isArray(access.permission) ? access.permission : [access.permission];
    const allowed = names.some((name) => {
      const level = name === "metadata" ? "read" : principal.permissions[name];
      return level === "write" || level === "admin" || (!access.write && level === "read");
    });
    if (!allowed) throw new SandboxHttpError(403, "Resource not accessible by integration");
    refuseArchivedWrite(repo, request);
    return repo;
  }
  if (principal.kind === "user") {
    const permission = ctx.state.permissionOf(repo, principal.login);
    if (permission === "none" && repo.private) throw notFound();
    if (access.write && !writeLevels.has(permission)) {
      throw new SandboxHttpError(403, "Must have push access to this repository.");
    }
    refuseArchivedWrite(repo, request);
    return repo;
  }
  throw new SandboxHttpError(403, "Resource not accessible by integration");
}

/** The account a principal acts as: a user token's user, an installation token's `<slug>[bot]`. */
export function actorOf(ctx: RestContext, principal: Principal): SandboxUser {
  if (principal.kind === "user") return ctx.state.ensureUser(principal.login);
  return ctx.state.appBot(appOfPrincipal(ctx, principal));
}

/** The app an installation token (or the app's JWT) acts for; the sandbox's own app otherwise. */
export function appOfPrincipal(ctx: RestContext, principal: Principal): SandboxAppInfo {
  if (principal.kind === "installation") return ctx.state.appOfInstallation(principal.installationId) ?? ctx.state.app;
  return ctx.state.app;
}

/** Where the caller's representations point: `/api/v3` kept if that is how the client called. */
export const linksOf = (request: SandboxRequest): Links => linksFor(request.apiUrl);

/**
 * A page of `items` per GitHub's `page`/`per_page` (the validator has filled in the defaults),
 * with GitHub's `Link` header when there is more than one page.
 */
export function paginate<T>(
  items: readonly T[],
  request: SandboxRequest,
): { body: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(request.query.per_page ?? 30)));
  const page = Math.max(1, Number(request.query.page ?? 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const body = items.slice((page - 1) * perPage, page * perPage);
  return { body, headers: linkHeader(request, perPage, page, last) };
}

/** GitHub's `Link` header for page `page` of `last`, at this request's URL; none for one page. */
export function linkHeader(
  request: SandboxRequest,
  perPage: number,
  page: number,
  last: number,
): Record<string, string> {
  if (last <= 1) return {};
  const target = new URL(request.url, "http://sandbox.invalid");
  const link = (n: number, rel: string): string => {
    target.searchParams.set("per_page", String(perPage));
    target.searchParams.set("page", String(n));
    return `<${request.apiUrl.replace(/\/api\/v3$/, "")}${target.pathname}${target.search}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, "prev"));
  if (page < last) links.push(link(page + 1, "next"));
  links.push(link(last, "last"));
  if (page > 1) links.push(link(1, "first"));
  return { link: links.join(", ") };
}

/** A `200` answer with one page of `items`, each represented by `toJson`, and GitHub's `Link` header. */
export function pagedList<T>(
  items: readonly T[],
  request: SandboxRequest,
  toJson: (item: T) => unknown,
): SandboxResponse {
  const page = paginate(items, request);
  return { status: 200, body: page.body.map(toJson), headers: page.headers };
}
