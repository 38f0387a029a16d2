import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import { reactionJson, sameSubject, type ReactionContent, type ReactionSubject } from "../../represent/index.js";
import { legacyNodeId, type IssueState, type ReactionState, type RepoState } from "../../state/index.js";
import { actorOf, linksOf, type HandlerRegistry, type RestContext, pagedList } from "../rest-context.js";
import {
  adminRightsRequired,
  atLeast,
  findIssue,
  issuesRepo,
  requireIntegrationWrite,
  roleOf,
} from "./issue-access.js";

interface Target {
  repo: RepoState;
  issue: IssueState;
  subject: ReactionSubject;
}

/**
 * Reactions to issues (and pull requests) and to issue comments. Anyone who can see the
 * repository may react; installations need `issues` write, or `pull_requests` write on a pull
 * request. Reacting again with the same content answers the existing reaction with 200 instead
 * of 201. A reaction is deleted by the account that made it (or an admin). GitHub sends no
 * webhooks for reactions; issues and comments carry the counts in `reactions`.
 */
export function registerReactionHandlers(server: HandlerRegistry, ctx: RestContext): void {
  const onIssue = (request: SandboxRequest): Target => {
    const { repo } = issuesRepo(ctx, request);
    const issue = findIssue(ctx, request, repo, Number(request.params.issue_number));
    return { repo, issue, subject: { kind: "issue", number: issue.number } };
  };
  const onComment = (request: SandboxRequest): Target => {
    const { repo } = issuesRepo(ctx, request);
    const comment = repo.comments.get(Number(request.params.comment_id));
    if (!comment) throw new SandboxHttpError(404, "Not Found");
    return {
      repo,
      issue: findIssue(ctx, request, repo, comment.issueNumber),
      subject: { kind: "issue_comment", id: comment.id },
    };
  };

  const list = (target: (request: SandboxRequest) => Target) => async (request: SandboxRequest) => {
    const { repo, subject } = target(request);
    const content = request.query.content;
    const reactions = [...repo.reactions.values()]
      .filter(
        (reaction) => sameSubject(reaction.subject, subject) && (content === undefined || reaction.content === content),
      )
      .sort((a, b) => a.id - b.id);
    const links = linksOf(request);
    return pagedList(reactions, request, (reaction) => reactionJson(reaction, links));
  };

  const create = (target: (request: SandboxRequest) => Target) => async (request: SandboxRequest) => {
    const { repo, issue, subject } = target(request);
    requireIntegrationWrite(request, issue);
    const user = actorOf(ctx, request.principal);
    const content = (request.body as { content: ReactionContent }).content;
    const links = linksOf(request);
    for (const reaction of repo.reactions.values()) {
      if (reaction.user.id === user.id && reaction.content === content && sameSubject(reaction.subject, subject)) {
        return { status: 200, body: reactionJson(reaction, links) };
      }
    }
    const id = ctx.state.nextId();
    const reaction: ReactionState = {
      id,
      nodeId: legacyNodeId("Reaction", id),
      user,
      content,
      subject,
      createdAt: ctx.state.iso(),
    };
    repo.reactions.set(id, reaction);
    return { status: 201, body: reactionJson(reaction, links) };
  };

  const remove = (target: (request: SandboxRequest) => Target) => async (request: SandboxRequest) => {
    const { repo, issue, subject } = target(request);
    requireIntegrationWrite(request, issue);
    const reaction = repo.reactions.get(Number(request.params.reaction_id));
    if (!reaction || !sameSubject(reaction.subject, subject)) throw new SandboxHttpError(404, "Not Found");
    const own = reaction.user.id === actorOf(ctx, request.principal).id;
    if (!own && !atLeast(roleOf(ctx, request, repo, issue), "admin")) throw adminRightsRequired();
    repo.reactions.delete(reaction.id);
    return { status: 204 };
  };

  server.register("reactions/list-for-issue", list(onIssue));
  server.register("reactions/list-for-issue-comment", list(onComment));
  server.register("reactions/create-for-issue", create(onIssue));
  server.register("reactions/create-for-issue-comment", create(onComment));
  server.register("reactions/delete-for-issue", remove(onIssue));
  server.register("reactions/delete-for-issue-comment", remove(onComment));
}
