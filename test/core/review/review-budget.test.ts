import { describe, expect, it } from "vitest";
import { modelReviewsAmong, reviewBudgetSpent } from "../../../src/core/review/index.js";

describe("the reviews a task has had", () => {
  it("counts the app's review runs that asked the models, not carried or skipped ones", () => {
    const runs = [
      { title: "Accepted (decided by the manager)" },
      { title: "Rejected (decided by the tie-break)" },
      { title: "Review incomplete: the red team timed out" },
      { title: "Accepted (carried over from abc1234: the same change, its base moved)" },
      { title: "No review: no API keys configured" },
      { title: reviewBudgetSpent(3, 3).title },
      { title: null },
    ];
    expect(modelReviewsAmong(runs)).toBe(3);
    expect(modelReviewsAmong([])).toBe(0);
  });

  it("says what was skipped and how an owner goes on", () => {
    const spent = reviewBudgetSpent(10, 10);
    expect(spent.title).toBe("No review: this task has had its 10 reviews");
    expect(spent.summary).toContain("`review.max_reviews_per_task` (10)");
    expect(spent.summary).toContain("An owner's `/review`");
  });
});
