// A path's line-break opportunities: after each slash, and nowhere else.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PathText } from "./path-text";

const html = (path: string) => renderToStaticMarkup(createElement(PathText, { path }));

describe("PathText", () => {
  it("may break after each slash", () => {
    expect(html("/usr/sbin/sshd")).toBe("/<wbr/>usr/<wbr/>sbin/<wbr/>sshd");
  });

  it("leaves a name without slashes, and words in brackets, whole", () => {
    expect(html("(none)")).toBe("(none)");
    expect(html("/tmp/my file")).toBe("/<wbr/>tmp/<wbr/>my file");
  });
});
