import type { ReactionState, RepoState } from "../state/index.js";
import type { Links } from "./links.js";
import { userJson } from "./user.js";

export type ReactionContent = ReactionState["content"];
export type ReactionSubject = ReactionState["subject"];

/** The eight reactions GitHub offers, in the order its rollups list them. */
export const reactionContents: readonly ReactionContent[] = [
  "+1",
  "-1",
  "laugh",
  "hooray",
  "confused",
  "heart",
  "rocket",
  "eyes",
];

/** GitHub's `reaction`. */
export function reactionJson(reaction: ReactionState, links: Links): Record<string, unknown> {
  return {
    id: reaction.id,
    node_id: reaction.nodeId,
    user: userJson(reaction.user, links),
    content: reaction.content,
    created_at: reaction.createdAt,
  };
}

export function sameSubject(a: ReactionSubject, b: ReactionSubject): boolean {
  if (a.kind === "issue") return b.kind === "issue" && a.number === b.number;
  return b.kind === "issue_comment" && a.id === b.id;
}

/** Where a subject's reactions live: `…/issues/{n}/reactions` or `…/issues/comments/{id}/reactions`. */
export function reactionsUrl(repo: RepoState, subject: ReactionSubject, links: Links): string {
  const base = `${links.api}/repos/${repo.fullName}/issues`;
  return subject.kind === "issue" ? `${base}/${subject.number}/reactions` : `${base}/comments/${subject.id}/reactions`;
}

/** GitHub's `reaction-rollup`: the counts per content that issues and comments carry as `reactions`. */
export function reactionRollup(repo: RepoState, subject: ReactionSubject, links: Links): Record<string, unknown> {
  const counts = Object.fromEntries(reactionContents.map((content) => [content, 0])) as Record<ReactionContent, number>;
  let total = 0;
  for (const reaction of repo.reactions.values()) {
    if (!sameSubject(reaction.subject, subject)) continue;
    counts[reaction.content] += 1;
    total += 1;
  }
  return { url: reactionsUrl(repo, subject, links), total_count: total, ...counts };
}
