import type { Plan } from "./plan-schema.js";

/**
 * The mistakes the schema cannot see because they span the document: a duplicate id, a phase
 * naming an item that does not exist, an item in no phase or in two, a dependency on an unknown
 * item or on itself, and a cycle (named by its ids, so the author sees which edge to remove).
 * An item may depend on an item of a later phase: that is unusual, but only a cycle makes the
 * plan impossible to finish.
 */
export function checkPlanGraph(plan: Plan): string[] {
  const problems: string[] = [];
  const itemIndex = new Map<string, number>();
  plan.items.forEach((item, index) => {
    const first = itemIndex.get(item.id);
    if (first === undefined) itemIndex.set(item.id, index);
    else problems.push(`items[${index}].id: duplicate work item id "${item.id}" (also items[${first}])`);
  });
  const phaseIndex = new Map<string, number>();
  const phaseOfItem = new Map<string, string>();
  plan.phases.forEach((phase, index) => {
    const first = phaseIndex.get(phase.id);
    if (first === undefined) phaseIndex.set(phase.id, index);
    else problems.push(`phases[${index}].id: duplicate phase id "${phase.id}" (also phases[${first}])`);
    phase.items.forEach((id, position) => {
      const where = `phases[${index}].items[${position}]`;
      if (!itemIndex.has(id)) {
        problems.push(`${where}: unknown work item "${id}" (no entry in items has this id)`);
        return;
      }
      const other = phaseOfItem.get(id);
      if (other === undefined) phaseOfItem.set(id, phase.id);
      else problems.push(`${where}: work item "${id}" is already in phase "${other}"; an item belongs to one phase`);
    });
  });
  plan.items.forEach((item, index) => {
    if (itemIndex.get(item.id) === index && !phaseOfItem.has(item.id)) {
      problems.push(`items[${index}]: work item "${item.id}" is in no phase; add it to the items of one phase`);
    }
    item.depends_on.forEach((dependency, position) => {
      const where = `items[${index}].depends_on[${position}]`;
      if (dependency === item.id) problems.push(`${where}: work item "${item.id}" depends on itself`);
      else if (!itemIndex.has(dependency)) problems.push(`${where}: unknown work item "${dependency}"`);
    });
  });
  const cycle = findCycle(plan);
  if (cycle !== undefined) problems.push(`items: dependency cycle ${cycle.map((id) => `"${id}"`).join(" → ")}`);
  return problems;
}

/**
 * One dependency cycle (first id repeated at the end), or undefined. Iterative: a long chain
 * cannot overflow the stack.
 */
function findCycle(plan: Plan): string[] | undefined {
  const edges = new Map<string, string[]>();
  for (const item of plan.items) {
    if (!edges.has(item.id))
      edges.set(
        item.id,
        item.depends_on.filter((id) => id !== item.id),
      );
  }
  const state = new Map<string, "open" | "closed">();
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, "open");
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; next: number };
      const dependency = (edges.get(top.id) ?? [])[top.next++];
      if (dependency === undefined) {
        state.set(top.id, "closed");
        stack.pop();
      } else if (state.get(dependency) === "open") {
        const from = stack.findIndex((frame) => frame.id === dependency);
        return [...stack.slice(from).map((frame) => frame.id), dependency];
      } else if (!state.has(dependency) && edges.has(dependency)) {
        state.set(dependency, "open");
        stack.push({ id: dependency, next: 0 });
      }
    }
  }
  return undefined;
}
