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

export function confirmSubscriptionEmail({ confirmUrl, frequency }: { confirmUrl: string; frequency: string }) {
  const body = renderEmail({
    preheader: "One click to start receiving trending papers.",
    blocks: [
      { type: "heading", text: "Confirm your subscription" },
      {
        type: "paragraph",
        text: `Someone (hopefully you) asked for the ${frequency} Daily Papers email with this address. Confirm, and the trending papers arrive in your inbox.`,
      },
      { type: "button", label: "Confirm subscription", url: confirmUrl },
    ],
    footer: [{ type: "note", text: "Not you? Ignore this email: without confirmation you get nothing from us." }],
  });
  return { subject: "Confirm your Daily Papers subscription", ...body };
}

export function alreadySubscribedEmail({ preferencesUrl }: { preferencesUrl: string }) {
  const body = renderEmail({
    preheader: "Your subscription is already active.",
    blocks: [
      { type: "heading", text: "You are already subscribed" },
      {
        type: "paragraph",
        text: "Someone asked to subscribe this address to Daily Papers, and it already is. Nothing changed. To change how often you hear from us, or to stop, use your preferences page.",
      },
      { type: "button", label: "Your preferences", url: preferencesUrl },
    ],
    footer: [{ type: "note", text: "We send this instead of saying on the website whether an address is subscribed." }],
  });
  return { subject: "You are already subscribed to Daily Papers", ...body };
}
