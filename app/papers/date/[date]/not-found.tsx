import { NotFoundView } from "@/components/ui/not-found-view";

export default function NotFound() {
  return (
    <NotFoundView title="Not a valid date">
      <p>
        Daily pages are addressed by a calendar date written <code>YYYY-MM-DD</code>, for example{" "}
        <code>/papers/date/2026-04-01</code>.
      </p>
    </NotFoundView>
  );
}
