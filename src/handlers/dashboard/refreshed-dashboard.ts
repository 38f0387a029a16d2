/** What a dashboard refresh did: the issue it wrote to, and whether it created or rewrote it. */
export interface RefreshedDashboard {
  issue: number;
  created: boolean;
  /** false when the body already showed the same (only the refresh time would have changed) */
  updated: boolean;
}
