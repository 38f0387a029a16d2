import { randomInt } from "node:crypto";
import { pushCommit } from "./actors.js";
import { expectFound, expectThat } from "./expectation.js";
import { annotationsOf, checkRunsOn, type AnnotationView, type CheckRunView } from "./read-back.js";
import { settle, type DemoStep, type StepContext, type TaskRef } from "./step.js";

const gateNames = ["autopilot/scope", "autopilot/concordance", "autopilot/secrets"] as const;

/**
 * A credential of GitHub's classic token shape, made up at run time (the source holds no
 * secret-shaped literal): prefix and 36 random letters and digits.
 */
export function madeUpGithubToken(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const body = Array.from({ length: 36 }, () => alphabet[randomInt(alphabet.length)]).join("");
  return ["gh", "p_", body].join("");
}

const trailers = (task: TaskRef): string => `\n\nTask: ${task.taskId}\nRefs: NT-0012\n`;

/**
 * Prints the gates Autopilot reported on a commit, with the first annotation of each failing one,
 * and returns them; fails the step when one of the three gates is missing.
 */
export async function reportGates(
  context: StepContext,
  sha: string,
): Promise<Map<string, CheckRunView & { annotation?: AnnotationView }>> {
  const { owner } = context.world.actors;
  const runs = await checkRunsOn(owner, sha);
  const gates = new Map<string, CheckRunView & { annotation?: AnnotationView }>();
  context.transcript.autopilot(`reports its gates on ${sha.slice(0, 7)}:`);
  for (const name of gateNames) {
    const run = expectFound(
      runs.get(name),
      `expected a ${name} check run on ${sha.slice(0, 7)}; GitHub lists ${[...runs.keys()].join(", ") || "none"}`,
    );
    context.state.checks.set(run.id, run);
    context.transcript.check(name, run.conclusion, run.title);
    const annotation = run.conclusion === "failure" ? (await annotationsOf(owner, run.id))[0] : undefined;
    if (annotation)
      context.transcript.detail(
        `  ${annotation.path}:${annotation.line} [${annotation.level}] ${annotation.message.split("\n")[0] ?? ""}`,
      );
    gates.set(name, { ...run, ...(annotation ? { annotation } : {}) });
  }
  return gates;
}

function expectConclusion(gates: Map<string, CheckRunView>, name: string, conclusion: string, why: string): void {
  const run = gates.get(name);
  expectThat(
    run?.conclusion === conclusion,
    `expected ${name} to conclude ${conclusion} (${why}); it says ${run?.conclusion ?? "nothing"}${run?.title ? `: ${run.title}` : ""}`,
  );
}

/** 2. The agent pushes out of scope, then a credential, then the right change: the gates answer each push. */
export const gatesStep: DemoStep = {
  number: 2,
  title: "the coding agent's pushes and the gates",
  async run(context) {
    const { world, transcript } = context;
    const { agent } = world.actors;
    const task = expectFound(context.state.task, "expected the task dispatched in step 1");

    const outside = await pushCommit(agent, task.branch, `Bill widget exports${trailers(task)}`, {
      "src/billing/export-fees.ts": "export const feePerExport = 0.02;\n",
    });
    transcript.actor(
      "widget-agent (coding agent)",
      `pushes ${outside.slice(0, 7)}: adds src/billing/export-fees.ts, outside the task's scope`,
    );
    await settle(context);
    let gates = await reportGates(context, outside);
    expectConclusion(gates, "autopilot/scope", "failure", "src/billing/** is outside src/widgets/**, test/widgets/**");
    expectFound(
      gates.get("autopilot/scope")?.annotation,
      "expected autopilot/scope to annotate the path outside the scope",
    );

    const credential = madeUpGithubToken();
    context.state.secrets.push(credential);
    const leaked = await pushCommit(agent, task.branch, `Call the widget API${trailers(task)}`, {
      "src/billing/export-fees.ts": null,
      "src/widgets/widget-api.ts": `export const widgetApiToken = "${credential}";\n`,
    });
    transcript.actor(
      "widget-agent (coding agent)",
      `pushes ${leaked.slice(0, 7)}: removes the billing file, hard-codes a GitHub token in src/widgets/widget-api.ts`,
    );
    await settle(context);
    gates = await reportGates(context, leaked);
    expectConclusion(gates, "autopilot/secrets", "failure", "an added line holds a GitHub token");
    const finding = expectFound(
      gates.get("autopilot/secrets")?.annotation,
      "expected autopilot/secrets to annotate the line with the credential",
    );
    const shown = [...gates.values()]
      .map((gate) => `${gate.title ?? ""} ${gate.summary ?? ""} ${gate.annotation?.message ?? ""}`)
      .join("\n");
    expectThat(
      !shown.includes(credential),
      "expected the credential to be redacted in the check run; GitHub shows it in clear",
    );
    expectThat(
      finding.path === "src/widgets/widget-api.ts",
      `expected the secrets annotation on src/widgets/widget-api.ts; it is on ${finding.path}`,
    );

    const correct = await pushCommit(agent, task.branch, `Page widget lists by 50 with a cursor${trailers(task)}`, {
      "src/widgets/widget-api.ts": 'export const widgetApiToken = process.env.WIDGET_API_TOKEN ?? "";\n',
      "src/widgets/list-widgets.ts": listWidgetsPaged,
      "test/widgets/list-widgets.test.ts": listWidgetsPagedTest,
    });
    transcript.actor(
      "widget-agent (coding agent)",
      `pushes ${correct.slice(0, 7)}: reads the token from the environment, pages lists by 50 with a cursor, tests it (trailers Task: ${task.taskId}, Refs: NT-0012)`,
    );
    await settle(context);
    gates = await reportGates(context, correct);
    for (const name of gateNames) expectConclusion(gates, name, "success", "the change is in scope, traced and clean");
  },
};

const listWidgetsPaged = `export interface Widget {
  id: string;
  name: string;
}

export interface WidgetPage {
  widgets: Widget[];
  /** where the next page starts; absent on the last page */
  cursor?: string;
}

/** Lists the widgets of a workspace in creation order, 50 per page, from \`cursor\` on. */
export function listWidgets(widgets: readonly Widget[], cursor?: string, pageSize = 50): WidgetPage {
  const start = cursor === undefined ? 0 : widgets.findIndex((widget) => widget.id === cursor);
  const page = widgets.slice(Math.max(start, 0), Math.max(start, 0) + pageSize);
  const next = widgets[Math.max(start, 0) + pageSize];
  return next ? { widgets: page, cursor: next.id } : { widgets: page };
}
`;

const listWidgetsPagedTest = `import { expect, it } from "vitest";
import { listWidgets } from "../../src/widgets/list-widgets.js";

const widgets = Array.from({ length: 120 }, (_, index) => ({ id: \`w\${index}\`, name: \`Widget \${index}\` }));

it("returns 50 widgets per page and a cursor to the next page", () => {
  const first = listWidgets(widgets);
  expect(first.widgets).toHaveLength(50);
  const third = listWidgets(widgets, listWidgets(widgets, first.cursor).cursor);
  expect(third.widgets).toHaveLength(20);
  expect(third.cursor).toBeUndefined();
});
`;
