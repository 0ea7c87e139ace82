import { describeReason, type Reason } from "@/lib/for-you/rank";

/** Why a paper is in the reader's feed, under its title. */
export function Reasons({ reasons }: { reasons: Reason[] }) {
  if (reasons.length === 0) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-1.5" data-testid="reasons" aria-label="Why you see this">
      {reasons.map((reason) => (
        <li
          key={describeReason(reason)}
          className="rounded-md bg-accent-50 px-1.5 py-0.5 text-xs font-medium text-accent-700 dark:bg-zinc-800 dark:text-accent-300"
        >
          {describeReason(reason)}
        </li>
      ))}
    </ul>
  );
}
