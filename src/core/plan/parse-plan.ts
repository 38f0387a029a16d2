import { formatJsonPath, type JsonPath } from "../concordance/format-json-path.js";
import { parseJson } from "../concordance/parse-json.js";
import { checkPlanGraph } from "./check-plan-graph.js";
import { planPath, planSchema, type Plan } from "./plan-schema.js";

export type ParsePlanResult = { kind: "absent" } | { kind: "invalid"; errors: string[] } | { kind: "ok"; plan: Plan };

/**
 * Reads `ops/por.json`. A missing file is no plan (the repository does not use one); anything
 * else that is not a valid plan is `invalid` with every problem, each prefixed with the file and
 * the JSON path, so the author can fix them all at once. Never throws.
 */
export function parsePlan(text: string | undefined, path: string = planPath): ParsePlanResult {
  if (text === undefined) return { kind: "absent" };
  const json = parseJson(text);
  if (!json.ok) return { kind: "invalid", errors: [`${path}: ${json.message}`] };
  const parsed = planSchema.safeParse(json.value);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => {
      const where = issue.path.filter((part): part is string | number => typeof part !== "symbol") as JsonPath;
      return `${path}: ${where.length > 0 ? `${formatJsonPath(where)}: ` : ""}${issue.message}`;
    });
    return { kind: "invalid", errors };
  }
  const problems = checkPlanGraph(parsed.data);
  if (problems.length > 0) return { kind: "invalid", errors: problems.map((problem) => `${path}: ${problem}`) };
  return { kind: "ok", plan: parsed.data };
}
