import { NotFoundView } from "@/components/ui/not-found-view";

/** The 404 of /papers/<period>/page/N: a page number that is not a number, or past the last page. */
export function FeedPageNotFound({ noun }: { noun: string }) {
  return (
    <NotFoundView title="No such page">
      <p>
        A {noun} with many papers continues on <code>/page/2</code>, <code>/page/3</code> and so on, up to its last page, which
        the bottom of its first page links to. This {noun} has no page by that number.
      </p>
    </NotFoundView>
  );
}
