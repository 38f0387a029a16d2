/** The pull request a review reads, as the job that asked read it. */
export interface ReviewedPull {
  number: number;
  headSha: string;
  headRef: string;
  baseRef: string;
  title: string;
  body: string | null;
  draft: boolean;
  /** the head branch lives in another repository: never a task, whatever its name */
  fromFork: boolean;
  /**
   * The PR's node id, its repository's node id and its page: with them the sticky comment and the
   * check run are written in one request (without, one REST call each)
   */
  nodeId?: string;
  repositoryId?: string;
  url?: string;
  /** its labels as GitHub gave them with the PR: a move of the task need not read them again */
  labels?: string[];
  /**
   * The comments in its conversation, as GitHub counted them with the PR just read: with none,
   * there is no review comment to find, and the list is not read
   */
  comments?: number;
}

/** How the review was asked for: by the flow (ready, gates green) or by a person (`/review`, the review label). */
export interface ReviewTrigger {
  explicit: boolean;
  /**
   * the owner whose `/review` asked: reviews a task past `review.max_reviews_per_task`, unless they
   * are one of the change's own accounts (a label anyone may add never does)
   */
  byOwner?: string;
}
