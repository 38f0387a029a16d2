import { Buffer } from "node:buffer";
import { describe, expect, it } from "vitest";
import { createsContent } from "../../src/http/index.js";
import { eventNames } from "../rest/rest-fixture.js";
import { rawGraphql as raw, useLabelablesFixture } from "./labelables-fixture.js";

const fixture = useLabelablesFixture();

const repo = { owner: "acme", repo: "widgets" };

const labelled = `... on Labelable { labels(first: 10) { nodes { name } } } __typename`;
const moveDocument = `mutation ($issue: ID!, $add: [ID!]!, $remove: [ID!]!) {
  a0: addLabelsToLabelable(input: { labelableId: $issue, labelIds: $add, clientMutationId: "m" }) {
    clientMutationId labelable { ${labelled} }
  }
  r0: removeLabelsFromLabelable(input: { labelableId: $issue, labelIds: $remove }) { labelable { ${labelled} } }
}`;

async function labelIds(...names: string[]): Promise<string[]> {
  const app = fixture.app();
  const ids: string[] = [];
  for (const name of names) {
    const existing = await app.rest.issues.getLabel({ ...repo, name }).catch(() => undefined);
    ids.push((existing?.data ?? (await app.rest.issues.createLabel({ ...repo, name, color: "fbca04" })).data).node_id);
  }
  return ids;
}

const namesOf = (labelable: { labels: { nodes: { name: string }[] } }) =>
  labelable.labels.nodes.map((label) => label.name);

