import { diffFiles } from "../../git/diff-files.js";
import type { CompareResult, ComparedFile } from "../../git/index.js";
import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import { commitJson, diffEntryJson } from "../../represent/commit.js";
import { encodePath, repoApiUrl, repoHtmlUrl } from "../../represent/git.js";
import type { RepoState } from "../../state/index.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { linksOf, requireRepo } from "../rest-context.js";
import { asksForPage, linkHeader, pageOf, readContents } from "./shared.js";

/** Without paging parameters GitHub lists the newest 250 commits; the files stop at 300. */
const unpagedCommitLimit = 250;
const fileLimit = 300;

/** `base...head` (against the merge base) or `base..head` (the two trees directly); `owner:` prefixes allowed. */
function parseBasehead(repo: RepoState, basehead: string): { base: string; head: string; direct: boolean } | undefined {
  const match = /^(.+?)(\.\.\.?)(.+)$/.exec(basehead);
  if (match === null) return undefined;
  const side = (value: string): string | undefined => {
    const colon = value.indexOf(":");
    if (colon < 0) return value;
    return value.slice(0, colon).toLowerCase() === repo.owner.login.toLowerCase() ? value.slice(colon + 1) : undefined;
  };
  const base = side(match[1] ?? "");
  const head = side(match[3] ?? "");
  if (base === undefined || head === undefined || base === "" || head === "") return undefined;
  return { base, head, direct: match[2] === ".." };
}

/** The commits of one answer: the newest 250 without paging, else the page asked for (oldest first). */
function commitPage(request: SandboxRequest, result: CompareResult) {
  if (!asksForPage(request)) return { commits: result.commits.slice(-unpagedCommitLimit), page: 1, headers: {} };
  const { page, perPage } = pageOf(request, 30, 100);
  const last = Math.max(1, Math.ceil(result.commits.length / perPage));
  const commits = result.commits.slice((page - 1) * perPage, page * perPage);
  return { commits, page, headers: linkHeader(request, perPage, page, last) };
}

/**
 * `GET /compare/{base}...{head}`: how head relates to base (ahead, behind, diverged, identical),
 * the commits base lacks, oldest first, and the files head changed since the merge base; the files
 * only on the first page, 300 at most. Unknown refs are 404s, unrelated histories "No common ancestor".
 */
export function registerCompareHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("repos/compare-commits-with-basehead", async (request) => {
    const repo = requireRepo(ctx, request, readContents);
    const basehead = String(request.params.basehead);
    const parsed = parseBasehead(repo, basehead);
    if (parsed === undefined) throw new SandboxHttpError(404, "Not Found");
    const result = await repo.git.compare(parsed.base, parsed.head);
    const files = parsed.direct ? await diffFiles(repo.git.dir, result.base_commit, result.head_commit) : result.files;
    const [baseCommit, mergeBaseCommit] = await Promise.all([
      repo.git.getCommit(result.base_commit),
      repo.git.getCommit(result.merge_base_commit),
    ]);
    if (baseCommit === undefined || mergeBaseCommit === undefined)
      throw new Error(`compare ${basehead}: a commit is missing`);

    const links = linksOf(request);
    const api = repoApiUrl(repo, links);
    const html = repoHtmlUrl(repo, links);
    const owner = repo.owner.login;
    const { commits, page, headers } = commitPage(request, result);
    const toJson = (file: ComparedFile): Record<string, unknown> =>
      diffEntryJson(repo, file, result.head_commit, links);
    const body = {
      url: `${api}/compare/${encodePath(basehead)}`,
      html_url: `${html}/compare/${encodePath(basehead)}`,
      permalink_url: `${html}/compare/${owner}:${result.base_commit}...${owner}:${result.head_commit}`,
      diff_url: `${html}/compare/${encodePath(basehead)}.diff`,
      patch_url: `${html}/compare/${encodePath(basehead)}.patch`,
      base_commit: commitJson(repo, baseCommit, links),
      merge_base_commit: commitJson(repo, mergeBaseCommit, links),
      status: result.status,
      ahead_by: result.ahead_by,
      behind_by: result.behind_by,
      total_commits: result.ahead_by,
      commits: commits.map((commit) => commitJson(repo, commit, links)),
      files: page === 1 ? files.slice(0, fileLimit).map(ctx.state.diffLimiter()).map(toJson) : [],
    };
    return { status: 200, body, headers };
  });
}
