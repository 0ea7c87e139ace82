/** Every rate limit of the app, in one place: how many requests per window, per what. */
export interface Limit {
  name: string;
  max: number;
  windowSeconds: number;
}

const MINUTE = 60;

export const LIMITS = {
  /** Magic-link requests for one address: a handful per quarter hour is plenty for a human. */
  signInPerEmail: { name: "sign-in:email", max: 5, windowSeconds: 15 * MINUTE },
  /** Magic-link requests from one IP (a shared office NAT sends many). */
  signInPerIp: { name: "sign-in:ip", max: 30, windowSeconds: 15 * MINUTE },
  /** Upvote toggles by one user. */
  votesPerUser: { name: "votes:user", max: 60, windowSeconds: MINUTE },
} as const satisfies Record<string, Limit>;

/** How long counters are kept after their window ends (they are deleted now and then). */
export const RATE_LIMIT_RETENTION_SECONDS = 24 * 60 * MINUTE;
