import type { SandboxRequest, SandboxResponse } from "../../http/index.js";
import { SandboxHttpError } from "../../http/index.js";
import { repositoryJson } from "../../represent/repository.js";
import { simpleStatusJson, statusJson } from "../../represent/status.js";
import { legacyNodeId, type CommitStatusState, type RepoState } from "../../state/index.js";
import {
  actorOf,
  linksOf,
  pagedList,
  paginate,
  requireRepo,
  type HandlerRegistry,
  type RestContext,
} from "../rest-context.js";
import { noCommit, requireReader, resolveCommitRef } from "./check-access.js";

/** GitHub keeps at most this many statuses per commit and context. */
const maxStatusesPerContext = 1000;

interface StatusInput {
  state: CommitStatusState["state"];
  target_url?: string | null;
  description?: string | null;
  context?: string;
}

/** Newest first, as GitHub lists them. */
const statusesAt = (repo: RepoState, sha: string): CommitStatusState[] =>
  repo.statuses.filter((status) => status.sha === sha).reverse();

/** `POST /statuses/{sha}`: what classic CI reports; announced with a `status` webhook. */
async function createStatus(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireRepo(ctx, request, { permission: "statuses", write: true });
  const ref = String(request.params.sha);
  const sha = await repo.git.resolveCommit(ref);
  if (sha === undefined) throw noCommit(ref);
  const input = request.body as StatusInput;
  const context = input.context ?? "default";
  const sameContext = repo.statuses.filter((s) => s.sha === sha && s.context.toLowerCase() === context.toLowerCase());
  if (sameContext.length >= maxStatusesPerContext) {
    throw new SandboxHttpError(422, "Validation Failed", {
      errors: [
        {
          resource: "Status",
          code: "custom",
          message: "This SHA and context has reached the maximum number of statuses.",
        },
      ],
    });
  }
  const id = ctx.state.nextId();
  const now = ctx.state.iso();
  const status: CommitStatusState = {
    id,
    nodeId: legacyNodeId("StatusContext", id),
    sha,
    state: input.state,
    context,
    description: input.description ?? null,
    targetUrl: input.target_url ?? null,
    creator: actorOf(ctx, request.principal),
    createdAt: now,
    updatedAt: now,
  };
  repo.statuses.push(status);
  ctx.events.emit({ name: "status", repo, sender: status.creator, status });
  return {
    status: 201,
    body: statusJson(repo, status, linksOf(request)),
    headers: { location: `${linksOf(request).api}/repos/${repo.fullName}/statuses/${sha}` },
  };
}

async function listStatuses(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireReader(ctx, request, "statuses");
  const sha = await resolveCommitRef(repo, String(request.params.ref));
  const links = linksOf(request);
  return pagedList(statusesAt(repo, sha), request, (status) => statusJson(repo, status, links));
}

/**
 * GitHub's combined state of the latest status per context (contexts are case-insensitive):
 * `failure` if any is `error` or `failure`, else `pending` if any is pending or there are none,
 * else `success`.
 */
function combinedState(latest: readonly CommitStatusState[]): "failure" | "pending" | "success" {
  if (latest.some((status) => status.state === "error" || status.state === "failure")) return "failure";
  if (latest.length === 0 || latest.some((status) => status.state === "pending")) return "pending";
  return "success";
}

async function combinedStatus(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireReader(ctx, request, "statuses");
  const sha = await resolveCommitRef(repo, String(request.params.ref));
  const latest = new Map<string, CommitStatusState>();
  for (const status of statusesAt(repo, sha)) {
    const key = status.context.toLowerCase();
    if (!latest.has(key)) latest.set(key, status);
  }
  const statuses = [...latest.values()];
  const links = linksOf(request);
  const { body, headers } = paginate(statuses, request);
  const url = `${links.api}/repos/${repo.fullName}/commits/${sha}`;
  return {
    status: 200,
    body: {
      state: combinedState(statuses),
      statuses: body.map((status) => simpleStatusJson(repo, status, links)),
      sha,
      total_count: statuses.length,
      repository: repositoryJson(repo, links, { defaultBranch: repo.defaultBranch }),
      commit_url: url,
      url: `${url}/status`,
    },
    headers,
  };
}

export function registerCommitStatusHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("repos/create-commit-status", (request) => createStatus(ctx, request));
  server.register("repos/list-commit-statuses-for-ref", (request) => listStatuses(ctx, request));
  server.register("repos/get-combined-status-for-ref", (request) => combinedStatus(ctx, request));
}
