import type { Crosswalk } from "../concordance/crosswalk-schema.js";
import { outlinePath, planView, renderOutline } from "../plan/index.js";
import { listEntries, type QueueDocument } from "../queue/queue-document.js";
import { renderProgress } from "./render-progress.js";

export const progressPath = "docs/PROGRESS.md";

export interface RecordsInput {
  queue: QueueDocument;
  /** `ops/por.json` as the default branch has it; undefined when there is none */
  planText: string | undefined;
  crosswalk: Crosswalk;
  repoUrl: string;
  now: Date;
  queueFile: string;
  /** how many recent transitions PROGRESS.md lists */
  recent?: number;
}

/**
 * The generated records of a repository, path → text: `docs/PROGRESS.md` always, and
 * `docs/OUTLINE.md` when the repository has a plan of record. The app (after each merge) and
 * `autopilot progress` (offline, from a checkout) both call this, so they write the same files.
 */
export function renderRecords(input: RecordsInput): Record<string, string> {
  const view = planView(input.planText, listEntries(input.queue), input.crosswalk);
  const files: Record<string, string> = {
    [progressPath]: renderProgress(input.queue, {
      repoUrl: input.repoUrl,
      now: input.now,
      recent: input.recent ?? 10,
      queueFile: input.queueFile,
      plan: view,
    }),
  };
  if (view.kind !== "absent") {
    files[outlinePath] = renderOutline(view, { repoUrl: input.repoUrl, now: input.now, queueFile: input.queueFile });
  }
  return files;
}
