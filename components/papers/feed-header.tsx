import { PagerLink } from "@/components/ui/pager-link";
import { type TabItem, Tabs } from "@/components/ui/tabs";
import type { Day, Period } from "@/lib/dates";
import { DatePicker } from "./date-picker";

export interface FeedHeaderProps {
  heading: string;
  subheading?: string;
  previous: { href: string; label: string } | null;
  next: { href: string; label: string } | null;
  tabs: TabItem[];
  /** A calendar to jump to another day (and its week or month): the period shown and the latest day with papers. */
  picker?: { kind: Period["kind"]; value: Day; max: Day | null };
}

/** The feed's title row: the period with previous/next arrows, a date picker, and the Daily/Weekly/Monthly tabs. */
export function FeedHeader({ heading, subheading, previous, next, tabs, picker }: FeedHeaderProps) {
  const pager = previous !== null || next !== null;
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        <p className="text-sm font-medium text-accent-600 dark:text-accent-400">{subheading ?? "Daily Papers"}</p>
        <div className="mt-1 flex items-center gap-2">
          {pager ? <PagerLink direction="previous" href={previous?.href ?? null} label={previous?.label ?? ""} /> : null}
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{heading}</h1>
          {pager ? <PagerLink direction="next" href={next?.href ?? null} label={next?.label ?? ""} /> : null}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        {picker ? <DatePicker {...picker} /> : null}
        <Tabs label="Feed period" items={tabs} />
      </div>
    </div>
  );
}
