import "server-only";
import type { NextAuthOptions } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import GitHubProvider from "next-auth/providers/github";
import { MAGIC_LINK_TTL_MINUTES, signInEmail } from "@/lib/email/templates";
import { sendMail } from "@/lib/email/transport";
import { appUrl, env } from "@/lib/env";
import { safeReturnPath } from "@/lib/http/request";
import { requestPublicOrigin } from "@/lib/http/request-origin";
import { authAdapter } from "./adapter";
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "./cookies";
import { normaliseEmailIdentifier } from "./email-identifier";

/**
 * The link in the email does not sign in by itself: it opens /auth/confirm, whose button does. Mail
 * scanners that fetch every link in a message therefore cannot use the one-time token up.
 */
export function confirmUrlFor(callbackUrl: string, origin = appUrl): string {
  const next = new URL(callbackUrl);
  const confirm = new URL("/auth/confirm", origin);
  for (const key of ["token", "email", "callbackUrl"]) {
    const value = next.searchParams.get(key);
    if (value) confirm.searchParams.set(key, value);
  }
  return confirm.toString();
}

function huggingFaceProvider(clientId: string, clientSecret: string) {
  return {
    id: "huggingface",
    name: "Hugging Face",
    type: "oauth" as const,
    // Hugging Face is an OpenID Connect provider.
    wellKnown: "https://huggingface.co/.well-known/openid-configuration",
    authorization: { params: { scope: "openid profile email" } },
    idToken: true,
    checks: ["pkce", "state"] as ("pkce" | "state")[],
    clientId,
    clientSecret,
    profile(profile: { sub: string; name?: string; preferred_username?: string; email?: string; picture?: string }) {
      return {
        id: profile.sub,
        name: profile.name ?? profile.preferred_username ?? null,
        email: profile.email ?? null,
        image: profile.picture ?? null,
      };
    },
  };
}

export const authOptions: NextAuthOptions = {
  adapter: authAdapter(),
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
  pages: { signIn: "/auth/signin", verifyRequest: "/auth/check-email", error: "/auth/error" },
  providers: [
    EmailProvider({
      from: env.EMAIL_FROM,
      maxAge: MAGIC_LINK_TTL_MINUTES * 60,
      // The same spelling the sign-in limits count (lib/auth/email-identifier.ts).
      normalizeIdentifier: normaliseEmailIdentifier,
      // Known and unknown addresses take the same path (a new address becomes an account when its
      // link is used), so neither the answer nor its timing tells whether an address is registered.
      async sendVerificationRequest({ identifier, url }) {
        // On the name the reader asked from (localhost, 127.0.0.1, the LAN name), where their session cookie will be.
        const origin = await requestPublicOrigin();
        const message = signInEmail({ url: confirmUrlFor(url, origin), host: new URL(origin).host });
        await sendMail({ to: identifier, ...message });
      },
    }),
    ...(env.GITHUB_ID && env.GITHUB_SECRET ? [GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET })] : []),
    ...(env.HUGGINGFACE_CLIENT_ID && env.HUGGINGFACE_CLIENT_SECRET
      ? [huggingFaceProvider(env.HUGGINGFACE_CLIENT_ID, env.HUGGINGFACE_CLIENT_SECRET)]
      : []),
  ],
  callbacks: {
    // Back to where the user came from, on this site only.
    redirect: ({ url }) => new URL(safeReturnPath(url), appUrl).toString(),
    session: ({ session, user }) => ({ ...session, user: { ...session.user, id: user.id } }),
  },
};
