export interface TabItem {
  label: string;
  href: string;
  current: boolean;
}

/** Navigation tabs (links, not a tablist: each tab is a page). */
export function Tabs({ items, label }: { items: TabItem[]; label: string }) {
  return (
    <nav aria-label={label}>
      <ul className="inline-flex rounded-lg border border-zinc-200 bg-zinc-100 p-0.5 text-sm dark:border-zinc-800 dark:bg-zinc-900">
        {items.map((item) => (
          <li key={item.label}>
            <a
              href={item.href}
              aria-current={item.current ? "page" : undefined}
              className={`block rounded-md px-3 py-1.5 font-medium ${
                item.current
                  ? "bg-white text-zinc-900 shadow-xs dark:bg-zinc-800 dark:text-zinc-50"
                  : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
              }`}
            >
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
