import { splitHighlights } from "@/lib/search/query";

/** Text with search matches in <mark>; every part is React text, so nothing in it becomes markup. */
export function Highlighted({ text }: { text: string }) {
  return (
    <>
      {splitHighlights(text).map((part, index) =>
        part.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed split of one string
          <mark key={index} className="rounded-sm bg-amber-200/70 px-0.5 text-inherit dark:bg-amber-500/30">
            {part.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed split of one string
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}
