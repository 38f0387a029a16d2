import type { Config } from "../config/index.js";
import { decisionsPath } from "../core/commands/index.js";
import { serializePauseRecord } from "../core/queue/index.js";
import { modelDecisionsPath } from "../core/gates/control-paths.js";
import {
  isAlreadyExists,
  isNotFound,
  type CommitUpdate,
  type CommitWithCasOptions,
  type CommitWithCasResult,
} from "../github/index.js";
import type { RepoContext } from "./repo-context.js";

/** What an owner's `/pause` wrote on the state branch. */
export const pausePath = "ops/pause.json";

/**
 * Attempts for a write to the state branch, where every replica writes: a busy replica can win
 * many races in a row, and a lost update must not be the price (with backoff capped at 2 s this
 * waits up to half a minute).
 */
export const stateAttempts = 15;
/**
 * ...and past them, while the waits add up to less than two minutes: a replica that wrote the
 * branch last commits in one call, so while it works through a burst of jobs another replica's
 * read-then-write loses every race (`test/e2e/queue-contention.test.ts` lost a transition so on a
 * loaded machine after 15 attempts). Each lost race is that replica's change landing.
 */
export const stateMaxWaitMs = 120_000;

type StateConfig = Pick<Config, "queue_file" | "state_branch">;

/** The files the state branch carries; the ones that exist on the default branch move there once. */
export const stateFilePaths = (config: Pick<Config, "queue_file">): string[] => [
  config.queue_file,
  decisionsPath,
  modelDecisionsPath,
];

/** Whether this repository keeps its state on the default branch (`state_branch` set to it). */
export const stateOnDefaultBranch = (ctx: RepoContext, config: Pick<Config, "state_branch">): boolean =>
  config.state_branch === ctx.defaultBranch;

function stateReadme(branch: string, defaultBranch: string, queueFile: string): string {
  return [
    "# Autopilot's state",
    "",
    `This branch holds what Autopilot records while it works: the task queue (\`${queueFile}\`), the`,
    "owners' questions and answers (`ops/decisions.jsonl`), one line per model call",
    "(`ops/model-decisions.jsonl`) and a `/pause` (`ops/pause.json`). Only the app writes here, one",
    "compare-and-swap commit per change, so `git log` on this branch is the history of every move.",
    "",
    `It is not meant to be merged into \`${defaultBranch}\`: it shares no history with it and has no`,
    "workflows, so its commits start no CI and need no review. Read it with",
    `\`git fetch origin ${branch} && git show FETCH_HEAD:${queueFile}\` or \`npx autopilot queue --ref FETCH_HEAD\`.`,
    "",
    "Do not push to it: the app reverts commits it did not make and says so on its dashboard.",
    "",
  ].join("\n");
}

async function branchExists(ctx: RepoContext, branch: string): Promise<boolean> {
  try {
    await ctx.github.branchSha(branch);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/**
 * A state file as it is now: on the state branch, or, while that branch does not exist yet (a
 * repository that has not moved since the upgrade), where earlier versions kept it, on the default
 * branch. Undefined when there is none.
 */
export async function readStateFile(
  ctx: RepoContext,
  config: Pick<Config, "state_branch" | "queue_file">,
  path: string,
): Promise<string | undefined> {
  const { github } = ctx;
  const text = await github.readFile(path, config.state_branch);
  // only the files earlier versions kept on the default branch are looked for there
  const legacy = path === decisionsPath || path === modelDecisionsPath || path === config.queue_file;
  if (text !== undefined || stateOnDefaultBranch(ctx, config) || !legacy) return text;
  if (await branchExists(ctx, config.state_branch)) return undefined;
  return github.readFile(path, ctx.defaultBranch);
}

/**
 * Creates the state branch: one commit with no parent, holding a README and the state files as
 * they are on the default branch now (read once, carried over byte for byte). A writer that finds
 * the branch created by another in the meantime leaves it as it is.
 */
export async function createStateBranch(ctx: RepoContext, config: StateConfig): Promise<void> {
  const { github, defaultBranch } = ctx;
  const carried = await Promise.all(
    stateFilePaths(config).map(async (path) => ({ path, content: await github.readFile(path, defaultBranch) })),
  );
  // every state file exists from the start (empty when there was none), so a read is one call
  const files = [
    { path: "README.md", content: stateReadme(config.state_branch, defaultBranch, config.queue_file) },
    ...carried.map(({ path, content }) => ({ path, content: content ?? "" })),
    { path: pausePath, content: serializePauseRecord({ paused: false }) },
  ];
  const moved = carried.filter(({ content }) => content !== undefined).map(({ path }) => path);
  const message = [
    `autopilot: state branch ${config.state_branch}`,
    "",
    moved.length === 0
      ? `Nothing to carry over from ${defaultBranch}.`
      : `Carried over from ${defaultBranch}: ${moved.join(", ")}.`,
    "",
  ].join("\n");
  const commit = await github.createRootCommit(message, files);
  try {
    await github.createBranch(config.state_branch, commit);
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
  }
}

export interface StateCommit {
  /** A function is called after each attempt's `update`, for a message that names what it found. */
  message: string | (() => string);
  update: CommitUpdate;
  /** a file read in the commit's own request (`CommitWithCasOptions.readAlong`) */
  readAlong?: string;
  /** the first attempt sent inside another request (`CommitWithCasOptions.carry`) */
  carry?: CommitWithCasOptions["carry"];
}

/**
 * One compare-and-swap commit to the state branch (created, with the old files carried over, on
 * the first write): re-read and re-applied when another writer got there first, never forced.
 */
export function commitState(ctx: RepoContext, config: StateConfig, commit: StateCommit): Promise<CommitWithCasResult> {
  return ctx.github.commitFiles({
    branch: config.state_branch,
    message: commit.message,
    update: commit.update,
    maxAttempts: stateAttempts,
    maxWaitMs: stateMaxWaitMs,
    ...(commit.readAlong === undefined ? {} : { readAlong: commit.readAlong }),
    ...(commit.carry === undefined ? {} : { carry: commit.carry }),
    ...(stateOnDefaultBranch(ctx, config) ? {} : { createBranch: () => createStateBranch(ctx, config) }),
  });
}
