import type { Annotation } from "../core/gate-result.js";
import { redactSecrets } from "../core/secrets/index.js";
import { charCount } from "../core/text-limits.js";

/** GitHub's limits on a check run's output (REST `checks.create` / `checks.update`). */
export const checkRunLimits = {
  /**
   * UTF-8 bytes of `output.summary` (and `output.text`): REST's schema allows 65,535 characters, and
   * the run itself refuses more than 65,535 bytes ("summary exceeds a maximum bytesize of 65535"),
   * on REST and GraphQL alike. Bytes are never fewer than characters, so the bytes are the limit.
   */
  summaryBytes: 65_535,
  /** annotations per request; more go in further updates, which GitHub appends */
  annotationsPerRequest: 50,
  /** bytes of an annotation's `message` (64 KB) */
  messageBytes: 64 * 1024,
  /** characters of an annotation's `title` */
  annotationTitleChars: 255,
} as const;

/** An annotation as GitHub's API takes it: the same fields as a gate's, within GitHub's limits. */
export type GithubAnnotation = Annotation;

/** Cuts at a UTF-16 boundary without splitting a surrogate pair. */
function cutChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

const byteLength = (text: string): number => Buffer.byteLength(text, "utf8");

/** Cuts to at most `max` UTF-8 bytes, never inside a character; a cut text ends with `marker`. */
function cutBytes(text: string, max: number, marker = "…"): string {
  if (byteLength(text) <= max) return text;
  const budget = max - byteLength(marker);
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = byteLength(char);
    if (bytes + size > budget) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end) + marker;
}

/**
 * Check output quotes file names, commit subjects, patterns and model text: whatever the gate or
 * the review put in, no credential reaches GitHub through a check run.
 */
export const redactOutput = (text: string): string => redactSecrets(text).text;

/** The details (`output.text`), redacted; undefined past GitHub's limit (in bytes), rather than cut. */
export function detailsText(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const text = redactOutput(raw);
  return byteLength(text) <= checkRunLimits.summaryBytes ? text : undefined;
}

/**
 * The summary, redacted, within GitHub's 65,535 bytes of UTF-8 (one `é` is two, an emoji four).
 * When cut, it ends with a line saying how many characters were cut and where the full report is,
 * so nobody mistakes the cut text for all of it.
 */
export function capSummary(raw: string, max: number = checkRunLimits.summaryBytes): string {
  const summary = redactOutput(raw);
  if (byteLength(summary) <= max) return summary;
  const note = (cut: number) =>
    `\n\n---\n_${cut.toLocaleString("en-US")} characters were cut: the summary exceeded GitHub's ${max.toLocaleString("en-US")}-byte limit. The full report is in the annotations and the app's logs._`;
  // The note's own size depends on the number it prints; size it for the largest possible count.
  const kept = cutBytes(summary, max - byteLength(note(summary.length)), "");
  return kept + note(charCount(summary) - charCount(kept));
}

/**
 * Our annotation as GitHub accepts it: lines start at 1 and end no earlier than they start;
 * columns only on a single line (GitHub rejects them otherwise); message and title within limits.
 */
export function toGithubAnnotation(annotation: Annotation): GithubAnnotation {
  const start = Math.max(1, Math.trunc(annotation.start_line));
  const end = Math.max(start, Math.trunc(annotation.end_line));
  const columns =
    start === end && annotation.start_column !== undefined
      ? {
          start_column: Math.max(1, annotation.start_column),
          ...(annotation.end_column === undefined
            ? {}
            : { end_column: Math.max(annotation.start_column, annotation.end_column) }),
        }
      : {};
  return {
    path: annotation.path,
    start_line: start,
    end_line: end,
    ...columns,
    annotation_level: annotation.annotation_level,
    message: cutBytes(redactOutput(annotation.message), checkRunLimits.messageBytes),
    ...(annotation.title === undefined
      ? {}
      : { title: cutChars(redactOutput(annotation.title), checkRunLimits.annotationTitleChars) }),
  };
}

/** Annotations in request-sized batches, in order; always at least one (possibly empty) batch. */
export function annotationBatches(
  annotations: readonly Annotation[],
  size: number = checkRunLimits.annotationsPerRequest,
): GithubAnnotation[][] {
  const mapped = annotations.map(toGithubAnnotation);
  const batches: GithubAnnotation[][] = [];
  for (let index = 0; index < mapped.length; index += size) batches.push(mapped.slice(index, index + size));
  return batches.length > 0 ? batches : [[]];
}
