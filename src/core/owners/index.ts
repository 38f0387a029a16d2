export { codeownersGlobs, codeownersPatternProblem, compileCodeownersPattern } from "./codeowners-pattern.js";
export { codeOwnersOf, codeownersPaths, maxCodeownersBytes, ownerName, parseCodeowners } from "./parse-codeowners.js";
export type { CodeOwner, Codeowners, CodeownersError, CodeownersRule } from "./parse-codeowners.js";
export { ownerGroupsOf, teamKey } from "./owner-groups.js";
export type { OwnerGroup } from "./owner-groups.js";
