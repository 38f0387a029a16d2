import { schema as github } from "@octokit/graphql-schema";
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from "graphql";
import { describe, expect, it } from "vitest";
import { sandboxSchema } from "../../src/graphql/schema.js";

/**
 * GitHub's public schema as `@octokit/graphql-schema` publishes it (its SDL, which follows GitHub's
 * own published schema more closely than the package's introspection JSON). The SDL repeats a few
 * enterprise fields; `assumeValidSDL` keeps one of each, which is all the comparison below needs.
 */
const githubSchema = buildSchema(github.idl, { assumeValidSDL: true });

type AnyField = GraphQLField<unknown, unknown> | GraphQLInputField;

function argumentProblems(where: string, ours: AnyField, theirs: AnyField): string[] {
  const ourArgs: readonly GraphQLArgument[] = "args" in ours ? ours.args : [];
  const theirArgs: readonly GraphQLArgument[] = "args" in theirs ? theirs.args : [];
  const problems: string[] = [];
  for (const argument of ourArgs) {
    const match = theirArgs.find((candidate) => candidate.name === argument.name);
    if (!match) problems.push(`${where}(${argument.name}:) is not GitHub's`);
    else if (String(match.type) !== String(argument.type))
      problems.push(`${where}(${argument.name}:) is ${argument.type}, GitHub's is ${match.type}`);
  }
  for (const argument of theirArgs)
    if (String(argument.type).endsWith("!") && !ourArgs.some((candidate) => candidate.name === argument.name))
      problems.push(`${where} lacks GitHub's required argument ${argument.name}`);
  return problems;
}

/** Where the sandbox's declaration of one named type differs from GitHub's. */
function typeProblems(ours: GraphQLNamedType, theirs: GraphQLNamedType): string[] {
  const problems: string[] = [];
  if (ours.constructor !== theirs.constructor) return [`${ours.name} is not the same kind of type as GitHub's`];
  if (isObjectType(ours) || isInterfaceType(ours) || isInputObjectType(ours)) {
    const theirFields = (theirs as typeof ours).getFields() as Record<string, AnyField>;
    for (const [name, field] of Object.entries(ours.getFields() as Record<string, AnyField>)) {
      const match = theirFields[name];
      if (!match) {
        problems.push(`${ours.name}.${name} is not GitHub's`);
        continue;
      }
      if (String(match.type) !== String(field.type))
        problems.push(`${ours.name}.${name} is ${field.type}, GitHub's is ${match.type}`);
      problems.push(...argumentProblems(`${ours.name}.${name}`, field, match));
    }
    if (isInputObjectType(ours))
      for (const [name, field] of Object.entries(theirFields))
        if (String(field.type).endsWith("!") && !(name in ours.getFields()))
          problems.push(`${ours.name} lacks GitHub's required input field ${name}`);
  }
  if (isObjectType(ours) && isObjectType(theirs))
    for (const implemented of ours.getInterfaces())
      if (!theirs.getInterfaces().some((candidate) => candidate.name === implemented.name))
        problems.push(`${ours.name} implements ${implemented.name}; GitHub's does not`);
  if (isUnionType(ours) && isUnionType(theirs))
    for (const member of ours.getTypes())
      if (!theirs.getTypes().some((candidate) => candidate.name === member.name))
        problems.push(`${ours.name} has member ${member.name}; GitHub's does not`);
  if (isEnumType(ours) && isEnumType(theirs))
    for (const value of ours.getValues())
      if (!theirs.getValue(value.name)) problems.push(`${ours.name}.${value.name} is not GitHub's`);
  return problems;
}

function schemaProblems(ours: GraphQLSchema, theirs: GraphQLSchema): string[] {
  return Object.values(ours.getTypeMap())
    .filter((type) => !type.name.startsWith("__"))
    .flatMap((type) => {
      const match = theirs.getType(type.name);
      return match ? typeProblems(type, match) : [`type ${type.name} is not GitHub's`];
    });
}

describe("the sandbox's GraphQL schema against GitHub's published schema", () => {
  it("declares only GitHub's types, fields, arguments and enum values, each with GitHub's type and nullability", () => {
    // a document the sandbox accepts is then one GitHub's schema accepts too: the app cannot come to
    // rely on a field, an argument or a looser nullability that only the sandbox has
    expect(schemaProblems(sandboxSchema, githubSchema)).toEqual([]);
  });

  it("sees a field, an argument and a nullability that GitHub lacks or declares otherwise", () => {
    // the comparison itself can fail: a schema with GitHub's names but the wrong shapes
    const drifted = buildSchema(/* GraphQL */ `
      scalar URI
      type Query { viewer: User! }
      type User { login: String, url: URI, nickname: String }
      type Mutation { closeIssue(input: CloseIssueInput!, force: Boolean): CloseIssuePayload }
      input CloseIssueInput { stateReason: IssueClosedStateReason }
      enum IssueClosedStateReason { COMPLETED, WONTFIX }
      type CloseIssuePayload { clientMutationId: String }
    `);
    expect(schemaProblems(drifted, githubSchema)).toEqual([
      "User.login is String, GitHub's is String!",
      "User.url is URI, GitHub's is URI!",
      "User.nickname is not GitHub's",
      "Mutation.closeIssue(force:) is not GitHub's",
      "CloseIssueInput lacks GitHub's required input field issueId",
      "IssueClosedStateReason.WONTFIX is not GitHub's",
    ]);
  });
});
