import { describe, expect, it } from "vitest";
import { useRestFixture } from "../rest-fixture.js";
import { commitTo, eventNames, failure } from "./pull-helpers.js";

const fixture = useRestFixture({
  perTest: true,
  setUp: async (started) => {
    await commitTo(started, "feature", { "a.txt": "a\n" });
  },
});

const repo = (): { owner: string; repo: string } => ({ owner: fixture.owner, repo: fixture.name });
const open = (draft: boolean) =>
  fixture.app().rest.pulls.create({ ...repo(), head: "feature", base: "main", title: "Feature", draft });

/**
 * GitHub offers draft pull requests in public repositories on every plan, and in private ones on
 * GitHub Team and Enterprise Cloud only; elsewhere it refuses the draft, and no API tells the plan.
 */
describe("draft pull requests and the owner's plan", () => {
  it("refuses a draft in a private repository on GitHub Free, and opens the same pull request ready", async () => {
    fixture.repo.private = true;
    const refused = await failure(open(true));
    expect(refused.status).toBe(422);
    expect(refused.data).toMatchObject({ message: "Draft pull requests are not supported in this repository." });
    expect(eventNames(fixture)).toEqual([]);
    const { data } = await open(false);
    expect(data.draft).toBe(false);
  });

  it("refuses to convert a pull request of such a repository to a draft (GraphQL UNPROCESSABLE)", async () => {
    fixture.repo.private = true;
    const { data } = await open(false);
    const convert = fixture
      .app()
      .graphql(
        "mutation ($id: ID!) { convertPullRequestToDraft(input: { pullRequestId: $id }) { clientMutationId } }",
        {
          id: data.node_id,
        },
      );
    await expect(convert).rejects.toMatchObject({
      errors: [{ type: "UNPROCESSABLE", message: "Draft pull requests are not supported in this repository." }],
    });
    expect((await fixture.app().rest.pulls.get({ ...repo(), pull_number: data.number })).data.draft).toBe(false);
  });

  it("opens drafts in private repositories on Team and Enterprise Cloud, and in public ones on Free", async () => {
    expect((await open(true)).data.draft).toBe(true);
    await fixture.user().rest.pulls.update({ ...repo(), pull_number: 1, state: "closed" });
    fixture.repo.private = true;
    fixture.ctx.state.setPlan(fixture.owner, "team");
    await commitTo(fixture, "second", { "b.txt": "b\n" });
    const { data } = await fixture.app().rest.pulls.create({
      ...repo(),
      head: "second",
      base: "main",
      title: "Second",
      draft: true,
    });
    expect(data.draft).toBe(true);
  });
});
