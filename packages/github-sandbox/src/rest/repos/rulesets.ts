import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import type { Links } from "../../represent/index.js";
import { legacyNodeId, type RepoState, type RulesetRule, type RulesetState } from "../../state/index.js";
import { activeRulesFor, bypassOf } from "../../state/rulesets.js";
import { pushRuleTypes } from "../../state/rules/push-rules.js";
import { linksOf, paginate, requireRepo, type HandlerRegistry, type RestContext } from "../rest-context.js";
import { requireAdmin } from "./branch-protection.js";
import { bypassActorsOf } from "./ruleset-bypass-actors.js";
import { ruleWriterOf } from "./protected-push.js";
import { pullRequestRuleParameters } from "./pull-request-rule-input.js";

interface RulesetBody {
  name?: string;
  target?: string;
  enforcement?: RulesetState["enforcement"];
  bypass_actors?: unknown[];
  conditions?: { ref_name?: { include?: string[]; exclude?: string[] } } & Record<string, unknown>;
  rules?: { type: string; parameters?: Record<string, unknown> }[];
}

/** What the sandbox models of rulesets; the rest is refused rather than accepted and not enforced. */
const modelled =
  "the sandbox implements repository rulesets with target branch, bypass_actors of actor_type Integration " +
  "(an app the sandbox knows), ref_name conditions " +
  "(~DEFAULT_BRANCH, ~ALL, refs/heads/<fnmatch pattern>) and the rules merge_queue (min_entries_to_merge " +
  "at most 1), required_status_checks, pull_request (without dismissal_restriction and required_reviewers)" +
  "; and the push rules creation, update, deletion, non_fast_forward and required_linear_history";

const notModelled = (what: string): SandboxHttpError =>
  new SandboxHttpError(422, `Invalid request.\n\n${what} is not implemented: ${modelled}.`);

const invalid = (message: string): SandboxHttpError =>
  new SandboxHttpError(422, "Validation Failed", { errors: [message] });

function patternsOf(list: unknown, field: string): string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw invalid(`conditions.ref_name.${field} must be an array`);
  for (const pattern of list) {
    if (typeof pattern !== "string") throw invalid(`conditions.ref_name.${field} must hold strings`);
    if (pattern !== "~DEFAULT_BRANCH" && pattern !== "~ALL" && !pattern.startsWith("refs/heads/")) {
      throw notModelled(`The ref_name pattern "${pattern}"`);
    }
  }
  return list as string[];
}

function rulesOf(body: RulesetBody): RulesetRule[] {
  const rules = body.rules ?? [];
  const seen = new Set<string>();
  for (const rule of rules) {
    // the push rules (`src/state/rules/push-rules.ts`) take no parameters but `update`'s optional one
    if (pushRuleTypes.has(rule.type)) {
      if (seen.has(rule.type)) throw invalid(`The rule type "${rule.type}" may appear only once in a ruleset`);
      seen.add(rule.type);
      continue;
    }
    if (rule.type !== "merge_queue" && rule.type !== "required_status_checks" && rule.type !== "pull_request")
      throw notModelled(`The rule type "${rule.type}"`);
    if (seen.has(rule.type)) throw invalid(`The rule type "${rule.type}" may appear only once in a ruleset`);
    seen.add(rule.type);
    if (rule.parameters === undefined) throw invalid(`The rule "${rule.type}" needs its parameters`);
    if (rule.type === "merge_queue" && Number(rule.parameters.min_entries_to_merge) > 1)
      throw notModelled("A merge_queue with min_entries_to_merge above 1 (waiting to group entries)");
  }
  return structuredClone(rules).map((rule) =>
    rule.type === "pull_request"
      ? { type: rule.type, parameters: pullRequestRuleParameters(rule.parameters ?? {}, notModelled) }
      : rule,
  ) as unknown as RulesetRule[];
}

