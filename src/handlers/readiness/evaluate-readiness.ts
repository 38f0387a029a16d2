import { configCheckName, gateNames, reviewCheckName } from "../../core/check-names.js";
import { rulesNotBypassed, taskBranchProbe, type BranchRule } from "../../core/doctor/index.js";
import {
  assessReadiness,
  dateReadinessRows,
  parseReadinessRecord,
  readinessPath,
  serializeReadinessRecord,
  type DatedReadinessRow,
  type Readiness,
} from "../../core/readiness/index.js";
import { isNotFound } from "../../github/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import { createStateBranch, stateAttempts, stateOnDefaultBranch } from "../state-branch.js";

/** Readiness as evaluated now, each row with the time its result last changed. */
export interface EvaluatedReadiness extends Readiness {
  rows: DatedReadinessRow[];
  /** the default branch's head it was judged on; undefined for an empty repository */
  headSha: string | undefined;
}

/** Autopilot's own check runs judge task PRs; on the default branch they are not its CI. */
const ownChecks = new Set<string>([...gateNames, reviewCheckName, configCheckName]);

const repoKey = (ctx: ConfiguredContext): string => `${ctx.owner}/${ctx.repo}`;

/** The default branch's head; undefined for an empty repository (no branch yet). */
async function headOf(ctx: ConfiguredContext): Promise<string | undefined> {
  try {
    return await ctx.github.branchSha(ctx.defaultBranch);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The agent's workflow file, read once per commit of the branch it is dispatched on (when that is the default branch). */
async function workflowText(ctx: ConfiguredContext, headSha: string | undefined): Promise<string | undefined> {
  const { dispatch } = ctx.config;
  if (dispatch.target !== "workflow_dispatch") return undefined;
  const path = `.github/workflows/${dispatch.workflow}`;
  const ref = dispatch.ref ?? ctx.defaultBranch;
  if (ref !== ctx.defaultBranch || headSha === undefined) return ctx.github.readFile(path, ref);
  const key = `${repoKey(ctx)}@${headSha}:${path}`;
  const known = ctx.services.readiness.workflow(key);
  if (known) return known.text;
  const text = await ctx.github.readFile(path, headSha);
  ctx.services.readiness.keepWorkflow(key, text);
  return text;
}

/**
 * The state branch's protection and rulesets, and the rulesets on task branches, read again after
 * `protectionReadMs`; the rules of a ruleset the app may bypass (GitHub says so per ruleset) left out.
 */
async function protectionOf(ctx: ConfiguredContext, now: number) {
  const memory = ctx.services.readiness;
  const known = memory.protection(repoKey(ctx), now);
  if (known) return known;
  const branch = ctx.config.state_branch;
  // the summary only: the full rules need `administration: read`, which the app never asks for
  const [protection, rules, taskRules] = await Promise.all([
    ctx.github.branchSummary(branch),
    ctx.github.branchRules(branch),
    ctx.github.branchRules(taskBranchProbe(ctx.config.branch_prefix)),
  ]);
  // a ruleset whose bypass list lets the app through refuses none of its pushes: asked of each one
  const ids = [...new Set([...(rules ?? []), ...(taskRules ?? [])].flatMap((rule) => rule.ruleset_id ?? []))];
  const bypass = new Map(await Promise.all(ids.map(async (id) => [id, await ctx.github.rulesetBypass(id)] as const)));
  const applied = (read: BranchRule[] | undefined) => (read === undefined ? undefined : rulesNotBypassed(read, bypass));
  const read = { at: now, protection, rules: applied(rules), taskRules: applied(taskRules) };
  memory.keepProtection(repoKey(ctx), read);
  return read;
}

/**
 * Writes the dated rows to `ops/readiness.json` on the state branch when a result changed (one CAS
 * commit, dated against the file as it is then). Not on the default branch (a commit there would
 * start its CI); a state branch that does not exist yet is created only while a row fails (tasks
 * may be held: the owner wants to know since when), else the dates stay in memory until it exists.
 * `since` is a display: a write that fails is logged, and holds nothing.
 */
async function recordRows(ctx: ConfiguredContext, readiness: Readiness, now: string): Promise<void> {
  if (stateOnDefaultBranch(ctx, ctx.config)) return;
  const memory = ctx.services.readiness;
  try {
    await ctx.github.commitFiles({
      branch: ctx.config.state_branch,
      message: "autopilot: readiness changed",
      maxAttempts: stateAttempts,
      ...(readiness.ready ? {} : { createBranch: () => createStateBranch(ctx, ctx.config) }),
      update: async (read) => {
        const current = parseReadinessRecord(await read(readinessPath));
        const dated = dateReadinessRows(current, readiness.rows, now);
        memory.keepRecord(repoKey(ctx), dated.record);
        return dated.changed ? { [readinessPath]: serializeReadinessRecord(dated.record) } : null;
      },
    });
  } catch (error) {
    if (!isNotFound(error)) ctx.log.warn({ err: error }, `${readinessPath} not written: its dates stay in memory`);
  }
}

/** How long after this instance merged a commit an informational evaluation takes its CI as not reported yet. */
export const justMergedMs = 2 * 60_000;

export interface EvaluateReadinessOptions {
  /**
   * For a display only (the dashboard's refresh after a transition), never for a decision: when
   * the head is the commit this instance merged less than `justMergedMs` ago and no evaluation
   * read its checks yet, its statuses and check runs are not read and CI shows as pending there
   * (right after a merge its CI has not finished; the next sweep, and every dispatch, read them).
   */
  display?: boolean;
  /**
   * For a display only: the default branch's head as the job knows it (the merge it just made), not
   * read again. Right after that merge its CI shows as pending (see `display`).
   */
  headSha?: string;
}

/** Pages of statuses and of check runs read on the default branch's head: 1,000 results of each. */
const readinessPages = 10;

/**
 * The repository's readiness now. Costs, per evaluation: the default branch's head (1 request),
 * its commit statuses and check runs (1 each, more only past 100 of them; none for a display
 * right after this instance's merge); the agent's workflow once per head commit; the state branch's protection and rulesets
 * and the task branches' rulesets (and, per ruleset found, whether the app may bypass it) once per
 * `protectionReadMs`; the installation's permissions from its token (none);
 * `ops/readiness.json` once per instance, and a commit only when a row's result changed.
 */
export async function evaluateReadiness(
  ctx: ConfiguredContext,
  login: string,
  at = new Date(),
  options: EvaluateReadinessOptions = {},
): Promise<EvaluatedReadiness> {
  const { github } = ctx;
  const memory = ctx.services.readiness;
  const headSha = options.display === true && options.headSha !== undefined ? options.headSha : await headOf(ctx);
  const mergedAt = headSha === undefined ? undefined : ctx.services.knownCommits.mergedAt(repoKey(ctx), headSha);
  // once an evaluation read this head's checks (a dispatch that held a task, say), a display shows them too
  const justMerged =
    options.display === true &&
    mergedAt !== undefined &&
    at.getTime() - mergedAt < justMergedMs &&
    memory.checksRead(repoKey(ctx)) !== headSha;
  const unread = headSha === undefined || justMerged;
  if (headSha !== undefined && !justMerged) memory.keepChecksRead(repoKey(ctx), headSha);
  const [statuses, runs, workflow, protection, granted] = await Promise.all([
    // past the first page while pages are full: anyone with write access may post a hundred green
    // results after a red one, so that the first page never shows it
    unread ? [] : github.listCommitStatuses(headSha, readinessPages),
    unread ? [] : github.listCheckRuns(headSha, { maxPages: readinessPages }),
    workflowText(ctx, headSha),
    protectionOf(ctx, at.getTime()),
    github.installationPermissions(),
  ]);
  const readiness = assessReadiness({
    defaultBranch: ctx.defaultBranch,
    headSha: headSha ?? "",
    config: { ok: true, config: ctx.config },
    workflowText: workflow,
    stateProtection: protection.protection,
    stateRules: protection.rules,
    taskRules: protection.taskRules,
    granted,
    statuses,
    runs,
    ownCheck: (name) => ownChecks.has(name),
    justMerged,
    appLogin: login,
  });
  const now = at.toISOString();
  const record =
    memory.record(repoKey(ctx)) ?? parseReadinessRecord(await github.readFile(readinessPath, ctx.config.state_branch));
  const dated = dateReadinessRows(record, readiness.rows, now);
  memory.keepRecord(repoKey(ctx), dated.record);
  if (dated.changed) await recordRows(ctx, readiness, now);
  const rows = dateReadinessRows(memory.record(repoKey(ctx)) ?? dated.record, readiness.rows, now).rows;
  return { ...readiness, rows, headSha };
}
