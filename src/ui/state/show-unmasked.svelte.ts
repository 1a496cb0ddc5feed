// The Data screen's "Show unmasked" switch: off at every start, kept for this visit only (never
// stored), so that a projector shows masked values unless the author asked for the raw text.
class ShowUnmasked {
  on = $state(false);
}

export const showUnmasked = new ShowUnmasked();
