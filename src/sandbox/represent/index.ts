export { linksFor } from "./links.js";
export type { Links } from "./links.js";
export { userJson } from "./user.js";
export { openIssueCount, repositoryJson } from "./repository.js";
export type { RepositoryJsonOptions } from "./repository.js";
