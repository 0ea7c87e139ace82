import { SubmitOffer } from "@/components/submissions/submit-offer";
import { NotFoundView } from "@/components/ui/not-found-view";

export default function NotFound() {
  return (
    <NotFoundView title="Paper not found">
      <p>
        Either this is not an arXiv id (they look like <code>2307.04990</code>) or no paper with this id is in the catalogue yet.
      </p>
      <SubmitOffer />
    </NotFoundView>
  );
}
