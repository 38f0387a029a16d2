import { readIssueBodyEdit, readIssueBodyEditsSince } from "./issue-body-edit.js";
import type { GithubClient, RepoRef } from "./client.js";
import type { ConditionalReads } from "./conditional-reads.js";
import type { RateLimitPause } from "./rate-limit-pause.js";
import type { KnownCommits } from "./known-commits.js";
import { publishGateResult } from "./check-runs.js";
import { commitWithCas } from "./commit-with-cas.js";
import { completeCheckRuns, startCheckRuns } from "./graphql-check-runs.js";
import { readFilesAndChecks } from "./graphql-read-files.js";
import { readEarlierPullRuns } from "./pull-review-runs.js";
import { KnownLabels } from "./labels.js";
import { listPullFiles } from "./list-pull-files.js";
import { mirrorStateLabels } from "./mirror-state-labels.js";
import { createIssues, finishIssue, type OpenedIssue } from "./finish-issue.js";
import { loadRepoConfig } from "./load-repo-config.js";
import { enqueuePullRequest, readMergeQueueEnabled, readMergeQueueEntry } from "./merge-queue.js";
import { startTaskBranch } from "./start-task-branch.js";
import { ownAppId } from "./own-app-id.js";
import type { GitHubPort } from "./port.js";
import type { IssueEvent } from "./port-types.js";
import { readBranchProtection, readBranchSummary } from "./read-branch-protection.js";
import { readChange } from "./read-change.js";
import { readMergeSettings } from "./merge-settings.js";
import { readReviewThreads, resolveReviewThreads } from "./review-threads.js";
import { installationPermissions, readBranchRules, readRulesetBypass } from "./read-readiness-facts.js";
import { listTreePaths, readTextFile, readTreePaths } from "./repo-files.js";
import { findStickyComments, upsertStickyComment } from "./sticky-comment.js";
import { publishReview } from "./publish-review.js";
import { dispatchWorkflowRun, failedJobLog, getWorkflowRun, listDispatchedRuns } from "./workflow-runs.js";

const perPage = 100;

/** What a port shares with the app instance that built it (its `AppServices`). */
export interface PortOptions {
  /** the app instance's known labels */
  labels?: KnownLabels;
  /** the app instance's conditional GETs: a read of what has not changed costs no rate limit */
  conditionalReads?: ConditionalReads;
  /** the app instance's spent budgets: nothing is sent for an installation until its reset */
  rateLimits?: RateLimitPause;
  /** the installation the client acts for (its budget), when the caller knows it */
  installationId?: number;
  /** the app instance's branch heads and files at commits: a state commit starts from the head it wrote */
  knownCommits?: KnownCommits;
  /** the app instance's clock (`AppServices.now`), the one a merge is noted by; default: the system clock */
  now?: () => Date;
  /**
   * the app's bot login (`AppServices.login`): a sticky comment is only ever the app's own, since
   * any other app or Actions job with `issues: write` can post one carrying the app's marker
   */
  login?: () => Promise<string>;
}

/** The items of a listing's first pages, at most `maxPages`; a page short of full is the last. */
async function firstPages<T>(pages: AsyncIterable<{ data: T[] }>, maxPages: number): Promise<T[]> {
  const items: T[] = [];
  let read = 0;
  for await (const page of pages) {
    items.push(...page.data);
    read += 1;
    if (read >= maxPages || page.data.length < perPage) break;
  }
  return items;
}

