import type { MergeMethod } from "../../../src/config/index.js";
import type { BranchRule } from "../../../src/core/doctor/index.js";
import type { KnownProtection } from "../../../src/core/merge/index.js";
import type { ListedPull, RepositoryMergeSettings, ReviewThread, ThreadAuthor } from "../../../src/github/index.js";
import type { AppServices } from "../../../src/handlers/repo-context.js";
import { githubError, type FakeGitHub } from "../../helpers/fake-github-port.js";
import { mergeQueueRepo, taskPull } from "./merge-queue-fixture.js";

export const mergedSha = "e".repeat(40);
export const app: ThreadAuthor = { login: "autopilot[bot]", bot: true };

const allowedBy = (settings: RepositoryMergeSettings, method: MergeMethod): boolean =>
  method === "merge"
    ? settings.mergeCommitAllowed
    : method === "squash"
      ? settings.squashMergeAllowed
      : settings.rebaseMergeAllowed;

/** GitHub's 405 for a method the repository's settings turned off. */
const settingRefusal: Readonly<Record<MergeMethod, string>> = {
  merge: "Merge commits are not allowed on this repository.",
  squash: "Squash merges are not allowed on this repository.",
  rebase: "Rebase merges are not allowed on this repository.",
};

export const thread = (
  id: string,
  authors: (ThreadAuthor | null)[],
  over: Partial<ReviewThread> = {},
): ReviewThread => ({
  id,
  isResolved: false,
  isOutdated: false,
  path: "src/a.ts",
  line: 3,
  authors,
  complete: true,
  ...over,
});

/**
 * A task PR green on everything, on a base without a merge queue, whose `PUT /merge` answers as
 * GitHub does: 405 for a method the settings or the base's rules refuse, 405 while a review thread
 * is unresolved on a base that requires conversations resolved, else merged (as `mergedSha`).
 */
export function allowedMergeRepo(
  options: {
    settings?: Partial<RepositoryMergeSettings>;
    rules?: BranchRule[];
    threads?: ReviewThread[];
    /** the base requires conversations resolved: by a ruleset's rule, or by classic protection */
    conversations?: "ruleset" | "classic";
    protection?: KnownProtection;
    method?: MergeMethod;
    services?: AppServices;
    /** another rule's 405 (a required review, say), after the method and threads are satisfied */
    refusal?: string;
    /** the PR's line comments as `GET /pulls/{n}` counts them (left out: not counted, as a fake may) */
    reviewComments?: number;
    /** `mergeable_state` as GitHub reports it (after a refusal, too) */
    mergeableState?: string;
  } = {},
): ReturnType<typeof mergeQueueRepo> & { merged: MergeMethod[] } {
  const settings = {
    mergeCommitAllowed: true,
    squashMergeAllowed: true,
    rebaseMergeAllowed: true,
    ...options.settings,
  };
  const rules: BranchRule[] = [
    ...(options.rules ?? []),
    ...(options.conversations === "ruleset"
      ? [{ type: "pull_request", parameters: { required_review_thread_resolution: true }, ruleset_id: 9 }]
      : []),
  ];
  const merged: MergeMethod[] = [];
  let github: FakeGitHub | undefined;
  const protection: KnownProtection =
    options.protection ??
    (options.conversations === "classic"
      ? {
          kind: "rules",
          rules: {
            requiredApprovals: 0,
            codeOwnerReviews: false,
            dismissStale: false,
            requiredChecks: [],
            strict: false,
            conversationResolution: true,
          },
        }
      : { kind: "summary", protected: false, requiredChecks: [] });
  const repo = mergeQueueRepo({
    mergeQueues: [],
    ...(options.services === undefined ? {} : { services: options.services }),
    pull: taskPull({
      ...(options.reviewComments === undefined ? {} : { review_comments: options.reviewComments }),
      ...(options.mergeableState === undefined ? {} : { mergeable_state: options.mergeableState }),
    }),
    stubs: {
      mergeSettings: async () => settings,
      branchRules: async () => rules,
      branchProtection: async () => protection,
      mergeQueueEnabled: async () => false,
      listCommitStatuses: async () => [],
      // the finished task's records land in the records pull request, already open
      listPullsFrom: async () => [{ number: 90 } as ListedPull],
      mergePull: async (_number, method) => {
        if (!allowedBy(settings, method)) throw githubError(405, settingRefusal[method]);
        if (method === "merge" && rules.some((rule) => rule.type === "required_linear_history"))
          throw githubError(405, "Repository rule violations found\n\nThis branch must not contain merge commits.");
        const open = (github?.state.reviewThreads.get(7) ?? []).some((item) => !item.isResolved);
        if (open && options.conversations !== undefined)
          throw githubError(405, "Repository rule violations found\n\nAll comments must be resolved.");
        if (options.refusal !== undefined) throw githubError(405, options.refusal);
        merged.push(method);
        return { sha: mergedSha };
      },
    },
  });
  github = repo.github;
  repo.github.state.branches.set("autopilot/records", new Map());
  if (options.threads) repo.github.state.reviewThreads.set(7, options.threads);
  if (options.method !== undefined) repo.config.merge.method = options.method;
  return { ...repo, merged };
}

export { taskPull };

/** Every comment on the PR (number 7), as one text. */
export const prComments = (github: FakeGitHub): string =>
  github.state.comments
    .filter((comment) => comment.issueNumber === 7)
    .map((comment) => comment.body)
    .join("\n");
