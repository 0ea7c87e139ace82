import { renderEmail } from "./render";

/** Minutes a magic link stays valid; the sign-in provider uses the same constant. */
export const MAGIC_LINK_TTL_MINUTES = 15;

export function signInEmail({ url, host }: { url: string; host: string }) {
  const subject = `Sign in to Daily Papers`;
  const body = renderEmail({
    preheader: `Your sign-in link for ${host}, valid for ${MAGIC_LINK_TTL_MINUTES} minutes.`,
    blocks: [
      { type: "heading", text: "Sign in to Daily Papers" },
      { type: "paragraph", text: `Open the link below and press "Sign in" to finish signing in to ${host}.` },
      { type: "button", label: "Sign in", url },
      {
        type: "paragraph",
        text: `The link works once and expires in ${MAGIC_LINK_TTL_MINUTES} minutes.`,
      },
    ],
    footer: [{ type: "note", text: "If you did not ask to sign in, ignore this email: nothing happens without the link." }],
  });
  return { subject, ...body };
}
