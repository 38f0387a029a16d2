import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

/**
 * The sandbox package knows nothing of Autopilot, so it carries its own copies of what it plays
 * GitHub with: the app registration (permissions and events its installation grants, `GET /app`)
 * and the blueprint indices it seeds acme/widgets with. They must stay the app's, or the app would
 * meet other limits in tests than on GitHub.
 */
describe("the sandbox package's copies of the app's files", () => {
  it("registers the app with app.yml itself", () => {
    expect(read("packages/github-sandbox/seed/app.yml")).toBe(read("app.yml"));
  });

  it.each(["nt-index.json", "td-index.json", "crosswalk.json"])(
    "seeds acme/widgets with ops/examples/blueprints/%s",
    (name) => {
      expect(read(`packages/github-sandbox/seed/${name}`)).toBe(read(`ops/examples/blueprints/${name}`));
    },
  );
});