/** The ruleset a create or update body describes, `previous` filling in what an update leaves out. */
function rulesetFrom(
  ctx: RestContext,
  repo: RepoState,
  body: RulesetBody,
  previous: RulesetState | undefined,
): RulesetState {
  const target = body.target ?? previous?.target ?? "branch";
  if (target !== "branch") throw notModelled(`A ruleset with target "${target}"`);
  const conditions = body.conditions;
  if (conditions && Object.keys(conditions).some((key) => key !== "ref_name"))
    throw notModelled(
      `The conditions ${Object.keys(conditions)
        .filter((key) => key !== "ref_name")
        .join(", ")}`,
    );
  const name = body.name ?? previous?.name ?? "";
  const taken = [...repo.rulesets.values()].some((other) => other.name === name && other.id !== previous?.id);
  if (taken) throw invalid("Name must be unique");
  const now = ctx.state.iso();
  const id = previous?.id ?? ctx.state.nextId();
  return {
    id,
    nodeId: previous?.nodeId ?? legacyNodeId("RepositoryRuleset", id),
    name,
    target: "branch",
    enforcement: body.enforcement ?? previous?.enforcement ?? "disabled",
    include: conditions ? patternsOf(conditions.ref_name?.include, "include") : (previous?.include ?? []),
    exclude: conditions ? patternsOf(conditions.ref_name?.exclude, "exclude") : (previous?.exclude ?? []),
    rules: body.rules ? rulesOf(body) : (previous?.rules ?? []),
    bypassActors: body.bypass_actors
      ? bypassActorsOf(ctx, body.bypass_actors, notModelled, invalid)
      : (previous?.bypassActors ?? []),
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
}

function summaryJson(repo: RepoState, ruleset: RulesetState, links: Links): Record<string, unknown> {
  return {
    id: ruleset.id,
    name: ruleset.name,
    target: ruleset.target,
    source_type: "Repository",
    source: repo.fullName,
    enforcement: ruleset.enforcement,
    node_id: ruleset.nodeId,
    _links: {
      self: { href: `${links.api}/repos/${repo.fullName}/rulesets/${ruleset.id}` },
      html: { href: `${links.web}/${repo.fullName}/rules/${ruleset.id}` },
    },
    created_at: ruleset.createdAt,
    updated_at: ruleset.updatedAt,
  };
}

/**
 * A ruleset in full, as its own `GET` and the writes answer it: `bypass_actors` only to a caller who
 * may write the ruleset (GitHub's note: "to prevent leaking sensitive information"), and how the
 * caller itself may bypass it.
 */
function rulesetJson(ctx: RestContext, request: SandboxRequest, repo: RepoState, ruleset: RulesetState) {
  return {
    ...summaryJson(repo, ruleset, linksOf(request)),
    ...(mayWrite(ctx, request) ? { bypass_actors: ruleset.bypassActors } : {}),
    current_user_can_bypass: bypassOf(ruleset, ruleWriterOf(ctx, request.principal, false).appId),
    conditions: { ref_name: { include: ruleset.include, exclude: ruleset.exclude } },
    rules: ruleset.rules,
  };
}

/** Whether the caller could write the repository's rulesets (`requireAdmin` would let it). */
function mayWrite(ctx: RestContext, request: SandboxRequest): boolean {
  try {
    requireAdmin(ctx, request, true);
    return true;
  } catch (error) {
    if (error instanceof SandboxHttpError) return false;
    throw error;
  }
}

function findRuleset(repo: RepoState, request: SandboxRequest): RulesetState {
  const ruleset = repo.rulesets.get(Number(request.params.ruleset_id));
  if (!ruleset) throw new SandboxHttpError(404, "Not Found");
  return ruleset;
}

/**
 * Repository rulesets: written by administrators (an installation needs `administration: write`),
 * read by anyone who can read the repository, and `GET /rules/branches/{branch}`: the rules of
 * active rulesets that apply to a branch.
 */
export function registerRulesetHandlers(server: HandlerRegistry, ctx: RestContext): void {
  const reader = (request: SandboxRequest): RepoState =>
    requireRepo(ctx, request, { permission: "metadata", write: false });

  server.register("repos/create-repo-ruleset", async (request) => {
    const repo = requireAdmin(ctx, request, true);
    const ruleset = rulesetFrom(ctx, repo, request.body as RulesetBody, undefined);
    repo.rulesets.set(ruleset.id, ruleset);
    ctx.mergeQueue.reconsider(repo);
    return { status: 201, body: rulesetJson(ctx, request, repo, ruleset) };
  });

  server.register("repos/get-repo-rulesets", async (request) => {
    const repo = reader(request);
    const links = linksOf(request);
    const page = paginate([...repo.rulesets.values()], request);
    return { status: 200, body: page.body.map((ruleset) => summaryJson(repo, ruleset, links)), headers: page.headers };
  });

  server.register("repos/get-repo-ruleset", async (request) => {
    const repo = reader(request);
    return { status: 200, body: rulesetJson(ctx, request, repo, findRuleset(repo, request)) };
  });

  server.register("repos/update-repo-ruleset", async (request) => {
    const repo = requireAdmin(ctx, request, true);
    const ruleset = rulesetFrom(ctx, repo, request.body as RulesetBody, findRuleset(repo, request));
    repo.rulesets.set(ruleset.id, ruleset);
    ctx.mergeQueue.reconsider(repo);
    return { status: 200, body: rulesetJson(ctx, request, repo, ruleset) };
  });

  server.register("repos/delete-repo-ruleset", async (request) => {
    const repo = requireAdmin(ctx, request, true);
    repo.rulesets.delete(findRuleset(repo, request).id);
    ctx.mergeQueue.reconsider(repo);
    return { status: 204 };
  });

  server.register("repos/get-branch-rules", async (request) => {
    const repo = reader(request);
    const rules = activeRulesFor(repo, String(request.params.branch)).map(({ rule, ruleset }) => ({
      ...rule,
      ruleset_source_type: "Repository",
      ruleset_source: repo.fullName,
      ruleset_id: ruleset.id,
    }));
    const page = paginate(rules, request);
    return { status: 200, body: page.body, headers: page.headers };
  });
}
