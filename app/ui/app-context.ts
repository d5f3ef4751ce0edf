// What every component may reach without prop drilling: the lab and the URL view state.
import { createContext, useContext } from "react";
import type { Lab } from "../core/lab-types";
import type { Store } from "../core/store";
import type { ViewState } from "./view-state";

export interface AppServices {
  lab: Lab;
  view: Store<ViewState>;
}

export const AppContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error("AppContext is missing: render components inside <App>.");
  return services;
}
