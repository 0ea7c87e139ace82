import { env } from "@/lib/env";

/** A sign-in method besides email, configured by its client id and secret (lib/env.ts). */
export interface OAuthProvider {
  /** next-auth's provider id (lib/auth/options.ts). */
  id: "github" | "huggingface";
  name: string;
  /**
   * Where its sign-in page is: the sign-in form's answer sends the browser there, which the pages'
   * Content-Security-Policy allows (form-action, lib/http/security-headers.ts).
   */
  origin: string;
}

/** The sign-in methods the sign-in page offers besides email. */
export function oauthProviders(): OAuthProvider[] {
  return [
    ...(env.GITHUB_ID ? [{ id: "github" as const, name: "GitHub", origin: "https://github.com" }] : []),
    ...(env.HUGGINGFACE_CLIENT_ID
      ? [{ id: "huggingface" as const, name: "Hugging Face", origin: "https://huggingface.co" }]
      : []),
  ];
}