describe("GraphQL addLabelsToLabelable / removeLabelsFromLabelable", () => {
  it("moves an issue's state label in one request, announced as REST announces it, by the app's bot", async () => {
    const app = fixture.app();
    const [inProgress, review] = await labelIds("autopilot:in-progress", "autopilot:review");
    await app.rest.issues.addLabels({ ...repo, issue_number: 2, labels: ["autopilot:in-progress"] });
    fixture.events.length = 0;

    const data = await app.graphql<Record<string, any>>(moveDocument, {
      issue: (await app.rest.issues.get({ ...repo, issue_number: 2 })).data.node_id,
      add: [review],
      remove: [inProgress],
    });
    expect(data.a0.clientMutationId).toBe("m");
    expect(data.a0.labelable.__typename).toBe("Issue");
    expect(namesOf(data.a0.labelable)).toEqual(["autopilot:in-progress", "autopilot:review"]);
    expect(namesOf(data.r0.labelable)).toEqual(["autopilot:review"]);
    expect(eventNames(fixture)).toEqual(["issues.labeled", "issues.unlabeled"]);
    for (const event of fixture.events) {
      expect(event.sender.login).toBe("autopilot-sandbox[bot]");
      expect("label" in event && event.label?.name).toBe(
        event.name === "issues" && event.action === "labeled" ? "autopilot:review" : "autopilot:in-progress",
      );
    }
    const rest = (await app.rest.issues.listLabelsOnIssue({ ...repo, issue_number: 2 })).data;
    expect(rest.map((label) => label.name)).toEqual(["autopilot:review"]);
  });

  it("labels a pull request by its node id, announced as pull_request.labeled / unlabeled", async () => {
    const app = fixture.app();
    const [inProgress, review] = await labelIds("autopilot:in-progress", "autopilot:review");
    await app.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["autopilot:in-progress"] });
    fixture.events.length = 0;
    const pull = (await app.rest.pulls.get({ ...repo, pull_number: 1 })).data;
    const data = await app.graphql<Record<string, any>>(moveDocument, {
      issue: pull.node_id,
      add: [review],
      remove: [inProgress],
    });
    expect(data.r0.labelable.__typename).toBe("PullRequest");
    expect(namesOf(data.r0.labelable)).toEqual(["autopilot:review"]);
    expect(eventNames(fixture)).toEqual(["pull_request.labeled", "pull_request.unlabeled"]);
  });

  it("changes nothing and announces nothing for a label already there or already gone", async () => {
    const app = fixture.app();
    const [inProgress, review] = await labelIds("autopilot:in-progress", "autopilot:review");
    await app.rest.issues.addLabels({ ...repo, issue_number: 2, labels: ["autopilot:review"] });
    fixture.events.length = 0;
    const answer = await raw(app, moveDocument, {
      issue: (await app.rest.issues.get({ ...repo, issue_number: 2 })).data.node_id,
      add: [review],
      remove: [inProgress],
    });
    expect(answer.errors).toBeUndefined();
    expect(namesOf(answer.data.r0.labelable)).toEqual(["autopilot:review"]);
    expect(fixture.events).toEqual([]);
  });

  it("answers NOT_FOUND for a deleted label's id, on that alias only, and still runs the others", async () => {
    const app = fixture.app();
    const [stale] = await labelIds("autopilot:review");
    await app.rest.issues.deleteLabel({ ...repo, name: "autopilot:review" });
    const [inProgress, fresh] = await labelIds("autopilot:in-progress", "autopilot:review");
    expect(fresh).not.toBe(stale);
    const issue = (await app.rest.issues.get({ ...repo, issue_number: 2 })).data.node_id;
    const answer = await raw(
      app,
      `mutation ($issue: ID!, $stale: [ID!]!, $other: [ID!]!) {
        a0: addLabelsToLabelable(input: { labelableId: $issue, labelIds: $stale }) { clientMutationId }
        a1: addLabelsToLabelable(input: { labelableId: $issue, labelIds: $other }) { clientMutationId }
      }`,
      { issue, stale: [stale], other: [inProgress] },
    );
    expect(answer.data).toEqual({ a0: null, a1: { clientMutationId: null } });
    expect(answer.errors).toEqual([
      expect.objectContaining({
        type: "NOT_FOUND",
        path: ["a0"],
        message: `Could not resolve to a node with the global id of '${stale}'.`,
      }),
    ]);
    expect(eventNames(fixture)).toEqual(["issues.labeled"]);
  });

  it("needs issues write on an issue, and pull_requests or issues write on a pull request", async () => {
    const [review] = await labelIds("autopilot:review");
    const app = fixture.app();
    const issue = (await app.rest.issues.get({ ...repo, issue_number: 2 })).data.node_id;
    const pull = (await app.rest.pulls.get({ ...repo, pull_number: 1 })).data.node_id;
    const add = `mutation ($id: ID!, $labels: [ID!]!) {
      addLabelsToLabelable(input: { labelableId: $id, labelIds: $labels }) { labelable { __typename } }
    }`;
    fixture.events.length = 0;

    const pullsOnly = fixture.narrowedApp({ pull_requests: "write", metadata: "read" });
    const onIssue = await raw(pullsOnly, add, { id: issue, labels: [review] });
    expect(onIssue.data).toEqual({ addLabelsToLabelable: null });
    expect(onIssue.errors?.[0]).toMatchObject({ type: "FORBIDDEN", message: "Resource not accessible by integration" });
    const onPull = await raw(pullsOnly, add, { id: pull, labels: [review] });
    expect(onPull.errors).toBeUndefined();

    const readOnly = fixture.narrowedApp({ issues: "read", pull_requests: "read", metadata: "read" });
    const refused = await raw(readOnly, add, { id: issue, labels: [review] });
    expect(refused.errors?.[0]).toMatchObject({ type: "FORBIDDEN", message: "Resource not accessible by integration" });

    const reader = await raw(fixture.user("reader"), add, { id: issue, labels: [review] });
    expect(reader.errors?.[0]).toMatchObject({ type: "FORBIDDEN", message: "Must have admin rights to Repository." });

    expect(eventNames(fixture)).toEqual(["pull_request.labeled"]);
  });

  it("counts as a content-creating request, like every mutation", () => {
    const body = Buffer.from(JSON.stringify({ query: moveDocument, variables: {} }));
    expect(createsContent("POST", "graphql", body)).toBe(true);
  });
});
