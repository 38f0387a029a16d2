import type { CommitInfo } from "../../git/index.js";
import { diffFiles } from "../../git/diff-files.js";
import { SandboxHttpError } from "../../http/index.js";
import { accountForEmail, commitJson } from "../../represent/commit.js";
import type { RepoState } from "../../state/index.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { linksOf, paginate, requireRepo } from "../rest-context.js";
import { logShas, readCommits } from "./commit-log.js";
import { linkHeader, pageOf, readContents, trimPath } from "./shared.js";

/** git's empty tree, which a root commit is compared with. */
const emptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

/** GitHub shows at most this many files per page of a commit, and 3000 in all. */
const filesPerPage = 300;
const fileLimit = 3000;

/** Whether a commit's author (or committer) is `who`: a login GitHub links the email to, or the email. */
function matches(repo: RepoState, person: CommitInfo["author"], who: string): boolean {
  const wanted = who.toLowerCase();
  return person.email.toLowerCase() === wanted || accountForEmail(repo, person.email)?.login.toLowerCase() === wanted;
}

/** `GET /commits` and `GET /commits/{ref}`. */
export function registerCommitHandlers(server: HandlerRegistry, ctx: RestContext): void {
  // newest first from `sha` (the default branch if absent), by path, author, committer and date
  server.register("repos/list-commits", async (request) => {
    const repo = requireRepo(ctx, request, readContents);
    const query = request.query as {
      sha?: string;
      path?: string;
      author?: string;
      committer?: string;
      since?: string;
      until?: string;
    };
    const name = query.sha ?? repo.defaultBranch;
    const from = await repo.git.resolveCommit(name);
    if (from === undefined) {
      if (query.sha === undefined && (await repo.git.listRefs("heads/")).length === 0) {
        throw new SandboxHttpError(409, "Git Repository is empty.");
      }
      throw new SandboxHttpError(404, `No commit found for SHA: ${name}`);
    }
    const path = query.path === undefined ? undefined : trimPath(query.path);
    const shas = await logShas(repo, { from, ...(path ? { path } : {}), since: query.since, until: query.until });
    const filtered = query.author !== undefined || query.committer !== undefined;
    let commits: CommitInfo[];
    let headers: Record<string, string>;
    if (filtered) {
      const all = (await readCommits(repo, shas)).filter(
        (commit) =>
          (query.author === undefined || matches(repo, commit.author, query.author)) &&
          (query.committer === undefined || matches(repo, commit.committer, query.committer)),
      );
      ({ body: commits, headers } = paginate(all, request));
    } else {
      const page = paginate(shas, request);
      commits = await readCommits(repo, page.body);
      headers = page.headers;
    }
    const links = linksOf(request);
    return { status: 200, body: commits.map((commit) => commitJson(repo, commit, links)), headers };
  });

  // a sha, branch, tag, `heads/x` or `tags/x`; files against the first parent, 300 per page
  server.register("repos/get-commit", async (request) => {
    const repo = requireRepo(ctx, request, readContents);
    const name = String(request.params.ref);
    const sha = await repo.git.resolveCommit(name);
    const commit = sha === undefined ? undefined : await repo.git.getCommit(sha);
    if (commit === undefined) throw new SandboxHttpError(422, `No commit found for SHA: ${name}`);
    const files = (await diffFiles(repo.git.dir, commit.parents[0] ?? emptyTree, commit.sha)).slice(0, fileLimit);
    const { page, perPage } = pageOf(request, filesPerPage, filesPerPage);
    const pageFiles = files.slice((page - 1) * perPage, page * perPage).map(ctx.state.diffLimiter());
    const last = Math.max(1, Math.ceil(files.length / perPage));
    return {
      status: 200,
      body: commitJson(repo, commit, linksOf(request), pageFiles, files),
      headers: linkHeader(request, perPage, page, last),
    };
  });
}
