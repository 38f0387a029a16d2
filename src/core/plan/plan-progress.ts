import type { Crosswalk } from "../concordance/crosswalk-schema.js";
import { compareTaskIds, type QueueEntry } from "../queue/queue-entry.js";
import type { Phase, Plan, WorkItem } from "./plan-schema.js";

/**
 * Where a work item stands, from the tasks that name it in the queue:
 * `done` when it has tasks and every one of them is done; `in_progress` while one is in progress
 * or in review; `blocked` while one is blocked or waits for its owner; `queued` when its tasks
 * wait to start; `open` when no task names it yet. An item without a task is never done: the
 * plan says what is to be built, only a merged task says it was.
 */
export type ItemStatus = "done" | "in_progress" | "blocked" | "queued" | "open";

export interface ItemProgress {
  item: WorkItem;
  phaseId: string;
  status: ItemStatus;
  /** the tasks that name the item (`item:` in their recorded spec), by id */
  tasks: QueueEntry[];
  /** the items it depends on that are not done yet */
  waitsOn: string[];
  /** the item's refs the crosswalk records as done */
  refsDone: string[];
}

export type PhaseStatus = "done" | "in_progress" | "not_started";

export interface PhaseProgress {
  phase: Phase;
  status: PhaseStatus;
  items: ItemProgress[];
  done: number;
  total: number;
}

export interface PlanProgress {
  plan: Plan;
  phases: PhaseProgress[];
  /** work items done and in all */
  done: number;
  total: number;
  phasesDone: number;
  /** tasks whose recorded item is not in the plan (the plan changed after they were dispatched) */
  strays: { taskId: string; issue: number; item: string }[];
}

/** The work item a queue entry names, as recorded at dispatch (never what a pull request says). */
export const itemOfEntry = (entry: QueueEntry): string | undefined => {
  const item = (entry as { item?: unknown }).item;
  return typeof item === "string" ? item : undefined;
};

function itemStatus(tasks: readonly QueueEntry[]): ItemStatus {
  if (tasks.length === 0) return "open";
  if (tasks.every((task) => task.status === "done")) return "done";
  if (tasks.some((task) => task.status === "in_progress" || task.status === "review")) return "in_progress";
  if (tasks.some((task) => task.status === "blocked" || task.status === "needs_owner")) return "blocked";
  return "queued";
}

/** `floor`, so a phase reads 100% only when it is done. */
export const percent = (done: number, total: number): number => (total === 0 ? 0 : Math.floor((done * 100) / total));

/**
 * Progress of the plan per work item, per phase and overall, computed from the plan, the queue
 * (which task names which item, and its status) and the crosswalk (which refs are done). Pure:
 * the app after a merge and `autopilot progress` call it with the same files and get the same.
 */
export function planProgress(plan: Plan, entries: readonly QueueEntry[], crosswalk: Crosswalk): PlanProgress {
  const known = new Set(plan.items.map((item) => item.id));
  const tasksOf = new Map<string, QueueEntry[]>();
  const strays: PlanProgress["strays"] = [];
  for (const entry of [...entries].sort((a, b) => compareTaskIds(a.id, b.id))) {
    const item = itemOfEntry(entry);
    if (item === undefined) continue;
    if (!known.has(item)) strays.push({ taskId: entry.id, issue: entry.issue, item });
    else tasksOf.set(item, [...(tasksOf.get(item) ?? []), entry]);
  }
  const status = new Map(plan.items.map((item) => [item.id, itemStatus(tasksOf.get(item.id) ?? [])]));
  const items = new Map(plan.items.map((item) => [item.id, item]));
  const phases = plan.phases.map((phase): PhaseProgress => {
    const progress = phase.items.flatMap((id): ItemProgress[] => {
      const item = items.get(id);
      if (item === undefined) return [];
      return [
        {
          item,
          phaseId: phase.id,
          status: status.get(id) ?? "open",
          tasks: tasksOf.get(id) ?? [],
          waitsOn: item.depends_on.filter((dependency) => status.get(dependency) !== "done"),
          refsDone: item.refs.filter((ref) => crosswalk.entries[ref]?.status === "done"),
        },
      ];
    });
    const done = progress.filter((item) => item.status === "done").length;
    const started = progress.some((item) => item.status !== "open" && item.status !== "queued");
    return {
      phase,
      status: done === progress.length ? "done" : done > 0 || started ? "in_progress" : "not_started",
      items: progress,
      done,
      total: progress.length,
    };
  });
  return {
    plan,
    phases,
    done: phases.reduce((sum, phase) => sum + phase.done, 0),
    total: phases.reduce((sum, phase) => sum + phase.total, 0),
    phasesDone: phases.filter((phase) => phase.status === "done").length,
    strays,
  };
}
