// The notice of ignored link settings: a long list is cut, so the terminal stays on the screen.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { textOf } from "./static-render.fixture";
import { ViewNotice } from "./view-notice";

const items = (ignored: string[]) =>
  [...renderToStaticMarkup(createElement(ViewNotice, { ignored })).matchAll(/<li>(.*?)<\/li>/g)].map((m) =>
    textOf(m[1]),
  );

describe("ViewNotice", () => {
  it("lists a few ignored settings in full", () => {
    expect(items(["a", "b"])).toEqual(["a", "b"]);
  });

  it("shows the first five of many and counts the rest", () => {
    const many = Array.from({ length: 300 }, (_, i) => `unknown parameter p${i}`);
    expect(items(many)).toEqual([...many.slice(0, 5), "and 295 more"]);
  });
});
