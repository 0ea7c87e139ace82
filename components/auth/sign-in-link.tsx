"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { signInHref } from "@/lib/auth/sign-in-reason";

/** "Sign in", coming back to this page afterwards. */
export function SignInLink() {
  const pathname = usePathname();
  const search = useSearchParams();
  const here = `${pathname}${search.size ? `?${search}` : ""}`;
  const href = pathname.startsWith("/auth/") ? "/auth/signin" : signInHref(here);
  return (
    <Link href={href} className="rounded-lg bg-accent-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-accent-700">
      Sign in
    </Link>
  );
}
