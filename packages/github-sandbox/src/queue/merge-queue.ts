import type { EventSink, SandboxEvent } from "../events/index.js";
import { closeLinkedIssues } from "../effects/close-linked-issues.js";
import { deleteMergedHead } from "../effects/delete-merged-head.js";
import { GitStoreError } from "../git/index.js";
import { commitMessage } from "../rest/pulls/merge-pull.js";
import { gitPerson, type PullIssue } from "../rest/pulls/pull-access.js";
import type { MergeQueueService, RestContext } from "../rest/rest-context.js";
import {
  legacyNodeId,
  type DequeueReason,
  type IssueState,
  type MergeQueueEntryState,
  type RepoState,
  type RequiredCheck,
  type SandboxUser,
} from "../state/index.js";
import { githubCommitter } from "../state/pull-analysis.js";
import { requiredChecksOn } from "../state/required-checks.js";
import { mergeQueueRuleOf, rulesetRequiredChecks } from "../state/rulesets.js";

/** The account GitHub's merge queue merges and pushes as. */
export const mergeQueueBotLogin = "github-merge-queue[bot]";

type Verdict = "passed" | "pending" | "failed" | "timed out";

/**
 * GitHub's merge queues, one per base branch an active ruleset's `merge_queue` rule covers:
 * first in, first out. The entry at the front gets its merge group (the base tip and the pull
 * request, merged by the rule's `merge_method`, on `gh-readonly-queue/<base>/pr-<n>-<head>`;
 * a `push`, the check suites, `merge_group.checks_requested`). Once the required checks (the
 * rulesets' and classic protection's) pass on the group's commit, the base moves to it with a
 * compare-and-swap and the pull request is closed as merged by `github-merge-queue[bot]`; a
 * failing check takes the entry out (`CI_FAILURE`), a push to its head too.
 *
 * Limits, never friendlier than GitHub: one group is built at a time (the front entry), so an
 * entry behind waits for the one ahead to merge or leave before its checks are requested; one
 * pull request per group. `check_response_timeout_minutes` runs on the sandbox's clock
 * (`SandboxState.now()`): a timer that long after a group is built looks again, as does every
 * event on the queue, and a required check still unreported then takes the entry out
 * (`CI_TIMEOUT`); a test moving the clock calls `reconsider()` in the timer's stead.
 *
 * All work on the queues runs one task at a time (`#schedule`); `idle()` waits for it.
 */
