import { z } from "zod";

/** The credential in a reply email's unsubscribe link (32 random bytes, base64url). */
export const replyEmailTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "not a reply-email link");

export const replyEmailsSettingSchema = z.object({ enabled: z.boolean() });
