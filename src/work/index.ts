export { WorkQueue, WorkQueueClosedError } from "./work-queue.js";
export type { EnqueueOptions, WorkQueueOptions } from "./work-queue.js";
export { Sweeper } from "./sweeper.js";
export type { SweeperOptions } from "./sweeper.js";
export type { WorkLog } from "./work-log.js";
export { currentJobScope, jobLogMixin, noteTask, runInJobScope } from "./job-scope.js";
export type { AppServices, JobFields, JobScope } from "./job-scope.js";
