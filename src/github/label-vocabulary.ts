import type { LabelsConfig } from "../config/index.js";
import { defaultConfig } from "../config/index.js";
import type { QueueStatus } from "../core/queue/index.js";
import { riskLevels, type Risk } from "../core/task/index.js";

/** A label as `POST /labels` creates it: color without `#`, description at most 100 characters. */
export interface LabelDefinition {
  name: string;
  color: string;
  description: string;
}

/** The label names of a repository without `labels:` in its config. */
export const defaultLabelNames: LabelsConfig = defaultConfig().labels;

type StateKey = Exclude<keyof LabelsConfig, "trigger" | "risk_prefix">;

/** Queue status → the key of its label in the `labels:` config (same words, as it happens). */
const stateKeys: Record<QueueStatus, StateKey> = {
  queued: "queued",
  in_progress: "in_progress",
  review: "review",
  done: "done",
  blocked: "blocked",
  needs_owner: "needs_owner",
};

const stateLooks: Record<QueueStatus, { color: string; description: string }> = {
  queued: { color: "c5def5", description: "Autopilot: accepted, waiting for a free slot" },
  in_progress: { color: "1d76db", description: "Autopilot: task branch and draft PR exist; the agent is working" },
  review: { color: "fbca04", description: "Autopilot: the PR is ready and under review" },
  done: { color: "0e8a16", description: "Autopilot: merged and closed" },
  blocked: { color: "b60205", description: "Autopilot: stopped by a gate, a reviewer, a lock or a person" },
  needs_owner: {
    color: "d93f0b",
    description: "Autopilot: the task spec is incomplete; an owner must answer in the thread",
  },
};

const riskLooks: Record<Risk, { color: string; description: string }> = {
  low: { color: "c2e0c6", description: "Autopilot risk: low; may merge on green gates and review" },
  medium: { color: "fef2c0", description: "Autopilot risk: medium" },
  high: { color: "f9d0c4", description: "Autopilot risk: high; a human approval is required to merge" },
  critical: { color: "e11d21", description: "Autopilot risk: critical; a human approval is required to merge" },
};

const triggerLook = { color: "5319e7", description: "Hands this issue to Autopilot" };

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The label that mirrors a queue status, e.g. `in_progress` → `autopilot:in-progress`. */
export function stateLabelFor(status: QueueStatus, labels: LabelsConfig = defaultLabelNames): string {
  return labels[stateKeys[status]];
}

/** The queue status a state label stands for; undefined for any other label. GitHub compares names case-insensitively. */
export function statusForStateLabel(label: string, labels: LabelsConfig = defaultLabelNames): QueueStatus | undefined {
  return (Object.keys(stateKeys) as QueueStatus[]).find((status) => same(stateLabelFor(status, labels), label));
}

export function riskLabelFor(risk: Risk, labels: LabelsConfig = defaultLabelNames): string {
  return `${labels.risk_prefix}${risk}`;
}

export const allStateLabels = (labels: LabelsConfig = defaultLabelNames): string[] =>
  (Object.keys(stateKeys) as QueueStatus[]).map((status) => stateLabelFor(status, labels));

export const allRiskLabels = (labels: LabelsConfig = defaultLabelNames): string[] =>
  riskLevels.map((risk) => riskLabelFor(risk, labels));

/** Every label Autopilot uses, with its color and description: trigger, states, risks. */
export function labelDefinitions(labels: LabelsConfig = defaultLabelNames): LabelDefinition[] {
  return [
    { name: labels.trigger, ...triggerLook },
    ...(Object.keys(stateKeys) as QueueStatus[]).map((status) => ({
      name: stateLabelFor(status, labels),
      ...stateLooks[status],
    })),
    ...riskLevels.map((risk) => ({ name: riskLabelFor(risk, labels), ...riskLooks[risk] })),
  ];
}

/** The definition for a name; a name outside the vocabulary gets a neutral grey and no description. */
export function labelDefinitionFor(name: string, labels: LabelsConfig = defaultLabelNames): LabelDefinition {
  return (
    labelDefinitions(labels).find((definition) => same(definition.name, name)) ?? {
      name,
      color: "ededed",
      description: "",
    }
  );
}
