import { describe, expect, it } from "vitest";
import { taskSpecSchema } from "../src/core/task/task-spec.js";

describe("task spec schema", () => {
  it("fills defaults for optional fields", () => {
    const spec = taskSpecSchema.parse({ scope: ["src/**"], risk: "low", acceptance: ["works"] });
    expect(spec.mode).toBe("full");
    expect(spec.forbidden).toEqual([]);
  });
});
