// The notice of ignored link settings: a long list is folded, so the terminal stays on the screen.
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
  it("lists a few ignored settings in full, under a heading that holds for an adjusted one too", () => {
    expect(items(["a", "b"])).toEqual(["a", "b"]);
    const html = renderToStaticMarkup(createElement(ViewNotice, { ignored: ["font=99 (…: 32 is used)"] }));
    expect(textOf(html)).toMatch(
      /^Some settings in the link could not be used as written \(left out, unless said otherwise\):/,
    );
  });

  it("shows the first five of many, and the rest folded under their count", () => {
    const many = Array.from({ length: 300 }, (_, i) => `unknown parameter p${i}`);
    const html = renderToStaticMarkup(createElement(ViewNotice, { ignored: many }));
    const [shown, folded] = html.split("<details");
    expect([...shown.matchAll(/<li>(.*?)<\/li>/g)].map((m) => textOf(m[1]))).toEqual(many.slice(0, 5));
    expect(textOf(/<summary[^>]*>(.*?)<\/summary>/.exec(folded)?.[1] ?? "")).toBe("and 295 more");
    expect([...folded.matchAll(/<li>(.*?)<\/li>/g)].map((m) => textOf(m[1]))).toEqual(many.slice(5));
  });

  it("in a frame, is one line with the whole list folded under it", () => {
    const html = renderToStaticMarkup(createElement(ViewNotice, { ignored: ["a", "b", "c"], compact: true }));
    const [before, folded] = html.split("<details");
    expect(before).not.toMatch(/<li>/);
    expect(textOf(/<summary[^>]*>(.*?)<\/summary>/.exec(folded)?.[1] ?? "")).toBe("3 link settings changed");
    expect([...folded.matchAll(/<li>(.*?)<\/li>/g)].map((m) => textOf(m[1]))).toEqual(["a", "b", "c"]);
  });
});
