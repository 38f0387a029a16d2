import type { AppServices } from "../../src/handlers/repo-context.js";
import { testServices } from "./test-services.js";
import type { Logger } from "probot";
import { defaultConfig, type Config } from "../../src/config/index.js";
import type { GateResult } from "../../src/core/gate-result.js";
import type { ConfiguredContext } from "../../src/handlers/repo-context.js";
import {
  planLabelChanges,
  type CarriedMutation,
  type CheckRun,
  type CommitWithCasResult,
  type GitHubPort,
  type Issue,
  type Pull,
  type RepositoryMergeSettings,
  type ReviewThread,
  type StickyComment,
} from "../../src/github/index.js";

/**
 * What a stubbed `commitFiles` hands a carrier (`CommitWithCasOptions.carry`): the commit's alias
 * with no fields of its own, since the stub applies the change itself.
 */
export const carriedCommitStub: CarriedMutation = {
  declarations: [],
  fields: [],
  variables: {},
  aliases: ["casCommit"],
  tolerated: ["casCommit"],
  onAnswer: () => undefined,
};

/** What app.yml asks for: the fake installation grants it. */
const grantedPermissions: Readonly<Record<string, string>> = {
  contents: "write",
  pull_requests: "write",
  issues: "write",
  checks: "write",
  actions: "write",
  statuses: "read",
  metadata: "read",
};

/** What the fake repository holds at the start; everything is optional. */
export interface FakeRepository {
  /** branch → path → text; `main` is the default branch */
  branches?: Record<string, Record<string, string>>;
  pulls?: Pull[];
  issues?: Issue[];
  /** issue or PR number → label names */
  labels?: Record<number, string[]>;
  /** check runs on any ref (listed by `head_sha`) */
  checkRuns?: CheckRun[];
  /** login → `admin` | `maintain` | `write` | `triage` | `read`; anyone else is not a collaborator (404) */
  permissions?: Record<string, string>;
  appId?: number;
  appSlug?: string;
  /** branches whose rules require a merge queue (a `merge_queue` rule) */
  mergeQueues?: string[];
  /** the repository's merge settings (default: every method allowed) */
  mergeSettings?: RepositoryMergeSettings;
  /** the review threads of every PR (PR number → threads) */
  reviewThreads?: Record<number, ReviewThread[]>;
}

export interface PortCall {
  op: keyof GitHubPort;
  args: unknown[];
}

/** A comment as the fake keeps it: the sticky key it was written under, and who wrote it. */
export interface FakeComment extends StickyComment {
  issueNumber: number;
  key: string;
  author: string | undefined;
}

/** The fake's state after the handler ran: what a user would see on GitHub. */
export interface FakeGitHubState {
  branches: Map<string, Map<string, string>>;
  comments: FakeComment[];
  labels: Map<number, Set<string>>;
  issuesCreated: Array<{ number: number; title: string; body: string }>;
  issueUpdates: Array<{ number: number; update: object }>;
  checksPublished: Array<{ headSha: string; result: GateResult }>;
  workflowsDispatched: Array<{ workflow: string | number; ref: string; inputs: Record<string, string> }>;
  commits: Array<{ branch: string; message: string; files: Record<string, string | null> }>;
  /** the merge queue's entries: PR number → the head queued (a test removes one to model a dequeue) */
  mergeQueue: Map<number, string>;
  /** review threads by PR number; `resolveReviewThreads` marks them resolved */
  reviewThreads: Map<number, ReviewThread[]>;
}

export type FakeGitHub = GitHubPort & {
  calls: PortCall[];
  state: FakeGitHubState;
  callsTo(op: keyof GitHubPort): unknown[][];
};

/** An error shaped as Octokit's `RequestError`: handlers branch on `status`. */
export function githubError(
  status: number,
  message: string,
): Error & { status: number; response: { data: { message: string } } } {
  return Object.assign(new Error(message), { status, response: { data: { message } } });
}

const notStubbed = (op: string) => () => {
  throw new Error(`not stubbed: ${op}`);
};

/**
 * An in-memory GitHub for one repository, as the handlers see it through `GitHubPort`: branches
 * with files (compare-and-swap commits apply their update to them), pull requests, issues,
 * comments by sticky key, labels, check runs and permissions. Every call is recorded; an operation
 * the fake does not model throws "not stubbed: <op>" unless `stubs` answers it.
 */
