// Test fixture: a component rendered to markup on its own, over a stand-in lab holding only the stores it reads.
// (A test using a store must also mock ./use-store: a static render has no server snapshot to read.)
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { Lab } from "../core/lab-types";
import { AppContext, type AppServices } from "./app-context";

export function renderWithLab(lab: Partial<Lab>, element: ReactElement): string {
  const services = { lab: lab as Lab } as unknown as AppServices;
  return renderToStaticMarkup(createElement(AppContext.Provider, { value: services }, element));
}

/** Markup without its tags: the text a reader (or a screen reader's name for a control) gets. */
export const textOf = (html: string): string => html.replace(/<[^>]*>/g, "");
