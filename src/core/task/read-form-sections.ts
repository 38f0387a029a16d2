import { exampleFor } from "./owner-question.js";
import type { OwnerQuestion } from "./owner-question.js";
import { readBudgetText, readListText, readScalarText } from "./read-field-text.js";
import type { ListOptions } from "./read-field-text.js";
import { noResponse } from "./split-issue-body.js";
import type { SpecSection } from "./split-issue-body.js";
import { formLabel } from "./task-spec-fields.js";
import type { TaskSpecField } from "./task-spec-fields.js";

export interface FormSectionsRead {
  /** values of the answered sections, in the shapes the schema expects (lists, text, budget map) */
  values: Partial<Record<TaskSpecField, unknown>>;
  questions: OwnerQuestion[];
  /** fields that have a section, answered or not */
  fieldsWritten: Set<TaskSpecField>;
}

const listOptions: Partial<Record<TaskSpecField, ListOptions>> = {
  scope: { split: "globs", keepUnchecked: false },
  forbidden: { split: "globs", keepUnchecked: false },
  refs: { split: "ids", keepUnchecked: false },
  // A criterion or a command is a whole line (it may hold commas); an unticked box still counts.
  acceptance: { split: "lines", keepUnchecked: true },
  tests: { split: "lines", keepUnchecked: true },
};

/** Reads `### Scope`, `### Risk`, … sections as GitHub renders an issue form. */
export function readFormSections(sections: readonly SpecSection[]): FormSectionsRead {
  const values: Partial<Record<TaskSpecField, unknown>> = {};
  const questions: OwnerQuestion[] = [];
  const fieldsWritten = new Set<TaskSpecField>();
  const ask = (field: TaskSpecField, problem: string): void => {
    questions.push({ field, problem, example: exampleFor(field, "form") });
  };

  for (const section of sections) {
    const { field } = section;
    if (fieldsWritten.has(field)) continue;
    fieldsWritten.add(field);
    const same = sections.filter((other) => other.field === field);
    if (same.length > 1) {
      const lines = same.map((other) => other.line).join(", ");
      ask(field, `${same.length} \`### ${formLabel(field)}\` sections (lines ${lines}); keep one`);
      continue;
    }
    const text = section.content.trim();
    if (text === "" || text === noResponse) continue;

    const list = listOptions[field];
    if (list) {
      const items = readListText(text, list);
      if (items.length > 0) values[field] = items;
    } else if (field === "budget") {
      const budget = readBudgetText(text);
      values.budget = budget.value;
      for (const problem of budget.problems) ask(field, problem);
    } else {
      const scalar = readScalarText(text);
      if (!scalar.ok) ask(field, scalar.problem);
      else if (scalar.value !== undefined) values[field] = scalar.value;
    }
  }
  return { values, questions, fieldsWritten };
}
