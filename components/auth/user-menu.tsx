"use client";

/** The signed-in user's address and "Sign out", in a disclosure (works without JavaScript to open). */
export function UserMenu({ email }: { email: string }) {
  // next-auth's client is only needed for this one click: loaded then, not with every page.
  const signOut = async () => {
    const { signOut: nextAuthSignOut } = await import("next-auth/react");
    await nextAuthSignOut({ callbackUrl: "/" });
  };
  return (
    <details className="relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-lg border border-zinc-200 px-3 py-1.5 text-sm dark:border-zinc-700">
        <span
          aria-hidden="true"
          className="flex h-5 w-5 items-center justify-center rounded-full bg-accent-600 text-xs font-bold text-white"
        >
          {email.slice(0, 1).toUpperCase()}
        </span>
        {/* The name is "Account <address>"; the address shows from sm up (a phone has the initial). */}
        <span className="sr-only">Account </span>
        <span className="max-w-48 truncate max-sm:sr-only">{email}</span>
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-64 rounded-xl border border-zinc-200 bg-white p-2 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
        <p className="truncate px-2 py-1.5 text-sm text-zinc-500 dark:text-zinc-400">Signed in as {email}</p>
        <a
          href="/papers/for-you"
          className="block rounded-lg px-2 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          For you
        </a>
        <a href="/me/saved" className="block rounded-lg px-2 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800">
          Your reading list
        </a>
        <a
          href="/me/settings"
          className="block rounded-lg px-2 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          Settings
        </a>
        <button
          type="button"
          onClick={() => void signOut()}
          className="w-full rounded-lg px-2 py-1.5 text-left text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          Sign out
        </button>
      </div>
    </details>
  );
}