export class MergeQueue implements MergeQueueService {
  readonly #ctx: RestContext;
  /** `owner/name#base` → entries, front first */
  readonly #queues = new Map<string, MergeQueueEntryState[]>();
  #tail: Promise<void> = Promise.resolve();
  readonly #failures: unknown[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(ctx: RestContext) {
    this.#ctx = ctx;
  }

  /**
   * Completes a context with its merge queue: events emitted through `ctx.events` pass through
   * the queue, which reacts to checks and pushes (so `refMoved` should emit through `ctx.events`).
   */
  static attach(base: Omit<RestContext, "mergeQueue">): { ctx: RestContext; queue: MergeQueue } {
    // completed just below: the queue and the context refer to each other
    const ctx = base as RestContext;
    const queue = new MergeQueue(ctx);
    const inner: EventSink = ctx.events;
    ctx.events = {
      emit: (event) => {
        inner.emit(event);
        queue.observe(event);
      },
    };
    ctx.mergeQueue = queue;
    return { ctx, queue };
  }

  get bot(): SandboxUser {
    return this.#ctx.state.ensureUser(mergeQueueBotLogin, "Bot");
  }

  entryOf(repo: RepoState, pullNumber: number): MergeQueueEntryState | undefined {
    for (const [key, entries] of this.#queues) {
      if (!key.startsWith(`${repo.fullName}#`)) continue;
      const entry = entries.find((candidate) => candidate.pullNumber === pullNumber);
      if (entry) return entry;
    }
    return undefined;
  }

  /** The entries of a base branch's queue, front first. */
  entries(repo: RepoState, base: string): readonly MergeQueueEntryState[] {
    return this.#queues.get(keyOf(repo, base)) ?? [];
  }

  positionOf(repo: RepoState, entry: MergeQueueEntryState): number {
    return this.entries(repo, entry.base).indexOf(entry) + 1;
  }

  stateOf(repo: RepoState, entry: MergeQueueEntryState): "QUEUED" | "AWAITING_CHECKS" | "MERGEABLE" | "UNMERGEABLE" {
    if (!entry.group) return "QUEUED";
    const verdict = this.#verdict(repo, entry);
    if (verdict === "passed") return "MERGEABLE";
    return verdict === "pending" ? "AWAITING_CHECKS" : "UNMERGEABLE";
  }

  enqueue(repo: RepoState, issue: IssueState, sender: SandboxUser): MergeQueueEntryState {
    const pull = issue.pull;
    if (!pull) throw new Error("MergeQueue.enqueue: not a pull request");
    const id = this.#ctx.state.nextId();
    const entry: MergeQueueEntryState = {
      id,
      nodeId: legacyNodeId("MergeQueueEntry", id),
      pullNumber: issue.number,
      base: pull.base.ref,
      headSha: pull.head.sha,
      enqueuedBy: sender,
      enqueuedAt: this.#ctx.state.iso(),
      group: undefined,
    };
    const key = keyOf(repo, entry.base);
    this.#queues.set(key, [...(this.#queues.get(key) ?? []), entry]);
    this.#ctx.events.emit({ name: "pull_request", action: "enqueued", repo, sender, pull: issue });
    this.#schedule(() => this.#advance(repo, entry.base));
    return entry;
  }

  dequeue(repo: RepoState, entry: MergeQueueEntryState, sender: SandboxUser): Promise<void> {
    return this.#schedule(async () => {
      if (this.positionOf(repo, entry) === 0) return;
      await this.#remove(repo, entry, "MANUAL", sender);
      await this.#advance(repo, entry.base);
    });
  }

  reconsider(repo: RepoState): void {
    for (const key of this.#queues.keys()) {
      if (key.startsWith(`${repo.fullName}#`)) {
        const base = key.slice(repo.fullName.length + 1);
        this.#schedule(() => this.#advance(repo, base));
      }
    }
  }

  /** Stops the timers of the checks' timeouts (the sandbox stops). */
  close(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  /** Resolves once the queues' work so far is done; rejects with the first failure (a sandbox bug). */
  async idle(): Promise<void> {
    let tail: Promise<void>;
    do {
      tail = this.#tail;
      await tail;
    } while (tail !== this.#tail);
    const failure = this.#failures.shift();
    if (failure !== undefined) throw failure;
  }

  /** What the queue reacts to: checks and statuses on a group's commit, pushes to a queued head or to a base. */
  observe(event: SandboxEvent): void {
    if (event.name === "check_run" && (event.action === "created" || event.action === "completed")) {
      this.#onGroupCommit(event.repo, event.run.headSha);
    } else if (event.name === "status") {
      this.#onGroupCommit(event.repo, event.status.sha);
    } else if (
      event.name === "pull_request" &&
      ["synchronize", "closed", "converted_to_draft"].includes(event.action)
    ) {
      const { repo } = event;
      const entry = this.entryOf(repo, event.pull.number);
      if (entry)
        this.#schedule(async () => {
          if (this.positionOf(repo, entry) === 0) return;
          await this.#remove(repo, entry, "UNKNOWN_REMOVAL_REASON", this.bot);
          await this.#advance(repo, entry.base);
        });
    } else if (event.name === "push" && event.sender.login !== mergeQueueBotLogin) {
      const { repo } = event;
      const base = event.ref.slice("refs/heads/".length);
      if (event.ref.startsWith("refs/heads/") && this.entries(repo, base).length > 0)
        this.#schedule(() => this.#advance(repo, base));
    }
  }

  #onGroupCommit(repo: RepoState, sha: string): void {
    for (const [key, entries] of this.#queues) {
      if (!key.startsWith(`${repo.fullName}#`) || !entries.some((entry) => entry.group?.headSha === sha)) continue;
      const base = key.slice(repo.fullName.length + 1);
      this.#schedule(() => this.#advance(repo, base));
    }
  }

  #schedule(task: () => Promise<void>): Promise<void> {
    const run = this.#tail.then(task);
    this.#tail = run.catch((error: unknown) => void this.#failures.push(error));
    return run;
  }

  /**
   * Moves the base's queue on as far as it goes now: builds the front entry's group, rebuilds it
   * when the base moved, takes out an entry whose head moved, whose group conflicts or whose
   * checks failed, and merges a group whose checks passed; then the next entry.
   */
  async #advance(repo: RepoState, base: string): Promise<void> {
    for (;;) {
      const entry = this.entries(repo, base)[0];
      if (!entry) return;
      const issue = repo.issues.get(entry.pullNumber) as PullIssue | undefined;
      if (!issue?.pull || issue.state !== "open" || issue.pull.draft || issue.pull.head.sha !== entry.headSha) {
        await this.#remove(repo, entry, "UNKNOWN_REMOVAL_REASON", this.bot);
        continue;
      }
      if (!mergeQueueRuleOf(repo, base)) {
        await this.#remove(repo, entry, "QUEUE_CLEARED", this.bot);
        continue;
      }
      const tip = await repo.git.getRef(`refs/heads/${base}`);
      if (tip === undefined) {
        await this.#remove(repo, entry, "UNKNOWN_REMOVAL_REASON", this.bot);
        continue;
      }
      if (entry.group && entry.group.baseSha !== tip) await this.#destroyGroup(repo, entry, "invalidated");
      if (!entry.group && !(await this.#build(repo, issue, entry, tip))) continue;
      const verdict = this.#verdict(repo, entry);
      if (verdict === "pending") return;
      if (verdict === "failed" || verdict === "timed out") {
        await this.#remove(repo, entry, verdict === "failed" ? "CI_FAILURE" : "CI_TIMEOUT", this.bot);
        continue;
      }
      await this.#merge(repo, issue, entry);
    }
  }

  /** The group of the entry on the base tip; false (and the entry taken out) when it conflicts. */
  async #build(repo: RepoState, issue: PullIssue, entry: MergeQueueEntryState, tip: string): Promise<boolean> {
    const rule = mergeQueueRuleOf(repo, entry.base);
    const method = (rule?.merge_method ?? "MERGE").toLowerCase() as "merge" | "squash" | "rebase";
    const message = method === "rebase" ? "" : await commitMessage(repo, issue, {}, method);
    const result = await repo.git.merge({
      base: tip,
      head: entry.headSha,
      method,
      message,
      author: gitPerson(entry.enqueuedBy),
      committer: githubCommitter,
    });
    if (!result.ok) {
      await this.#remove(repo, entry, "MERGE_CONFLICT", this.bot);
      return false;
    }
    const headRef = `refs/heads/gh-readonly-queue/${entry.base}/pr-${entry.pullNumber}-${entry.headSha}`;
    const before = await repo.git.getRef(headRef);
    if (before === undefined) await repo.git.createRef(headRef, result.sha);
    else await repo.git.updateRef(headRef, result.sha, { force: true });
    const sender = this.bot;
    await this.#ctx.refMoved(repo, { ref: headRef, before, after: result.sha, forced: before !== undefined, sender });
    const builtAt = this.#ctx.state.now();
    entry.group = { headRef, headSha: result.sha, baseRef: `refs/heads/${entry.base}`, baseSha: tip, builtAt };
    // GitHub's example names the person behind the entry as the sender of checks_requested
    const requested = { name: "merge_group", action: "checks_requested", group: entry.group } as const;
    this.#ctx.events.emit({ ...requested, repo, sender: entry.enqueuedBy });
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer);
        this.#schedule(() => this.#advance(repo, entry.base));
      },
      this.#timeoutMs(repo, entry.base),
    );
    timer.unref();
    this.#timers.add(timer);
    return true;
  }

  /** The required checks on the group's commit: the active rulesets' and classic protection's. */
  #verdict(repo: RepoState, entry: MergeQueueEntryState): Verdict {
    if (!entry.group) return "pending";
    const checks: RequiredCheck[] = [
      ...(rulesetRequiredChecks(repo, entry.base)?.checks ?? []),
      ...(repo.protections.get(entry.base)?.requiredStatusChecks?.checks ?? []),
    ];
    const outcome = requiredChecksOn(repo, entry.group.headSha, checks);
    if (outcome.failing.length > 0) return "failed";
    if (outcome.satisfied) return "passed";
    const waited = this.#ctx.state.now() - entry.group.builtAt;
    return waited >= this.#timeoutMs(repo, entry.base) ? "timed out" : "pending";
  }

  /** The rule's `check_response_timeout_minutes`, in milliseconds. */
  #timeoutMs(repo: RepoState, base: string): number {
    return (mergeQueueRuleOf(repo, base)?.check_response_timeout_minutes ?? 60) * 60_000;
  }

  /**
   * Fast-forwards the base to the group's commit (compare-and-swap), closes the pull request as
   * merged and, as a direct merge does, the issues it names with a closing keyword.
   */
  async #merge(repo: RepoState, issue: PullIssue, entry: MergeQueueEntryState): Promise<void> {
    const group = entry.group;
    if (!group) return;
    try {
      await repo.git.updateRef(group.baseRef, group.headSha, { expectedOld: group.baseSha });
    } catch (error) {
      // the base moved meanwhile: the next round rebuilds the group on the new tip
      if (error instanceof GitStoreError && (error.status === 409 || error.status === 422)) return;
      throw error;
    }
    const sender = this.bot;
    const now = this.#ctx.state.iso();
    Object.assign(issue.pull, { merged: true, mergedAt: now, mergedBy: sender, mergeCommitSha: group.headSha });
    issue.pull.base.sha = group.baseSha;
    Object.assign(issue, { state: "closed", closedAt: now, closedBy: sender, updatedAt: now });
    this.#take(repo, entry);
    const { events } = this.#ctx;
    events.emit({ name: "pull_request", action: "dequeued", repo, sender, pull: issue, reason: "MERGE" });
    events.emit({ name: "merge_group", action: "destroyed", repo, sender, group, reason: "merged" });
    events.emit({ name: "pull_request", action: "closed", repo, sender, pull: issue });
    await closeLinkedIssues(this.#ctx, repo, issue, { before: group.baseSha, after: group.headSha }, sender);
    const move = { ref: group.baseRef, before: group.baseSha, after: group.headSha, forced: false, sender };
    await this.#ctx.refMoved(repo, move);
    await this.#deleteGroupRef(repo, group.headRef);
    await deleteMergedHead(this.#ctx, repo, issue, sender);
  }

  /**
   * Takes the entry out: its group destroyed (`merge_group.destroyed`, reason `dequeued`) and its
   * branch deleted, then `pull_request.dequeued` with `reason`.
   */
  async #remove(
    repo: RepoState,
    entry: MergeQueueEntryState,
    reason: DequeueReason,
    sender: SandboxUser,
  ): Promise<void> {
    this.#take(repo, entry);
    if (entry.group) await this.#destroyGroup(repo, entry, "dequeued");
    const issue = repo.issues.get(entry.pullNumber);
    if (issue) this.#ctx.events.emit({ name: "pull_request", action: "dequeued", repo, sender, pull: issue, reason });
  }

  async #destroyGroup(repo: RepoState, entry: MergeQueueEntryState, reason: "invalidated" | "dequeued"): Promise<void> {
    const group = entry.group;
    if (!group) return;
    entry.group = undefined;
    this.#ctx.events.emit({ name: "merge_group", action: "destroyed", repo, sender: this.bot, group, reason });
    await this.#deleteGroupRef(repo, group.headRef);
  }

  async #deleteGroupRef(repo: RepoState, ref: string): Promise<void> {
    const before = await repo.git.getRef(ref);
    if (before === undefined) return;
    await repo.git.deleteRef(ref);
    await this.#ctx.refMoved(repo, { ref, before, after: undefined, forced: false, sender: this.bot });
  }

  #take(repo: RepoState, entry: MergeQueueEntryState): void {
    const key = keyOf(repo, entry.base);
    this.#queues.set(
      key,
      (this.#queues.get(key) ?? []).filter((other) => other !== entry),
    );
  }
}

const keyOf = (repo: RepoState, base: string): string => `${repo.fullName}#${base}`;
