import { inlineCode } from "./markdown-code.js";
import { normalizeFieldValue } from "./normalize-field-value.js";
import { suggestField } from "./owner-question.js";
import type { OwnerQuestion, SpecSyntax } from "./owner-question.js";
import { questionsFromIssues } from "./questions-from-issues.js";
import { blockField, readFencedSpec } from "./read-fenced-spec.js";
import type { FencedSpecRead } from "./read-fenced-spec.js";
import { readFormSections } from "./read-form-sections.js";
import { splitIssueBody } from "./split-issue-body.js";
import { stripHiddenContent } from "./strip-hidden-content.js";
import { fencedBlockExample, formLabel, isTaskSpecField, taskSpecFields } from "./task-spec-fields.js";
import type { TaskSpecField } from "./task-spec-fields.js";
import { taskSpecSchema } from "./task-spec.js";
import type { Risk, TaskSpec, TaskSpecInput } from "./task-spec.js";

export type ParseTaskSpecResult =
  | { ok: true; spec: TaskSpec; brief: string; source: "fenced" | "form" | "both"; warnings: string[] }
  | { ok: false; questions: OwnerQuestion[]; partial: Partial<TaskSpecInput>; brief: string };

export interface ParseTaskSpecOptions {
  defaults?: {
    /** the configured forbidden globs; the issue's own are added after them */
    forbidden?: string[];
    /** the configured scope, used when the issue names none */
    scope?: string[];
    /** the configured risk level, used when the issue states none */
    risk?: Risk;
  };
}

/** Compares values independent of key order, for "set differently in both" warnings. */
const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );

const showValue = (value: unknown): string =>
  Array.isArray(value)
    ? value.map((item) => inlineCode(String(item), 60)).join(", ")
    : value && typeof value === "object"
      ? inlineCode(
          Object.entries(value)
            .map(([key, inner]) => `${key}: ${String(inner)}`)
            .join(", "),
        )
      : inlineCode(String(value));

const dedupe = (items: readonly string[]): string[] => [...new Set(items)];

/** The block as a whole first, then fields in spec order, then unknown keys. */
const questionRank = (question: OwnerQuestion): number => {
  if (question.field === blockField) return -1;
  const index = taskSpecFields.indexOf(question.field as TaskSpecField);
  return index === -1 ? taskSpecFields.length : index;
};

/** Reads every ```autopilot block; two or more are ambiguous, so none of them is used. */
function readBlocks(blocks: ReturnType<typeof splitIssueBody>["blocks"]): {
  fenced: FencedSpecRead | undefined;
  questions: OwnerQuestion[];
  keysWritten: Set<string>;
} {
  const reads = blocks.map(readFencedSpec);
  const keysWritten = new Set(reads.flatMap((read) => [...read.keysWritten]));
  if (reads.length <= 1) {
    return { fenced: reads[0], questions: reads[0]?.questions ?? [], keysWritten };
  }
  const lines = blocks.map((block) => block.line).join(", ");
  return {
    fenced: undefined,
    keysWritten,
    questions: [
      {
        field: blockField,
        problem: `${blocks.length} autopilot blocks (at lines ${lines}); merge them into one`,
        example: fencedBlockExample,
      },
    ],
  };
}

/**
 * Reads the task spec from an issue body: a fenced ```autopilot block, GitHub issue-form sections
 * (`### Scope`, `### Risk`, …), or both (the block wins field by field, with a warning where they
 * disagree). Hidden content is stripped first, so a spec inside an HTML comment does not count.
 * Either the spec and the brief (the body without the spec), or every problem at once as owner
 * questions with valid examples.
 */
