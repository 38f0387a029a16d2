/** The keys of a task spec, in the order the app writes them and asks about them. */
export const taskSpecFields = [
  "scope",
  "forbidden",
  "risk",
  "mode",
  "refs",
  "item",
  "budget",
  "acceptance",
  "tests",
] as const;
export type TaskSpecField = (typeof taskSpecFields)[number];

export const isTaskSpecField = (key: string): key is TaskSpecField =>
  (taskSpecFields as readonly string[]).includes(key);

/**
 * Issue-form headings for each field, lower case; the first is the label the issue template
 * uses and the one examples show. Matching ignores case, a trailing colon and a parenthetical.
 */
export const formHeadings: Record<TaskSpecField, readonly string[]> = {
  scope: ["scope"],
  forbidden: ["forbidden", "forbidden paths"],
  risk: ["risk", "risk level"],
  mode: ["mode", "autopilot mode"],
  refs: ["refs", "references"],
  item: ["work item", "item", "wbs"],
  budget: ["budget", "change budget"],
  acceptance: ["acceptance criteria", "acceptance"],
  tests: ["test commands", "tests"],
};

/** Heading text as it appears in the issue template (`### Acceptance criteria`). */
export const formLabel = (field: TaskSpecField): string => {
  const label = formHeadings[field][0] ?? field;
  return label.charAt(0).toUpperCase() + label.slice(1);
};

/** A valid answer for each field, both as a line of the ```autopilot block and as a form section. */
export const fieldExamples: Record<TaskSpecField, { fenced: string; form: string }> = {
  scope: {
    fenced: 'scope: ["src/widgets/**", "test/widgets/**"]',
    form: "### Scope\n\n- src/widgets/**\n- test/widgets/**",
  },
  forbidden: {
    fenced: 'forbidden: [".github/workflows/**"]',
    form: "### Forbidden\n\n- .github/workflows/**",
  },
  risk: { fenced: "risk: medium", form: "### Risk\n\nmedium" },
  mode: { fenced: "mode: full", form: "### Mode\n\nfull" },
  refs: {
    fenced: "refs: [NT-0012, TD-0103, WBS-003]",
    form: "### Refs\n\nNT-0012, TD-0103, WBS-003",
  },
  item: { fenced: 'item: "1.2"', form: "### Work item\n\n1.2" },
  budget: {
    fenced: "budget: { files: 20, lines: 600 }",
    form: "### Budget\n\nfiles: 20, lines: 600",
  },
  acceptance: {
    fenced: 'acceptance:\n  - "GET /widgets returns the list, paginated"',
    form: "### Acceptance criteria\n\n- GET /widgets returns the list, paginated",
  },
  tests: {
    fenced: 'tests: ["npm test -- widgets"]',
    form: "### Test commands\n\nnpm test -- widgets",
  },
};

/** A whole valid block, for problems that are not about a single field. */
export const fencedBlockExample = [
  "```autopilot",
  'scope: ["src/widgets/**", "test/widgets/**"]',
  "risk: medium",
  "acceptance:",
  '  - "GET /widgets returns the list, paginated"',
  "```",
].join("\n");

/** What each required field is for, said when it is missing. */
export const missingFieldProblems: Partial<Record<TaskSpecField, string>> = {
  scope: "missing: name at least one path glob the agent may write",
  risk: "missing: say how risky the change is, one of low, medium, high, critical",
  acceptance: 'missing: list at least one checkable criterion of what "done" means',
};
