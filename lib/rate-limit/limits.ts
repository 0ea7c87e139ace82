/** Every rate limit of the app, in one place: how many requests per window, per what. */
export interface Limit {
  name: string;
  max: number;
  windowSeconds: number;
}

const MINUTE = 60;

export const LIMITS = {
  /**
   * Magic-link requests for one address from one IP: a handful per quarter hour is plenty for a human.
   * Counted per address *and* IP, so that a stranger asking for someone's links locks out only
   * themselves, not the owner (who asks from their own network).
   */
  signInPerEmailAndIp: { name: "sign-in:email-ip", max: 5, windowSeconds: 15 * MINUTE },
  /** Magic-link requests for one address from anywhere: bounds the mail one address can be sent. */
  signInPerEmail: { name: "sign-in:email", max: 20, windowSeconds: 60 * MINUTE },
  /** Magic-link requests from one IP (a shared office NAT sends many). */
  signInPerIp: { name: "sign-in:ip", max: 30, windowSeconds: 15 * MINUTE },
  /** Subscription requests for one address (each may send an email). */
  subscribePerEmail: { name: "subscribe:email", max: 3, windowSeconds: 60 * MINUTE },
  /** Subscription requests from one IP. */
  subscribePerIp: { name: "subscribe:ip", max: 20, windowSeconds: 60 * MINUTE },
  /** Read-only API and feed requests from one IP. */
  apiPerIp: { name: "api:ip", max: 300, windowSeconds: MINUTE },
  /** A reader's own pages that are costly to build (For you ranks ~128 ms of CPU; reading-list exports). */
  personalPagesPerIp: { name: "personal:ip", max: 30, windowSeconds: MINUTE },
  /** Papers one user may submit per (UTC) day. */
  submissionsPerUser: { name: "submit:user", max: 10, windowSeconds: 24 * 60 * MINUTE },
  /** Comments and replies by one user. */
  commentsPerUser: { name: "comments:user", max: 10, windowSeconds: 10 * MINUTE },
  /** Display-name changes by one user (each retires the pages showing their comments). */
  profileChangesPerUser: { name: "profile:user", max: 10, windowSeconds: 60 * MINUTE },
  /** Edits of comments by one user (each edit re-renders the comment for every reader). */
  commentEditsPerUser: { name: "comment-edits:user", max: 20, windowSeconds: 10 * MINUTE },
  /** Comment reports by one user. */
  reportsPerUser: { name: "reports:user", max: 20, windowSeconds: 60 * MINUTE },
  /** Upvote toggles by one user. */
  votesPerUser: { name: "votes:user", max: 60, windowSeconds: MINUTE },
} as const satisfies Record<string, Limit>;

/** How long counters are kept after their window ends (they are deleted now and then). */
export const RATE_LIMIT_RETENTION_SECONDS = 24 * 60 * MINUTE;

/** When a limited client may try again, for people: "in 45 seconds", "in 12 minutes", "in 3 hours". */
export function describeWait(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  const [count, unit] =
    whole < 60 ? [whole, "second"] : whole < 3_600 ? [Math.ceil(whole / 60), "minute"] : [Math.ceil(whole / 3_600), "hour"];
  return `in ${count} ${unit}${count === 1 ? "" : "s"}`;
}

/** The refusal every limited answer gives: "Too many requests; try again in 12 minutes." */
export const tooManyMessage = (retryAfterSeconds: number, what = "requests") =>
  `Too many ${what}; try again ${describeWait(retryAfterSeconds)}.`;
