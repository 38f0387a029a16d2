import { z } from "zod";
import type { LlmMessage } from "./llm-port.js";
import type { Answer } from "./send-with-retries.js";

const MAX_ISSUES = 10;
const MAX_ECHO = 4_000;

/** The answer parsed by the caller's zod schema, or why it cannot be used. */
export function checkStructuredOutput<T>(
  answer: Answer,
  parse: (value: unknown) => T,
): { ok: true; value: T } | { ok: false; reason: string } {
  if (answer.kind === "unusable") return { ok: false, reason: answer.reason };
  try {
    return { ok: true, value: parse(answer.value) };
  } catch (error) {
    return { ok: false, reason: `the answer does not match the schema: ${describeParseError(error)}` };
  }
}

function describeParseError(error: unknown): string {
  if (error instanceof z.ZodError) {
    const issues = error.issues
      .slice(0, MAX_ISSUES)
      .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`);
    const more = error.issues.length - issues.length;
    return issues.join("; ") + (more > 0 ? `; and ${more} more` : "");
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * The conversation for the one repair try: the original messages, the unusable answer as the
 * assistant's turn, and a user turn saying what was wrong. Plain text turns, so the same repair
 * works for every vendor.
 */
export function repairMessages(
  messages: readonly LlmMessage[],
  answer: Answer,
  reason: string,
  schemaName: string,
): LlmMessage[] {
  const previous = answer.text.trim() === "" ? "(no usable answer)" : answer.text.slice(0, MAX_ECHO);
  return [
    ...messages,
    { role: "assistant", content: previous },
    {
      role: "user",
      content: [
        `Your previous answer could not be used: ${reason}.`,
        `Answer again with one \`${schemaName}\` object that matches the JSON Schema you were given exactly:`,
        "every required field present, no other fields, no prose around it.",
      ].join("\n"),
    },
  ];
}
