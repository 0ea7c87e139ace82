"use client";

// Unexpected failures only (bad input gets its own 404/400 pages). The message is not shown: it may
// hold internals. The digest lets an operator find the error in the server log.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-2xl font-bold tracking-tight">Something went wrong</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">
        The page could not be loaded. Try again in a moment.
        {error.digest ? <span className="block text-xs">Reference: {error.digest}</span> : null}
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-8 rounded-lg bg-accent-600 px-4 py-2 text-sm font-semibold text-white hover:bg-accent-700"
      >
        Try again
      </button>
    </div>
  );
}
