import { helpText, type UnknownCommand } from "./command-help.js";
import { tooManyCommandsReply } from "./command-reply.js";

/** What the commands of one comment have to say, gathered into the one reply it gets. */
export interface CommentReplyParts {
  /** the replies of the commands, in their order (a repeated one is said once) */
  replies: readonly string[];
  /** names written as commands that are none; the help follows their notes */
  unknown: readonly UnknownCommand[];
  /** `/help` was asked for */
  help: boolean;
  /** commands past the most read from one comment */
  dropped: number;
}

/**
 * The one reply to a comment of commands, or undefined when it needs none. One comment of ten
 * commands used to get ten replies (ten `/help` tables, ten refusals), each notifying everyone on
 * the thread and spending GitHub's limit on content the app creates; now it gets one, the help
 * table at most once, at its end.
 */
export function commentReply(parts: CommentReplyParts): string | undefined {
  const sections = [...new Set(parts.replies)];
  if (parts.help || parts.unknown.length > 0) sections.push(helpText({ unknowns: parts.unknown }));
  if (parts.dropped > 0) sections.push(tooManyCommandsReply(parts.dropped));
  return sections.length === 0 ? undefined : sections.join("\n\n---\n\n");
}
