// Mirrors the lab's era and requested identity into the URL view state, so a copied link reproduces the setup.
import type { Lab } from "../core/lab-types";
import type { Store, Unsubscribe } from "../core/store";
import type { ViewState } from "./view-state";

export function syncViewWithLab(lab: Lab, view: Store<ViewState>): Unsubscribe {
  // Only changes are mirrored: the defaults the guest starts with stay out of the URL.
  let era = lab.era.get().current;
  let requested = lab.identity.get().requested;
  const offEra = lab.era.subscribe((state) => {
    if (state.current === era) return;
    era = state.current;
    view.set({ ...view.get(), era: state.current });
  });
  const offIdentity = lab.identity.subscribe((state) => {
    if (state.requested === requested) return;
    requested = state.requested;
    view.set({ ...view.get(), identity: state.requested });
  });
  return () => {
    offEra();
    offIdentity();
  };
}
