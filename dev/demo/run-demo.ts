import { Sandbox } from "@autopilot/github-sandbox";
import { startAutopilotOnSandbox, type AutopilotOnSandbox } from "../autopilot-on-sandbox.js";
import { createActors, type DemoWorld } from "./actors.js";
import { printLookAround, untilInterrupted } from "./look-around.js";
import { chooseReviewers } from "./reviewers.js";
import type { DemoStep, StoryState } from "./step.js";
import { playStory, stepLabel, storySteps, type BeforeStep } from "./story.js";
import { printSummary } from "./summary.js";
import { Transcript, type TranscriptOutput } from "./transcript.js";

export interface DemoOptions {
  /** where the transcript goes (stdout in the CLI) */
  out: TranscriptOutput;
  /** where ANTHROPIC_API_KEY / OPENAI_API_KEY are looked up; default `process.env` */
  env?: Readonly<Record<string, string | undefined>>;
  /** colour; default: when `out` is a terminal and NO_COLOR is unset */
  color?: boolean;
  /** leave the sandbox running after the story, until `untilStopped` resolves */
  keep?: boolean;
  /** the sandbox's port; default any free one */
  port?: number;
  /** default: Ctrl-C or SIGTERM */
  untilStopped?: () => Promise<void>;
  /** runs before each step (tests break the world here to see the demo fail) */
  beforeStep?: BeforeStep;
  steps?: readonly DemoStep[];
}

export interface DemoResult {
  /** 0 every expected outcome happened, 1 one did not */
  exitCode: 0 | 1;
  /** the step that failed: 0 setup, 1–5 */
  failedStep?: number;
  transcript: string;
}

/**
 * Starts a sandbox GitHub with Autopilot connected, plays the story on acme/widgets as its
 * people would, prints what each did and what Autopilot did in response, and ends with a summary.
 * Everything stays on 127.0.0.1 unless both review API keys are set.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const startedAt = performance.now();
  const transcript = new Transcript(options.out, options.color === undefined ? {} : { color: options.color });
  const reviewers = chooseReviewers(options.env ?? process.env);
  transcript.title("Autopilot demo: a local GitHub (the sandbox) with Autopilot connected, acme/widgets, five steps");
  transcript.line(`Reviewers: ${reviewers.description}.`);

  const sandbox = await Sandbox.start({
    installApp: false,
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  let autopilot: AutopilotOnSandbox | undefined;
  try {
    autopilot = await startAutopilotOnSandbox(sandbox, { reviewPorts: reviewers.ports });
    sandbox.installApp();
    await autopilot.settle();
    const world: DemoWorld = { sandbox, autopilot, actors: createActors(sandbox) };
    const state: StoryState = { reviewers, tasks: [], checks: new Map(), secrets: [] };
    const result = await playStory({ world, transcript, state }, options.steps ?? storySteps, options.beforeStep);
    await printSummary(world, state, transcript, startedAt);

    let failedStep: number | undefined;
    transcript.blank();
    if (!result.ok) {
      failedStep = result.step.number;
      transcript.failure(
        `✗ The demo failed at ${stepLabel(result.step)}: ${result.unexpected ? "unexpected error: " : ""}${result.message}`,
      );
    } else if (state.secrets.some((secret) => transcript.text.includes(secret))) {
      failedStep = 2;
      transcript.failure(
        "✗ The demo failed at step 2: the transcript shows the leaked credential in clear; only its redacted form may appear.",
      );
    } else {
      transcript.success("✓ Every step did what it should.");
    }
    if (options.keep) {
      printLookAround(sandbox, transcript);
      await (options.untilStopped ?? untilInterrupted)();
    }
    return {
      exitCode: failedStep === undefined ? 0 : 1,
      ...(failedStep === undefined ? {} : { failedStep }),
      transcript: transcript.text,
    };
  } finally {
    await autopilot?.stop();
    await sandbox.stop();
  }
}
