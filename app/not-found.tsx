import { NotFoundView } from "@/components/ui/not-found-view";

export default function NotFound() {
  return (
    <NotFoundView title="Page not found">
      <p>There is nothing at this address.</p>
    </NotFoundView>
  );
}
