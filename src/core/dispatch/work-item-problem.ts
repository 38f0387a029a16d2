import { parsePlan, planPath } from "../plan/index.js";

/** The work items a spec may name: those of a valid `ops/por.json` on the default branch. */
export type KnownWorkItems = { kind: "absent" } | { kind: "invalid"; problems: number } | { kind: "ok"; ids: string[] };

export function knownWorkItems(planText: string | undefined): KnownWorkItems {
  const parsed = parsePlan(planText);
  if (parsed.kind === "absent") return { kind: "absent" };
  if (parsed.kind === "invalid") return { kind: "invalid", problems: parsed.errors.length };
  return { kind: "ok", ids: parsed.plan.items.map((item) => item.id) };
}

const shownIds = 20;

/**
 * What is wrong with the work item a spec names, for the owner's question; undefined when the
 * plan has it. The item was validated as a WBS id (digits and dots), so it is safe in a code span.
 */
export function workItemProblem(item: string, known: KnownWorkItems): string | undefined {
  if (known.kind === "absent") {
    return (
      `names work item \`${item}\`, but the repository has no plan of record (\`${planPath}\` on the default ` +
      "branch): add the plan first, or remove `item`"
    );
  }
  if (known.kind === "invalid") {
    return (
      `names work item \`${item}\`, but \`${planPath}\` on the default branch is not a valid plan ` +
      `(${known.problems} problem(s); \`autopilot progress\` lists them): fix the plan, or remove \`item\``
    );
  }
  if (known.ids.includes(item)) return undefined;
  const ids = known.ids.slice(0, shownIds).map((id) => `\`${id}\``);
  const more = known.ids.length > shownIds ? `, … (${known.ids.length} in all)` : "";
  return `no work item \`${item}\` in \`${planPath}\`; the plan has ${ids.join(", ")}${more}`;
}
