export { commandNames, isCommandName, suggestCommand } from "./command-names.js";
export type { CommandName } from "./command-names.js";
export { parseCommands, readCommands, maxCommandsPerComment } from "./parse-command.js";
export type { ParsedCommand } from "./parse-command.js";
export { readCommentLines } from "./read-comment-lines.js";
export type { CommentLine } from "./read-comment-lines.js";
export { helpText, commandDocs } from "./command-help.js";
export type { UnknownCommand } from "./command-help.js";
export { commentReply } from "./comment-reply.js";
export type { CommentReplyParts } from "./comment-reply.js";
export {
  authorityOf,
  canPush,
  isBotAccount,
  isListedOwner,
  mayCommand,
  openCommands,
  whoMayMoveTasks,
} from "./authorize.js";
export type { Authority, CommandAuthor, CommandPermission, Person, RepoPermission } from "./authorize.js";
export {
  answerRecordedReply,
  answerRefusedReply,
  blockedReply,
  cannotReply,
  invalidCommandReply,
  notATaskReply,
  oneQuestionReply,
  pausedBySettingsReply,
  pausedReply,
  refusalReply,
  resumedReply,
  tooManyCommandsReply,
  unblockedReply,
} from "./command-reply.js";
export { statusReply, formatTime } from "./status-reply.js";
export type { CheckSummary, StatusLinks } from "./status-reply.js";
export { decisionSchema, decisionsPath, questionIdFor, questionIdPattern, stringifyDecision } from "./decisions.js";
export type { Decision, DecisionAnswer, DecisionKind, DecisionWithdrawal } from "./decisions.js";
export { parseDecisions, serializeDecisions, listDecisions } from "./parse-decisions.js";
export type { DecisionItem, DecisionLineError, DecisionsDocument } from "./parse-decisions.js";
export {
  isOpen,
  nextQuestionId,
  openQuestions,
  recordQuestion,
  resolveQuestion,
  recordAnswer,
  withdrawQuestion,
} from "./record-decisions.js";
export {
  inThread,
  nextThreadNumber,
  questionLabel,
  resolveThreadQuestion,
  threadNumberOf,
  threadQuestions,
} from "./thread-questions.js";
export type { Thread } from "./thread-questions.js";
export { askQuestions, commentQuestions } from "./ask-questions.js";
export { approvedSince, decidingEdit, isOwnEdit } from "./edit-since-question.js";
export type { BodyEditOf } from "./edit-since-question.js";
export type { AskQuestionsInput, AskQuestionsResult } from "./ask-questions.js";
export { exampleValue, specQuestionDraft } from "./question-drafts.js";
export type { QuestionDraft } from "./question-drafts.js";
export { blockedReviewDraft, reviewAnswerMove, reviewChoices } from "./review-question.js";
export type { BlockedReview, ReviewAnswerMove } from "./review-question.js";
export {
  answeredInHistory,
  mergeAnswerMove,
  mergeAnswerReason,
  mergeChoices,
  mergeQuestionDraft,
  mergeStopOf,
  mergeStopText,
  renderMergeSendBack,
  sentBackAt,
} from "./merge-question.js";
export type { MergeAnswerMove, MergeChoice, MergeSendBack, MergeStop, MergeStopCause } from "./merge-question.js";
export { renderQuestionsComment } from "./render-questions-comment.js";
export type { NewQuestion, RecordAnswerResult, RecordQuestionResult } from "./record-decisions.js";
export { askOutput, askPrompt, safeModelMarkdown } from "./ask-prompt.js";
export type { AskContext } from "./ask-prompt.js";
export { dismissalFor, dismissalsOf, recordDismissal, recordWaiver, waivedCriteria } from "./dismissals.js";
export type { Dismissal, DismissalInput, WaiverInput } from "./dismissals.js";