/** The port on Octokit: one repository, each operation one REST or GraphQL call (or an adapter of src/github). */
export function octokitPort(octokit: GithubClient, repoRef: RepoRef, options: PortOptions = {}): GitHubPort {
  options.conditionalReads?.install(octokit);
  // outermost: a request held for a spent budget is neither sent nor revalidated
  options.rateLimits?.install(octokit, options.installationId);
  /** the app instance's known labels (`AppServices.labels`), so a label added lists the repository's labels once */
  const known = options.labels;
  /** the instance's known labels, or this port's own: the label mutations address labels and items by node id */
  const vocabulary = known ?? new KnownLabels();
  /** whose sticky comments count: the caller's login, else the app's own (any bot's only without either) */
  const ownAuthor = async (author: string | undefined): Promise<{ author?: string }> => {
    const login = author ?? (await options.login?.());
    return login === undefined ? {} : { author: login };
  };
  /** an issue's or pull request's node id, kept for the label mutations (a node id never changes) */
  const seen = <T extends { number: number; node_id: string; pull_request?: unknown }>(
    kind: "issue" | "pull",
    item: T,
  ): T => {
    // GitHub's issues API answers pull requests too: only a real issue's id is kept as an issue's
    if (kind === "pull" || item.pull_request === undefined || item.pull_request === null)
      vocabulary.rememberLabelable(octokit, repoRef, kind, item.number, item.node_id);
    return item;
  };
  const { owner, repo } = repoRef;
  const repository = `${owner}/${repo}`;
  /** heads this instance saw or moved: a commit on them starts there (GitHub refuses it if one moved since) */
  const commits = options.knownCommits;
  const paginate = octokit.paginate;
  const rest = octokit.rest;
  const port: GitHubPort = {
    branchSha: async (branch) => {
      const sha = (await rest.git.getRef({ owner, repo, ref: `heads/${branch}` })).data.object.sha;
      commits?.setHead(repository, branch, sha);
      return sha;
    },
    createBranch: async (branch, sha) => {
      await rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
      commits?.setHead(repository, branch, sha);
    },
    resetBranch: async (branch, sha) => {
      await rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: true });
      commits?.setHead(repository, branch, sha);
    },
    deleteBranch: async (branch) => {
      commits?.forgetHead(repository, branch);
      await rest.git.deleteRef({ owner, repo, ref: `heads/${branch}` });
    },
    createRootCommit: async (message, files) => {
      const tree = files.map(({ path, content }) => ({
        path,
        mode: "100644" as const,
        type: "blob" as const,
        content,
      }));
      const { data: created } = await rest.git.createTree({ owner, repo, tree });
      const { data: commit } = await rest.git.createCommit({ owner, repo, message, tree: created.sha, parents: [] });
      return commit.sha;
    },
    readBlob: async (sha) => {
      const { data } = await rest.git.getBlob({ owner, repo, file_sha: sha });
      return Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8").toString("utf8");
    },
    readFile: (path, ref) => readTextFile(octokit, { owner, repo, path, ...(ref === undefined ? {} : { ref }) }),
    readTree: (ref) => readTreePaths(octokit, { owner, repo, ref }),
    listTreePaths: (ref) => listTreePaths(octokit, { owner, repo, ref }),
    loadConfig: (ref) => loadRepoConfig(octokit, { owner, repo, ...(ref === undefined ? {} : { ref }) }),
    readFilesAndChecks: async (read) => {
      const answer = await readFilesAndChecks(octokit, { owner, repo, ...read });
      commits?.setRepositoryId(repository, answer.repositoryId);
      return answer;
    },
    readEarlierPullRuns: (read) => readEarlierPullRuns(octokit, { owner, repo, ...read }),
    commitFiles: (commit) => commitWithCas(octokit, { owner, repo, ...commit, known: options.knownCommits }),
    startTaskBranch: async (start) => {
      const repositoryId = commits?.repositoryId(repository);
      if (repositoryId === undefined) return undefined;
      const started = await startTaskBranch(octokit, { ...start, repositoryId, owner, repo });
      const { commit, pull } = started;
      if (commit.ok) {
        // the commit is `base`'s tree plus the files: what this instance knows at `base` holds there too
        const written = Object.entries(start.files);
        commits?.committed(repository, commit.value.sha, new Map(), written, start.base, start.message);
        commits?.setHead(repository, start.branch, commit.value.sha);
        if (commit.value.refId !== undefined) commits?.setRefId(repository, start.branch, commit.value.refId);
      }
      if (pull.ok) seen("pull", pull.value);
      return started;
    },
    branchCommitDate: async (branch) =>
      (await rest.repos.getBranch({ owner, repo, branch })).data.commit.commit.committer?.date,
    compareBehindBy: async (base, head) =>
      (await rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${base}...${head}`, per_page: 1 })).data
        .behind_by,
    compareWithBase: async (base, head) => {
      // the parameters in `readChange`'s order: the same URL, so its kept ETag answers this read
      const { data } = await rest.repos.compareCommitsWithBasehead({
        owner,
        repo,
        basehead: `${base}...${head}`,
        per_page: perPage,
        page: 1,
      });
      return {
        behindBy: data.behind_by,
        totalCommits: data.total_commits,
        commits: data.commits,
        files: data.files ?? [],
      };
    },
    readChange: (options) => readChange(octokit, { owner, repo, ...options }),

    listCheckRuns: async (ref, filter = {}) => {
      const query = {
        owner,
        repo,
        ref,
        filter: "latest" as const,
        ...(filter.checkName === undefined ? {} : { check_name: filter.checkName }),
        ...(filter.appId === undefined ? {} : { app_id: filter.appId }),
      };
      if (filter.limit === undefined && filter.maxPages !== undefined)
        return firstPages(paginate.iterator(rest.checks.listForRef, { ...query, per_page: perPage }), filter.maxPages);
      if (filter.limit === undefined) return paginate(rest.checks.listForRef, { ...query, per_page: perPage });
      return (await rest.checks.listForRef({ ...query, per_page: filter.limit })).data.check_runs;
    },
    publishCheck: (headSha, result) => publishGateResult(octokit, { owner, repo, headSha, result }),
    startCheckRuns: (options) => startCheckRuns(octokit, options),
    completeCheckRuns: (options) => completeCheckRuns(octokit, options),
    listCommitStatuses: async (ref, maxPages = 1) =>
      firstPages(
        paginate.iterator(rest.repos.listCommitStatusesForRef, { owner, repo, ref, per_page: perPage }),
        maxPages,
      ),

    getPull: async (number) => seen("pull", (await rest.pulls.get({ owner, repo, pull_number: number })).data),
    listPullsFrom: async (head, { state, base, limit }) =>
      (
        await rest.pulls.list({ owner, repo, head, ...(base === undefined ? {} : { base }), state, per_page: limit })
      ).data.map((pull) => seen("pull", pull)),
    listOpenPulls: () => paginate(rest.pulls.list, { owner, repo, state: "open", per_page: perPage }),
    createPull: async (pull) => seen("pull", (await rest.pulls.create({ owner, repo, ...pull })).data),
    // Octokit's retry plugin would send a refused merge three more times; a pinned merge's answer cannot change
    mergePull: async (number, method, sha) => {
      const { data } = await rest.pulls.merge({
        ...{ owner, repo, pull_number: number, merge_method: method, sha },
        request: { retries: 0 },
      });
      // the commit it made: the dashboard's next refresh knows no CI has finished on it yet
      if (data.merged) commits?.markMerged(repository, data.sha, (options.now?.() ?? new Date()).getTime());
      return data;
    },
    updateBranch: async (number, expectedHeadSha) => {
      await rest.pulls.updateBranch({ owner, repo, pull_number: number, expected_head_sha: expectedHeadSha });
    },
    markReadyForReview: async (nodeId) => {
      await octokit.graphql(
        "mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } } }",
        { id: nodeId },
      );
    },
    enqueuePull: (nodeId, expectedHeadOid) => enqueuePullRequest(octokit, nodeId, expectedHeadOid),
    mergeQueueEntry: (pullNumber) => readMergeQueueEntry(octokit, { owner, repo }, pullNumber),
    mergeQueueEnabled: (pullNumber) => readMergeQueueEnabled(octokit, { owner, repo }, pullNumber),
    revertPull: async (nodeId, { title, body }) => {
      const data = await octokit.graphql<{ revertPullRequest: { revertPullRequest: { number: number; url: string } } }>(
        `mutation($id: ID!, $title: String!, $body: String!) {
          revertPullRequest(input: { pullRequestId: $id, title: $title, body: $body }) {
            revertPullRequest { number url }
          }
        }`,
        { id: nodeId, title, body },
      );
      return data.revertPullRequest.revertPullRequest;
    },
    convertToDraft: async (nodeId) => {
      await octokit.graphql(
        "mutation($id: ID!) { convertPullRequestToDraft(input: { pullRequestId: $id }) { pullRequest { isDraft } } }",
        { id: nodeId },
      );
    },
    listPullCommits: (number) =>
      paginate(rest.pulls.listCommits, { owner, repo, pull_number: number, per_page: perPage }),
    listReviews: (number) => paginate(rest.pulls.listReviews, { owner, repo, pull_number: number, per_page: perPage }),
    issueBodyEdit: (number) => readIssueBodyEdit(octokit, { owner, repo }, number),
    issueBodyEditsSince: (number, since) => readIssueBodyEditsSince(octokit, { owner, repo }, number, since),
    listIssueEvents: async (number) =>
      (await paginate(rest.issues.listEvents, {
        owner,
        repo,
        issue_number: number,
        per_page: perPage,
      })) as IssueEvent[],
    listPullFiles: (number) => listPullFiles(octokit, { owner, repo, pullNumber: number }),
    reviewThreads: (number) => readReviewThreads(octokit, { owner, repo }, number),
    resolveReviewThreads: (threadIds) => resolveReviewThreads(octokit, threadIds),
    createLineReview: async (number, review) => {
      const { data } = await rest.pulls.createReview({
        owner,
        repo,
        pull_number: number,
        commit_id: review.commitId,
        body: review.body,
        event: "COMMENT",
        comments: review.comments.map((comment) => ({
          path: comment.path,
          line: comment.line,
          side: "RIGHT" as const,
          body: comment.body,
        })),
      });
      return { id: data.id, nodeId: data.node_id };
    },
    minimizeOutdated: async (nodeId) => {
      await octokit.graphql(
        "mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { minimizedComment { isMinimized } } }",
        { id: nodeId },
      );
    },

    getIssue: async (number) => seen("issue", (await rest.issues.get({ owner, repo, issue_number: number })).data),
    listOpenIssues: (filter) =>
      paginate(rest.issues.listForRepo, { owner, repo, state: "open", ...filter, per_page: perPage }),
    createIssue: async (issue) => seen("issue", (await rest.issues.create({ owner, repo, ...issue })).data),
    updateIssue: async (number, update) =>
      (await rest.issues.update({ owner, repo, issue_number: number, ...update })).data,
    pinIssue: async (nodeId) => {
      await octokit.graphql("mutation($id: ID!) { pinIssue(input: { issueId: $id }) { issue { number } } }", {
        id: nodeId,
      });
    },
    comment: async (issueNumber, body) => {
      await rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
    },
    listComments: (issueNumber) =>
      paginate(rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: perPage }),
    reactToComment: async (commentId, content) => {
      await rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content });
    },
    findSticky: async (target) =>
      (
        await findStickyComments(octokit, { owner, repo, ...target, ...(await ownAuthor(target.author)) }, [target.key])
      ).get(target.key),
    findStickies: async (issueNumber, keys) =>
      findStickyComments(octokit, { owner, repo, issueNumber, ...(await ownAuthor(undefined)) }, keys),
    upsertSticky: async (sticky) =>
      upsertStickyComment(octokit, { owner, repo, ...sticky, ...(await ownAuthor(sticky.author)) }),
    publishReview: (options) => publishReview(octokit, options),
    removeLabel: async (issueNumber, name) => {
      await rest.issues.removeLabel({ owner, repo, issue_number: issueNumber, name });
    },
    mirrorStateLabels: (mirror, carried) => mirrorStateLabels(octokit, repoRef, mirror, vocabulary, carried),
    createIssues: async (repositoryId, issues, carried) => {
      const remember = (issue: OpenedIssue) => void seen("issue", issue);
      if (repositoryId !== undefined) return createIssues(octokit, repoRef, repositoryId, issues, remember, carried);
      const opened: OpenedIssue[] = [];
      for (const issue of issues) {
        const { number, node_id } = seen("issue", (await rest.issues.create({ owner, repo, ...issue })).data);
        opened.push({ number, node_id });
      }
      return opened;
    },
    finishIssue: async ({ deleteBranch, ...finish }, carried) => {
      // the branch's ref id, known when this instance committed on it (the dispatch's task file)
      const refId = deleteBranch === undefined ? undefined : commits?.refId(repository, deleteBranch);
      if (deleteBranch !== undefined) commits?.forgetHead(repository, deleteBranch);
      const mirrored = await finishIssue(
        octokit,
        repoRef,
        { ...finish, ...(refId === undefined ? {} : { deleteRefId: refId }) },
        vocabulary,
        carried,
      );
      if (deleteBranch !== undefined && refId === undefined)
        await rest.git.deleteRef({ owner, repo, ref: `heads/${deleteBranch}` }).catch(() => undefined);
      return mirrored;
    },

    repositoryUrl: async () => (await rest.repos.get({ owner, repo })).data.html_url,
    repositoryNodeId: async () => {
      const known = commits?.repositoryId(repository);
      if (known !== undefined) return known;
      const { node_id: id } = (await rest.repos.get({ owner, repo })).data;
      commits?.setRepositoryId(repository, id);
      return id;
    },
    permissionOf: async (login) =>
      (await rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: login })).data,
    teamMembers: async (org, slug) =>
      (await paginate(rest.teams.listMembersInOrg, { org, team_slug: slug, per_page: perPage })).map(
        (member) => member.login,
      ),
    branchProtection: (branch) => readBranchProtection(octokit, { owner, repo, branch }),
    branchSummary: (branch) => readBranchSummary(octokit, { owner, repo, branch }),
    branchRules: (branch) => readBranchRules(octokit, { owner, repo, branch }),
    rulesetBypass: (rulesetId) => readRulesetBypass(octokit, { owner, repo }, rulesetId),
    mergeSettings: () => readMergeSettings(octokit, { owner, repo }),
    installationPermissions: () => installationPermissions(octokit),
    dispatchWorkflow: (workflow, ref, inputs) => dispatchWorkflowRun(octokit, { owner, repo, workflow, ref, inputs }),
    getWorkflowRun: (runId) => getWorkflowRun(octokit, { owner, repo }, runId),
    listDispatchedRuns: (workflow, actor) => listDispatchedRuns(octokit, { owner, repo }, workflow, actor),
    rerunWorkflowRun: async (runId) => {
      await rest.actions.reRunWorkflow({ owner, repo, run_id: runId });
    },
    // a run that ended answers 409, which Octokit's retry plugin would send three more times
    cancelWorkflowRun: async (runId) => {
      await rest.actions.cancelWorkflowRun({ owner, repo, run_id: runId, request: { retries: 0 } });
    },
    failedJobLog: (runId, maxChars) => failedJobLog(octokit, { owner, repo }, runId, maxChars),
    ownAppId: () => ownAppId(octokit),
  };
  return port;
}
