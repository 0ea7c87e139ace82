import { NotFoundView } from "@/components/ui/not-found-view";

export default function NotFound() {
  return (
    <NotFoundView title="Not a valid week">
      <p>
        Weekly pages are addressed by an ISO week written <code>YYYY-Www</code> (weeks 01 to 52, or 53 in years that have one),
        for example <code>/papers/week/2026-W14</code>.
      </p>
    </NotFoundView>
  );
}
