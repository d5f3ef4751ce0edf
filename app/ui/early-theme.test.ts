// The HTML's inline theme script (before the first paint) picks and applies what the page's code does.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { applyTheme, systemTheme } from "./theme";
import { parseViewState } from "./view-state";

const HTML = readFileSync(new URL("../index.html", import.meta.url), "utf8");

/** The HTML's one classic (non-module) inline script that picks the theme. */
function inlineScript(): string {
  const scripts = [...HTML.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const theme = scripts.filter((script) => script.includes("prefers-color-scheme"));
  expect(theme).toHaveLength(1);
  return theme[0];
}

interface FakeRoot {
  classes: Set<string>;
  style: { colorScheme: string };
}

/** A document and window holding only what the script and applyTheme touch. */
function fakePage(search: string, systemDark: boolean): FakeRoot {
  const root: FakeRoot = { classes: new Set(), style: { colorScheme: "" } };
  const documentElement = {
    classList: {
      toggle: (name: string, force: boolean) => (force ? root.classes.add(name) : root.classes.delete(name)),
    },
    style: root.style,
  };
  const matchMedia = (query: string) => ({
    matches: query === "(prefers-color-scheme: dark)" && systemDark,
  });
  vi.stubGlobal("document", { documentElement });
  vi.stubGlobal("location", { search });
  vi.stubGlobal("matchMedia", matchMedia);
  vi.stubGlobal("window", { matchMedia });
  return root;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the HTML's early theme", () => {
  const searches = ["", "?theme=dark", "?theme=light", "?theme=system", "?theme=Dark", "?embed=1&theme=dark"];
  for (const search of searches) {
    for (const systemDark of [false, true]) {
      it(`${search || "(no query)"} with a ${systemDark ? "dark" : "light"} system`, () => {
        const early = fakePage(search, systemDark);
        new Function(inlineScript())();

        // What main.ts chooses and applies once the page's code has arrived.
        const later = fakePage(search, systemDark);
        const choice = parseViewState(search).view.theme;
        applyTheme(choice === "system" ? systemTheme() : choice);

        expect(early).toEqual(later);
        expect(early.style.colorScheme).toMatch(/^(light|dark)$/);
      });
    }
  }
});
