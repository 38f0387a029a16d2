import { taskIdPattern } from "./task-spec.js";

/** `ops/tasks` + `T-12` → `ops/tasks/T-12.md`. The id is checked so it can never climb out of `dir`. */
export function taskFilePath(dir: string, taskId: string): string {
  if (!taskIdPattern.test(taskId)) {
    throw new RangeError(`taskFilePath: the task id must look like T-42, got ${JSON.stringify(taskId)}`);
  }
  const base = dir.replace(/\/+$/, "");
  return base === "" || base === "." ? `${taskId}.md` : `${base}/${taskId}.md`;
}
