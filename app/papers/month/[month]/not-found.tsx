import { NotFoundView } from "@/components/ui/not-found-view";

export default function NotFound() {
  return (
    <NotFoundView title="Not a valid month">
      <p>
        Monthly pages are addressed by a month written <code>YYYY-MM</code>, for example <code>/papers/month/2026-04</code>.
      </p>
    </NotFoundView>
  );
}
