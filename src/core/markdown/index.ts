export type { DisarmOptions } from "./disarm-markdown.js";
export { disarmCode, disarmInline, disarmMarkdown, redactUntrusted, safeCodeSpan } from "./disarm-markdown.js";
export { credentialNotice, redactIssueText, type RedactedIssueText } from "./redact-issue-text.js";
