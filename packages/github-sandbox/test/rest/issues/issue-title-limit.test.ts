import { describe, expect, it } from "vitest";
import { requestFailure, useRestFixture } from "../rest-fixture.js";

const fixture = useRestFixture({ perTest: true });

const titleTooLong = [
  { resource: "Issue", code: "custom", field: "title", message: "title is too long (maximum is 256 characters)" },
];

describe("issue titles within GitHub's 256 characters", () => {
  it("refuses a 257-character title on create and update, REST and GraphQL, and keeps one of 256", async () => {
    const repo = { owner: fixture.owner, repo: fixture.name };
    const app = fixture.app();
    const created = await requestFailure(app.rest.issues.create({ ...repo, title: "t".repeat(257) }));
    expect(created).toMatchObject({ status: 422, message: "Validation Failed", data: { errors: titleTooLong } });

    const { data: issue } = await app.rest.issues.create({ ...repo, title: "😀".repeat(256) });
    const updated = await requestFailure(
      app.rest.issues.update({ ...repo, issue_number: issue.number, title: `${issue.title}x` }),
    );
    expect(updated).toMatchObject({ status: 422, data: { errors: titleTooLong } });

    const query = `mutation ($repo: ID!, $title: String!) { createIssue(input: { repositoryId: $repo, title: $title }) { issue { number } } }`;
    const answer = (
      await app.request("POST /graphql", { query, variables: { repo: fixture.repo.nodeId, title: "t".repeat(257) } })
    ).data as { errors?: { type?: string; message: string }[] };
    expect(answer.errors?.[0]?.message).toContain("title is too long (maximum is 256 characters)");
    expect(fixture.repo.issues.size).toBe(1);
  });
});
