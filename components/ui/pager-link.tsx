/** A previous/next arrow; rendered disabled (not a link) when there is nowhere to go. */
export function PagerLink({ href, direction, label }: { href: string | null; direction: "previous" | "next"; label: string }) {
  const arrow = direction === "previous" ? "←" : "→";
  const className =
    "inline-flex h-9 w-9 items-center justify-center rounded-lg border text-base border-zinc-200 dark:border-zinc-800";
  if (!href) {
    return (
      <span aria-hidden="true" className={`${className} text-zinc-300 dark:text-zinc-700`}>
        {arrow}
      </span>
    );
  }
  return (
    <a
      href={href}
      rel={direction === "previous" ? "prev" : "next"}
      aria-label={label}
      title={label}
      className={`${className} text-zinc-700 hover:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-900`}
    >
      {arrow}
    </a>
  );
}
