import type { DemoWorld } from "./actors.js";
import { ExpectationFailed } from "./expectation.js";
import type { DemoStep, StepContext } from "./step.js";
import { approvalStep } from "./story-approval.js";
import { dispatchStep, setupStep } from "./story-dispatch.js";
import { gatesStep } from "./story-gates.js";
import { mergeStep, reviewStep } from "./story-merge.js";

/** The story in the README's order: setup, then steps 1–5. */
export const storySteps: readonly DemoStep[] = [
  setupStep,
  dispatchStep,
  gatesStep,
  reviewStep,
  mergeStep,
  approvalStep,
];

/** Runs before a step: tests use it to break the world and check that the demo notices. */
export type BeforeStep = (step: number, world: DemoWorld) => Promise<void>;

export type StoryResult =
  | { ok: true }
  /** `unexpected`: an error other than a missed expectation (a failed request, a crash) */
  | { ok: false; step: DemoStep; message: string; unexpected: boolean };

export const stepLabel = (step: DemoStep): string =>
  step.number === 0 ? `setup (${step.title})` : `step ${step.number} (${step.title})`;

/** Plays the steps in order and stops at the first one whose expected outcome did not happen. */
export async function playStory(
  context: StepContext,
  steps: readonly DemoStep[],
  beforeStep?: BeforeStep,
): Promise<StoryResult> {
  for (const step of steps) {
    context.transcript.heading(step.number === 0 ? "Setup" : `Step ${step.number}`, step.title);
    try {
      if (beforeStep) await beforeStep(step.number, context.world);
      await step.run(context);
    } catch (error) {
      const unexpected = !(error instanceof ExpectationFailed);
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, step, message, unexpected };
    }
  }
  return { ok: true };
}
