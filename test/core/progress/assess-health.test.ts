import { describe, expect, it } from "vitest";
import { assessHealth } from "../../../src/core/progress/index.js";
import type { HealthInput } from "../../../src/core/progress/index.js";

const calm: HealthInput = { recentReviews: ["complete", "complete"], defaultBranchCi: "success", stuckTasks: [] };

describe("assessHealth", () => {
  it("is green when reviews finish, CI passes and nothing is stuck", () => {
    expect(assessHealth(calm)).toEqual({ level: "green", reasons: [] });
    expect(assessHealth({ ...calm, recentReviews: [], defaultBranchCi: "unknown" }).level).toBe("green");
    expect(assessHealth({ ...calm, defaultBranchCi: "pending" }).level).toBe("green");
  });

  it("turns red on three review errors in a row, counted from the latest", () => {
    const red = assessHealth({ ...calm, recentReviews: ["complete", "incomplete", "incomplete", "incomplete"] });
    expect(red).toEqual({ level: "red", reasons: ["the last 3 reviews ended in errors"] });
    expect(assessHealth({ ...calm, recentReviews: ["incomplete", "incomplete"] }).level).toBe("green");
    const recovered = ["incomplete", "incomplete", "incomplete", "complete"] as const;
    expect(assessHealth({ ...calm, recentReviews: recovered }).level).toBe("green");
  });

  it("turns red when CI fails on the default branch", () => {
    expect(assessHealth({ ...calm, defaultBranchCi: "failure" })).toEqual({
      level: "red",
      reasons: ["CI is failing on the default branch"],
    });
  });

  it("is yellow with stuck tasks, and lists red reasons before yellow ones", () => {
    expect(assessHealth({ ...calm, stuckTasks: ["T-4", "T-9", "T-4"] })).toEqual({
      level: "yellow",
      reasons: ["2 tasks are stuck: T-4, T-9"],
    });
    const both = assessHealth({ ...calm, defaultBranchCi: "failure", stuckTasks: ["T-4"] });
    expect(both).toEqual({ level: "red", reasons: ["CI is failing on the default branch", "1 task is stuck: T-4"] });
  });
});
