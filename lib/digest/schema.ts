import { z } from "zod";

export const DIGEST_FREQUENCIES = ["daily", "weekly"] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];
export const frequencySchema = z.enum(DIGEST_FREQUENCIES, { error: "must be daily or weekly" });

export const MAX_KEYWORDS = 10;
export const MAX_KEYWORD_LENGTH = 60;

/**
 * An address to send the digest to. Internationalised addresses (`bob.müller@example.org`, RFC 6531)
 * are accepted: nodemailer sends them with SMTPUTF8 where the server offers it. The domain has a dot.
 */
export const emailSchema = z
  .string()
  .trim()
  .max(254, "That address is too long.")
  .pipe(
    z
      .email({ pattern: z.regexes.unicodeEmail, error: "Enter a valid email address, like ada@example.org." })
      .refine((email) => /@[^@]+\.[^@.]+$/.test(email), "Enter a valid email address, like ada@example.org."),
  )
  .transform((email) => email.toLowerCase());

/** Subscriber tokens are 43 base64url characters (32 random bytes). */
export const subscriberTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "not a subscription link");

/** "diffusion, reinforcement learning" -> ["diffusion", "reinforcement learning"] (trimmed, de-duplicated). */
export const keywordsSchema = z
  .string()
  .max(MAX_KEYWORDS * (MAX_KEYWORD_LENGTH + 2), "Too many keywords.")
  .transform((value) => [
    ...new Set(
      value
        .split(",")
        .map((word) => word.replace(/\s+/g, " ").trim().toLowerCase())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.string().max(MAX_KEYWORD_LENGTH, `Each keyword must be at most ${MAX_KEYWORD_LENGTH} characters.`))
      .max(MAX_KEYWORDS, `At most ${MAX_KEYWORDS} keywords.`),
  );

export const subscribeSchema = z.object({ email: emailSchema });

/** community: the trending papers, as everyone gets them; for_you: ranked for the subscriber's account. */
export const digestModeSchema = z.enum(["community", "for_you"]);
export type DigestMode = z.infer<typeof digestModeSchema>;

export const preferencesSchema = z.object({
  token: subscriberTokenSchema,
  frequency: frequencySchema,
  keywords: keywordsSchema,
  paused: z.boolean(),
  /** Absent: unchanged (clients from before the mode existed). */
  mode: digestModeSchema.optional(),
});

export type Preferences = z.output<typeof preferencesSchema>;

/** What the preferences page shows. */
export interface SubscriberView {
  email: string;
  status: "pending" | "active" | "paused" | "unsubscribed";
  frequency: DigestFrequency;
  keywords: string[];
  token: string;
  mode: DigestMode;
  /** Whether the subscription belongs to an account (a "for you" digest needs one). */
  hasAccount: boolean;
}
