export { commandNames, isCommandName, suggestCommand } from "./command-names.js";
export type { CommandName } from "./command-names.js";
export { parseCommands, readCommands, maxCommandsPerComment } from "./parse-command.js";
export type { ParsedCommand } from "./parse-command.js";
export { readCommentLines } from "./read-comment-lines.js";
export type { CommentLine } from "./read-comment-lines.js";
export { helpText, commandDocs } from "./command-help.js";
export { mayCommand, openCommands } from "./authorize.js";
export type { CommandAuthor, CommandPermission, RepoPermission } from "./authorize.js";
export {
  answerRecordedReply,
  answerRefusedReply,
  blockedReply,
  cannotReply,
  invalidCommandReply,
  notATaskReply,
  pausedReply,
  refusalReply,
  resumedReply,
  tooManyCommandsReply,
  unblockedReply,
} from "./command-reply.js";
export { statusReply, formatTime } from "./status-reply.js";
export type { CheckSummary, StatusLinks } from "./status-reply.js";
export { decisionSchema, questionIdFor, questionIdPattern, stringifyDecision } from "./decisions.js";
export type { Decision, DecisionAnswer, DecisionKind } from "./decisions.js";
export { parseDecisions, serializeDecisions, listDecisions } from "./parse-decisions.js";
export type { DecisionItem, DecisionLineError, DecisionsDocument } from "./parse-decisions.js";
export { nextQuestionId, openQuestions, recordQuestion, resolveQuestion, recordAnswer } from "./record-decisions.js";
export type { NewQuestion, RecordAnswerResult, RecordQuestionResult } from "./record-decisions.js";
