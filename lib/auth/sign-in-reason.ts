/**
 * Why a reader was sent to the sign-in page, said there ("Sign in to join the discussion") rather than
 * always "to upvote papers". The reason travels in the address (`reason=`); pages that only a signed-in
 * reader can open are recognised by the path they send back to.
 */
export const SIGN_IN_REASONS = {
  upvote: "to upvote papers",
  save: "to keep papers in your reading list",
  comment: "to join the discussion",
  follow: "to follow authors and topics, and get a feed of their papers",
  submit: "to submit papers",
  "for-you": "to see the papers picked for you from what you follow and save",
  "reading-list": "to open your reading list",
  settings: "to change your display name",
} as const;
export type SignInReason = keyof typeof SIGN_IN_REASONS;

const BY_PATH: Record<string, SignInReason> = {
  "/papers/for-you": "for-you",
  "/me/saved": "reading-list",
  "/me/settings": "settings",
  "/papers/submit": "submit",
};

const GENERAL = "to upvote papers, keep a reading list and join the discussions";

/** The sign-in page's address, coming back to `returnTo` afterwards. */
export function signInHref(returnTo: string, reason?: SignInReason): string {
  const query = new URLSearchParams({ callbackUrl: returnTo });
  if (reason && BY_PATH[returnTo.split(/[?#]/, 1)[0] ?? ""] !== reason) query.set("reason", reason);
  return `/auth/signin?${query}`;
}

/** What the sign-in page says the reader signs in for ("to join the discussion"). */
export function signInPurpose(reason: string | undefined, returnTo: string): string {
  if (reason && Object.hasOwn(SIGN_IN_REASONS, reason)) return SIGN_IN_REASONS[reason as SignInReason];
  const byPath = BY_PATH[returnTo.split(/[?#]/, 1)[0] ?? ""];
  return byPath ? SIGN_IN_REASONS[byPath] : GENERAL;
}
