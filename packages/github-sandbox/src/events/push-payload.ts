import type { CommitInfo } from "../git/index.js";
import type { Links } from "../represent/index.js";
import type { RepoState, SandboxState } from "../state/index.js";
import { basePayload, type Payload } from "./payload-base.js";
import type { SandboxEvent } from "./sandbox-event.js";
import { zeroSha } from "./sandbox-event.js";

type PushEvent = Extract<SandboxEvent, { name: "push" }>;

/** GitHub lists at most 20 commits in a push payload; `compare` shows the rest. */
const maxListedCommits = 20;

/** The files a commit added, removed and modified, relative to its first parent. */
async function changedPaths(
  repo: RepoState,
  commit: CommitInfo,
): Promise<{ added: string[]; removed: string[]; modified: string[] }> {
  const lists = { added: [] as string[], removed: [] as string[], modified: [] as string[] };
  const parent = commit.parents[0];
  if (parent === undefined) {
    lists.added = await repo.git.listFiles(commit.sha);
    return lists;
  }
  for (const file of (await repo.git.compare(parent, commit.sha)).files) {
    if (file.status === "added" || file.status === "copied") lists.added.push(file.filename);
    else if (file.status === "removed") lists.removed.push(file.filename);
    else if (file.status === "renamed") {
      lists.added.push(file.filename);
      if (file.previous_filename) lists.removed.push(file.previous_filename);
    } else lists.modified.push(file.filename);
  }
  return lists;
}

/** A commit as push payloads list it. */
async function pushCommitJson(repo: RepoState, commit: CommitInfo, links: Links): Promise<Payload> {
  return {
    id: commit.sha,
    tree_id: commit.tree,
    distinct: true,
    message: commit.message.replace(/\n$/, ""),
    timestamp: commit.committer.date,
    url: `${links.web}/${repo.fullName}/commit/${commit.sha}`,
    author: { name: commit.author.name, email: commit.author.email, date: commit.author.date },
    committer: { name: commit.committer.name, email: commit.committer.email, date: commit.committer.date },
    ...(await changedPaths(repo, commit)),
  };
}

/** `push`: the ref, before and after, up to 20 commits with their files, the head commit and the pusher. */
export async function pushPayload(state: SandboxState, links: Links, event: PushEvent): Promise<Payload> {
  const { repo } = event;
  const payload = basePayload(state, links, "push", undefined, repo, event.sender);
  const created = event.before === zeroSha;
  const deleted = event.after === zeroSha;
  const listed = event.commits.slice(-maxListedCommits);
  const commits = await Promise.all(listed.map((commit) => pushCommitJson(repo, commit, links)));
  let headCommit: Payload | null = null;
  if (!deleted) {
    const head = event.commits.find((commit) => commit.sha === event.after) ?? (await repo.git.getCommit(event.after));
    headCommit =
      commits.find((commit) => commit.id === event.after) ?? (head ? await pushCommitJson(repo, head, links) : null);
  }
  const short = (sha: string): string => sha.slice(0, 12);
  Object.assign(payload, {
    ref: event.ref,
    before: event.before,
    after: event.after,
    created,
    deleted,
    forced: event.forced,
    base_ref: null,
    compare: created
      ? `${links.web}/${repo.fullName}/commit/${short(event.after)}`
      : `${links.web}/${repo.fullName}/compare/${short(event.before)}...${short(event.after)}`,
    commits,
    head_commit: headCommit,
    pusher: { name: event.sender.login, email: event.sender.email },
  });
  // a push payload's repository is the legacy shape: timestamps of pushes as Unix seconds
  const repository = payload.repository as Payload;
  repository.pushed_at = Math.floor(Date.parse(repo.pushedAt) / 1000);
  repository.created_at = Math.floor(Date.parse(repo.createdAt) / 1000);
  repository.stargazers = 0;
  repository.master_branch = repo.defaultBranch;
  return payload;
}