export function parseTaskSpec(
  issueBody: string | null | undefined,
  options: ParseTaskSpecOptions = {},
): ParseTaskSpecResult {
  const parts = splitIssueBody(stripHiddenContent(issueBody ?? ""));
  const { brief } = parts;
  const blocks = readBlocks(parts.blocks);
  const form = readFormSections(parts.sections);
  const questions: OwnerQuestion[] = [...blocks.questions, ...form.questions];
  const warnings: string[] = [];
  if (parts.blocks.some((block) => !block.closed)) {
    warnings.push("The autopilot block has no closing fence, so it was read to the end of the issue.");
  }

  const candidate: Record<string, unknown> = {};
  const origin = new Map<TaskSpecField, SpecSyntax>();
  for (const field of taskSpecFields) {
    const fromBlock = normalizeFieldValue(field, blocks.fenced?.values[field]);
    const fromForm = normalizeFieldValue(field, form.values[field]);
    if (fromBlock !== undefined) {
      candidate[field] = fromBlock;
      origin.set(field, "fenced");
      if (fromForm !== undefined && stableJson(fromBlock) !== stableJson(fromForm)) {
        warnings.push(
          `${field} is set twice: the autopilot block says ${showValue(fromBlock)}, the ` +
            `\`### ${formLabel(field)}\` section says ${showValue(fromForm)}; the autopilot block wins.`,
        );
      }
    } else if (fromForm !== undefined) {
      candidate[field] = fromForm;
      origin.set(field, "form");
    }
  }

  // Examples answer in the syntax the owner chose; a block is the default for a bare issue.
  const defaultSyntax: SpecSyntax = parts.blocks.length === 0 && form.fieldsWritten.size > 0 ? "form" : "fenced";
  const syntaxOf = (field: string): SpecSyntax =>
    (isTaskSpecField(field) ? origin.get(field) : undefined) ?? defaultSyntax;

  // Written but unreadable (broken block, duplicated section, misspelled key): already asked.
  const alreadyAsked = new Set<string>([
    ...(blocks.fenced?.readable === false || parts.blocks.length > 1 ? blocks.keysWritten : []),
    ...questions.map((question) => question.field),
    ...questions.map((question) => suggestField(question.field)).filter((field) => field !== undefined),
  ]);

  // Configured defaults fill only fields the owner left out; a written but invalid value is still asked about.
  if (candidate.scope === undefined && options.defaults?.scope?.length) candidate.scope = [...options.defaults.scope];
  if (candidate.risk === undefined && options.defaults?.risk !== undefined) candidate.risk = options.defaults.risk;
  const checked = taskSpecSchema.safeParse(candidate);
  if (!checked.success) {
    questions.push(...questionsFromIssues(checked.error.issues, candidate, syntaxOf, alreadyAsked));
  }
  if (!checked.success || questions.length > 0) {
    const ranked = mergeQuestions(questions);
    return { ok: false, questions: ranked, partial: validPart(candidate, ranked), brief };
  }

  const spec = checked.data;
  spec.forbidden = dedupe([...(options.defaults?.forbidden ?? []), ...spec.forbidden]);
  for (const glob of [...spec.scope, ...spec.forbidden]) {
    if (/\s/.test(glob)) warnings.push(`The glob ${inlineCode(glob)} holds a space; check that it is a path.`);
  }
  const fromBlock = hasValues(blocks.fenced?.values ?? {});
  const fromForm = hasValues(form.values);
  const source = fromBlock && fromForm ? "both" : fromBlock ? "fenced" : "form";
  return { ok: true, spec, brief, source, warnings };
}

const hasValues = (values: Partial<Record<TaskSpecField, unknown>>): boolean =>
  taskSpecFields.some((field) => normalizeFieldValue(field, values[field]) !== undefined);

/** One question per field, in a stable order: the block as a whole, fields, unknown keys. */
function mergeQuestions(questions: readonly OwnerQuestion[]): OwnerQuestion[] {
  const byField = new Map<string, OwnerQuestion>();
  for (const question of questions) {
    const earlier = byField.get(question.field);
    byField.set(
      question.field,
      earlier ? { ...earlier, problem: `${earlier.problem}; ${question.problem}` } : question,
    );
  }
  return [...byField.values()]
    .map((question, index) => ({ question, index }))
    .sort((a, b) => questionRank(a.question) - questionRank(b.question) || a.index - b.index)
    .map(({ question }) => question);
}

/** The fields that are valid on their own and not asked about, as the owner wrote them. */
function validPart(candidate: Record<string, unknown>, questions: readonly OwnerQuestion[]): Partial<TaskSpecInput> {
  const asked = new Set(questions.map((question) => question.field));
  const partial: Record<string, unknown> = {};
  for (const field of taskSpecFields) {
    const value = candidate[field];
    if (value === undefined || asked.has(field)) continue;
    if (taskSpecSchema.shape[field].safeParse(value).success) partial[field] = value;
  }
  return partial as Partial<TaskSpecInput>;
}