export function fakeGitHubPort(repository: FakeRepository = {}, stubs: Partial<GitHubPort> = {}): FakeGitHub {
  const appId = repository.appId ?? 1;
  const appSlug = repository.appSlug ?? "autopilot";
  const branches = new Map(
    Object.entries(repository.branches ?? {}).map(([name, files]) => [name, new Map(Object.entries(files))]),
  );
  const roots = new Map<string, Map<string, string>>();
  const pulls = new Map((repository.pulls ?? []).map((pull) => [pull.number, structuredClone(pull)]));
  const issues = new Map((repository.issues ?? []).map((issue) => [issue.number, structuredClone(issue)]));
  const runs = [...(repository.checkRuns ?? [])];
  const state: FakeGitHubState = {
    branches,
    comments: [],
    labels: new Map(Object.entries(repository.labels ?? {}).map(([number, names]) => [Number(number), new Set(names)])),
    issuesCreated: [],
    issueUpdates: [],
    checksPublished: [],
    workflowsDispatched: [],
    commits: [],
    mergeQueue: new Map(),
    reviewThreads: new Map(
      Object.entries(repository.reviewThreads ?? {}).map(([number, threads]) => [
        Number(number),
        structuredClone(threads),
      ]),
    ),
  };
  const queued = (base: string) => (repository.mergeQueues ?? []).includes(base);
  let nextNumber = 1000;
  let nextId = 1;
  const branch = (name: string) => {
    const files = branches.get(name);
    if (!files) throw githubError(404, `Branch not found: ${name}`);
    return files;
  };
  const labelsOf = (number: number) => state.labels.get(number) ?? state.labels.set(number, new Set()).get(number)!;
  const sticky = (issueNumber: number, key: string, author?: string) =>
    state.comments.find(
      (comment) =>
        comment.issueNumber === issueNumber &&
        comment.key === key &&
        (author === undefined || comment.author === author),
    );

  const modelled: Partial<GitHubPort> = {
    // a branch's "sha" names the branch: a branch created from it starts with its files
    branchSha: async (name) => (branch(name), `head-of:${name}`),
    createBranch: async (name, sha) => {
      if (branches.has(name)) throw githubError(422, "Reference already exists");
      branches.set(name, new Map(roots.get(sha) ?? branches.get(sha.replace(/^head-of:/, "")) ?? []));
    },
    createRootCommit: async (_message, files) => {
      const sha = `root-${roots.size + 1}`;
      roots.set(sha, new Map(files.map((file) => [file.path, file.content])));
      return sha;
    },
    readFile: async (path, ref = "main") => branches.get(ref)?.get(path),
    // the fake's pull requests have no commits of their own: none older than a first read's 100
    readEarlierPullRuns: async ({ later }) => [...later],
    // the fake's instance knows no repository node id: a task starts through the REST calls
    startTaskBranch: async () => undefined,
    commitFiles: async (options): Promise<CommitWithCasResult> => {
      if (!branches.has(options.branch)) {
        if (!options.createBranch) throw githubError(404, `Branch not found: ${options.branch}`);
        await options.createBranch();
      }
      const files = branch(options.branch);
      const changes = await options.update(async (path) => files.get(path));
      if (changes === null) return { sha: undefined, attempts: 1 };
      for (const [path, text] of Object.entries(changes)) {
        if (text === null) files.delete(path);
        else files.set(path, text);
      }
      const message = typeof options.message === "function" ? options.message() : options.message;
      state.commits.push({ branch: options.branch, message, files: changes });
      return { sha: `commit-${state.commits.length}`, attempts: 1 };
    },

    listCheckRuns: async (ref, filter = {}) => {
      const found = runs.filter(
        (run) =>
          run.head_sha === ref &&
          (filter.checkName === undefined || run.name === filter.checkName) &&
          (filter.appId === undefined || run.app?.id === filter.appId),
      );
      // newest first, as GitHub lists them
      return found.reverse().slice(0, filter.limit ?? found.length);
    },
    publishCheck: async (headSha, result) => {
      state.checksPublished.push({ headSha, result });
      const id = nextId++;
      runs.push({
        id,
        name: result.name,
        status: "completed",
        conclusion: result.conclusion,
        head_sha: headSha,
        check_suite: null,
        app: { id: appId, slug: appSlug },
        output: { title: result.title, summary: result.summary },
      });
      return id;
    },
    listCommitStatuses: async () => [],

    getPull: async (number) => {
      const pull = pulls.get(number);
      if (!pull) throw githubError(404, "Not Found");
      return structuredClone(pull);
    },
    // a base with a merge queue refuses the merge as GitHub does; any other merge is the test's to stub
    mergePull: async (number) => {
      const pull = pulls.get(number);
      if (pull && queued(pull.base.ref)) throw githubError(405, "Changes must be made through the merge queue");
      throw new Error("not stubbed: mergePull");
    },
    // GitHub's refusals (GraphQL errors) as `refused`, with words of GitHub's kind
    enqueuePull: async (nodeId, expectedHeadOid) => {
      const pull = [...pulls.values()].find((item) => item.node_id === nodeId);
      if (!pull) return { kind: "refused", message: `Could not resolve to a node with the global id of '${nodeId}'` };
      if (!queued(pull.base.ref)) return { kind: "refused", message: "Merge queue is not enabled for this branch" };
      if (pull.state !== "open" || pull.draft) return { kind: "refused", message: "Pull request is not mergeable" };
      if (pull.head.sha !== expectedHeadOid) return { kind: "refused", message: "Expected head oid does not match" };
      if (state.mergeQueue.has(pull.number)) return { kind: "refused", message: "Pull request is already queued" };
      state.mergeQueue.set(pull.number, pull.head.sha);
      return { kind: "queued", state: "QUEUED", position: state.mergeQueue.size, headOid: pull.head.sha };
    },
    mergeQueueEntry: async (number) => {
      const head = state.mergeQueue.get(number);
      if (head === undefined) return undefined;
      return { state: "AWAITING_CHECKS", position: [...state.mergeQueue.keys()].indexOf(number) + 1, headOid: head };
    },
    // a GitHub that does not know `isMergeQueueEnabled` unless a test says otherwise: the rules decide
    mergeQueueEnabled: async () => undefined,
    convertToDraft: async (nodeId) => {
      for (const pull of pulls.values()) if (pull.node_id === nodeId) pull.draft = true;
    },
    listReviews: async () => [],
    listIssueEvents: async () => [],
    issueBodyEdit: async () => undefined,
    issueBodyEditsSince: async () => [],
    reviewThreads: async (number) => structuredClone(state.reviewThreads.get(number) ?? []),
    resolveReviewThreads: async (ids) => {
      const threads = [...state.reviewThreads.values()].flat().filter((thread) => ids.includes(thread.id));
      for (const thread of threads) thread.isResolved = true;
      return threads.map((thread) => thread.id);
    },

    getIssue: async (number) => {
      const issue = issues.get(number);
      if (!issue) throw githubError(404, "Not Found");
      return structuredClone(issue);
    },
    createIssue: async ({ title, body }) => {
      const number = nextNumber++;
      state.issuesCreated.push({ number, title, body });
      return { number, node_id: `I_${number}`, html_url: `https://github.com/acme/widgets/issues/${number}` };
    },
    createIssues: async (_repositoryId, opening) =>
      opening.map(({ title, body }) => {
        const number = nextNumber++;
        state.issuesCreated.push({ number, title, body });
        return { number, node_id: `I_${number}` };
      }),
    // as the adapter: the closing comment, the close (completed) and the labels, in that order
    finishIssue: async ({ number, comment, mirror, deleteBranch }) => {
      if (deleteBranch !== undefined) branches.delete(deleteBranch);
      const id = nextId++;
      const url = `https://github.com/acme/widgets/issues/${number}#issuecomment-${id}`;
      state.comments.push({ id, url, body: comment, issueNumber: number, key: "", author: `${appSlug}[bot]` });
      await modelled.updateIssue?.(number, { state: "closed", state_reason: "completed" });
      return (await modelled.mirrorStateLabels?.(mirror)) ?? [];
    },
    updateIssue: async (number, update) => {
      state.issueUpdates.push({ number, update });
      // an issue the repository was not seeded with is one GitHub has: the fake knows it from now on
      const issue = issues.get(number) ?? {
        number,
        node_id: `I_${number}`,
        title: `Issue ${number}`,
        body: "",
        state: "open",
        updated_at: "2026-01-01T00:00:00Z",
        html_url: `https://github.com/acme/widgets/issues/${number}`,
        user: null,
        labels: [],
      };
      Object.assign(issue, update);
      issues.set(number, issue);
      return structuredClone(issue);
    },
    findSticky: async ({ issueNumber, key, author }) => sticky(issueNumber, key, author),
    findStickies: async (issueNumber, keys) =>
      new Map(keys.flatMap((key) => (sticky(issueNumber, key) ? [[key, sticky(issueNumber, key)!] as const] : []))),
    upsertSticky: async ({ issueNumber, key, author, body, known }) => {
      const existing = known === undefined ? sticky(issueNumber, key, author) : (known ?? undefined);
      if (existing === undefined) {
        const id = nextId++;
        const url = `https://github.com/acme/widgets/issues/${issueNumber}#issuecomment-${id}`;
        state.comments.push({ id, url, body, issueNumber, key, author: `${appSlug}[bot]`, nodeId: `IC_${id}` });
        return { id, url, created: true, updated: false };
      }
      const kept = state.comments.find((comment) => comment.id === existing.id)!;
      if (kept.body === body) return { id: kept.id, url: kept.url, created: false, updated: false };
      kept.body = body;
      return { id: kept.id, url: kept.url, created: false, updated: true };
    },
    // as the adapter: the comment created, edited or left as it is, and the completed check run
    publishReview: async ({ sticky: wanted, headSha, check, externalId }) => {
      const comment = await modelled.upsertSticky!({ ...wanted, known: wanted.known });
      const run = await modelled.publishCheck!(headSha, check);
      const created = runs.find((item) => item.id === run);
      if (created && externalId !== undefined) created.external_id = externalId;
      return { comment, checkRunId: `CR_${run}` };
    },
    removeLabel: async (number, name) => {
      if (!labelsOf(number).delete(name)) throw githubError(404, "Label does not exist");
    },
    // as the adapter: one request for every target; a label asked off that is not there changes nothing
    mirrorStateLabels: async (mirror) =>
      planLabelChanges(mirror).map(({ target, add, remove }) => {
        const current = labelsOf(target.number);
        for (const name of remove) current.delete(name);
        for (const name of add) current.add(name);
        return { number: target.number, added: add, removed: remove };
      }),

    permissionOf: async (login) => {
      const permission = repository.permissions?.[login];
      if (permission === undefined) throw githubError(404, `${login} is not a collaborator`);
      return {
        permission: permission === "maintain" ? "write" : permission === "triage" ? "read" : permission,
        role_name: permission,
      };
    },
    dispatchWorkflow: async (workflow, ref, inputs) => {
      state.workflowsDispatched.push({ workflow, ref, inputs });
      return undefined;
    },
    ownAppId: async () => appId,
    repositoryNodeId: async () => "R_fake_widgets",
    // readiness: an unprotected state branch, no rulesets, every permission app.yml asks for
    branchProtection: async () => ({ kind: "summary", protected: false, requiredChecks: [] }),
    branchSummary: async () => ({ kind: "summary", protected: false, requiredChecks: [] }),
    branchRules: async (name) => (queued(name) ? [{ type: "merge_queue", ruleset_id: 1 }] : []),
    // GitHub says nothing of a bypass unless a test stubs it
    rulesetBypass: async () => undefined,
    installationPermissions: async () => ({ ...grantedPermissions }),
    mergeSettings: async () =>
      repository.mergeSettings ?? { mergeCommitAllowed: true, squashMergeAllowed: true, rebaseMergeAllowed: true },
  };

  const calls: PortCall[] = [];
  const answer = (op: keyof GitHubPort) =>
    (stubs[op] ?? modelled[op] ?? notStubbed(op)) as (...args: unknown[]) => unknown;
  const port = new Proxy({} as FakeGitHub, {
    get(_target, property) {
      if (property === "calls") return calls;
      if (property === "state") return state;
      if (property === "callsTo")
        return (op: keyof GitHubPort) => calls.filter((call) => call.op === op).map((call) => call.args);
      if (typeof property !== "string" || property === "then") return undefined;
      const op = property as keyof GitHubPort;
      return (...args: unknown[]) => {
        calls.push({ op, args });
        return answer(op)(...args);
      };
    },
  });
  return port;
}

const silentLog = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {}, child: () => silentLog };

/** A handler's context on acme/widgets with the fake as its GitHub (default config unless given). */
export function contextOn(
  github: GitHubPort,
  config: Config = defaultConfig(),
  services: AppServices = testServices(),
): ConfiguredContext {
  return {
    services,
    github,
    owner: "acme",
    repo: "widgets",
    defaultBranch: "main",
    delivery: "fake-delivery",
    log: silentLog as unknown as Logger,
    config,
  };
}
