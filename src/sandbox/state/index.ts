export { SandboxState } from "./sandbox-state.js";
export type { CreateRepoOptions, SandboxAppInfo, SandboxStateOptions } from "./sandbox-state.js";
export { commitEmailOf, legacyNodeId } from "./sandbox-user.js";
export type { SandboxUser } from "./sandbox-user.js";
export type * from "./repo-state.js";
