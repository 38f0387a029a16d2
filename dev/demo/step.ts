import type { DemoWorld } from "./actors.js";
import type { CheckRunView } from "./read-back.js";
import type { DemoReviewers } from "./reviewers.js";
import type { Transcript } from "./transcript.js";

/** A task the story started: its issue, its PR and branch as Autopilot created them. */
export interface TaskRef {
  taskId: string;
  issue: number;
  pr: number;
  nodeId: string;
  branch: string;
}

/** What the steps hand on to each other and to the summary. */
export interface StoryState {
  reviewers: DemoReviewers;
  /** the pagination task of steps 1–4 */
  task?: TaskRef;
  /** every task the story started, in order */
  tasks: TaskRef[];
  /** every check run the transcript showed, by id */
  checks: Map<number, CheckRunView>;
  /** values that must never appear in the transcript (the credential the agent leaked) */
  secrets: string[];
}

export interface StepContext {
  world: DemoWorld;
  transcript: Transcript;
  state: StoryState;
}

/** One step of the story: it acts as people do, waits for Autopilot, reads back and checks what it did. */
export interface DemoStep {
  /** 0 for the setup, then 1–5 as in the README */
  number: number;
  title: string;
  run(context: StepContext): Promise<void>;
}

/** Waits until Autopilot has handled every webhook the last move set off (no sleeps). */
export const settle = (context: StepContext): Promise<void> => context.world.autopilot.settle();
