import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { parseTaskSpec } from "../../../src/core/task/index.js";

interface FormElement {
  type: string;
  id?: string;
  attributes: { label?: string; options?: string[]; placeholder?: string };
  validations?: { required?: boolean };
}

const template = parse(
  readFileSync(new URL("../../../.github/ISSUE_TEMPLATE/autopilot-task.yml", import.meta.url), "utf8"),
) as { name: string; description: string; labels?: string[]; body: FormElement[] };

const inputs = template.body.filter((element) => element.type !== "markdown");

/** The issue body GitHub renders from a submitted form: `### <label>`, blank line, answer. */
const render = (answers: Record<string, string>): string =>
  inputs
    .map((element) => `### ${element.attributes.label}\n\n${answers[element.id ?? ""] ?? "_No response_"}`)
    .join("\n\n");

describe(".github/ISSUE_TEMPLATE/autopilot-task.yml", () => {
  it("is a well-formed issue form with unique ids", () => {
    expect(template.name).toBeTruthy();
    expect(template.description).toBeTruthy();
    const ids = inputs.map((element) => element.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const element of inputs) {
      expect(["textarea", "input", "dropdown", "checkboxes"]).toContain(element.type);
      expect(element.attributes.label).toBeTruthy();
    }
  });

  it("does not apply the trigger label, so only a maintainer can start a task", () => {
    expect(template.labels ?? []).not.toContain("autopilot");
  });

  it("offers exactly the allowed risk levels and modes", () => {
    const options = (id: string) => inputs.find((element) => element.id === id)?.attributes.options;
    expect(options("risk")).toEqual(["low", "medium", "high", "critical"]);
    expect(options("mode")).toEqual(["full", "review_only", "disabled"]);
  });

  it("produces a body the parser reads in full, with the free-text field as the brief", () => {
    const result = parseTaskSpec(
      render({
        brief: "Paginate GET /widgets.",
        scope: "src/widgets/**\ntest/widgets/**",
        forbidden: ".github/workflows/**",
        risk: "high",
        mode: "review_only",
        refs: "NT-0012, TD-0103, WBS-003",
        budget: "files: 20, lines: 600",
        acceptance: "- GET /widgets returns the list, paginated\n- Old clients keep working",
        tests: "npm test -- widgets",
      }),
    );
    expect(result).toEqual({
      ok: true,
      source: "form",
      warnings: [],
      brief: "### What needs doing\n\nPaginate GET /widgets.",
      spec: {
        scope: ["src/widgets/**", "test/widgets/**"],
        forbidden: [".github/workflows/**"],
        risk: "high",
        mode: "review_only",
        refs: ["NT-0012", "TD-0103", "WBS-003"],
        budget: { files: 20, lines: 600 },
        acceptance: ["GET /widgets returns the list, paginated", "Old clients keep working"],
        tests: ["npm test -- widgets"],
      },
    });
  });

  it("reads its own placeholders as valid answers", () => {
    const answers = Object.fromEntries(
      inputs.map((element) => [
        element.id ?? "",
        element.attributes.placeholder ?? element.attributes.options?.[0] ?? "",
      ]),
    );
    expect(parseTaskSpec(render(answers)).ok).toBe(true);
  });

  it("asks for every required field when only the optional ones are answered", () => {
    const result = parseTaskSpec(render({ brief: "Do it." }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.questions.map((q) => q.field)).toEqual(["scope", "risk", "acceptance"]);
    const required = inputs.filter((element) => element.validations?.required).map((element) => element.id);
    expect(required).toEqual(["brief", "scope", "risk", "acceptance"]);
  });
});
