import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { AuthCard } from "@/components/ui/auth-card";
import { oauthProviders } from "@/lib/auth/providers";
import { getCurrentUser } from "@/lib/auth/session";
import { signInPurpose } from "@/lib/auth/sign-in-reason";
import { safeReturnPath } from "@/lib/http/request";
import { deferScripts } from "@/lib/page-cache/collector";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/auth/signin">) {
  const { callbackUrl, reason } = await searchParams;
  const returnTo = safeReturnPath(typeof callbackUrl === "string" ? callbackUrl : null);
  const purpose = signInPurpose(typeof reason === "string" ? reason : undefined, returnTo);
  if (await getCurrentUser()) redirect(returnTo);
  // The form posts without scripts (a server action): they wait for the reader's first tap.
  deferScripts();
  return (
    <AuthCard title="Sign in">
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Sign in {purpose}. No password: we email you a link that signs you in.
      </p>
      <SignInForm callbackUrl={returnTo} providers={oauthProviders()} />
    </AuthCard>
  );
}
