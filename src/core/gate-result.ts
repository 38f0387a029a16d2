/**
 * What a gate reports: the shape of a GitHub check run's output, as plain data.
 * Adapters in src/github/ turn it into check-run API calls (annotations batched 50 per call).
 */
export type Conclusion = "success" | "failure" | "neutral";

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: "notice" | "warning" | "failure";
  title?: string;
  message: string;
}

export interface GateResult {
  /** check run name, e.g. `autopilot/scope` */
  name: string;
  conclusion: Conclusion;
  /** one line, shown next to the check name */
  title: string;
  /** markdown */
  summary: string;
  /**
   * the run's details (`output.text`), read back by the app (the review's record): left out when
   * longer than GitHub's 65,535 UTF-8 bytes, since a cut copy would not parse
   */
  text?: string;
  annotations: Annotation[];
}
