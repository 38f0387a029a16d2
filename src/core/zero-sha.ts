/**
 * Whether a commit sha is GitHub's all-zero one: a push's `before` when it created the branch,
 * its `after` when it deleted it (a check suite's `before` for a new branch).
 */
export const isZeroSha = (sha: string): boolean => /^0+$/.test(sha);
