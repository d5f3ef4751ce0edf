// One row of the light first screen as DOM nodes: runs of text in their colours, the cursor among them.
import type { ITheme } from "@xterm/xterm";
import { attrBg, attrBold, attrFg, attrInverse } from "./screen-rows";
import { paletteColour } from "./terminal-look";

/** The nodes for one row's runs, with the cursor at `cursorX` (-1: not on this row). */
export function rowNodes(
  runs: Array<{ text: string; attr: number }>,
  cursorX: number,
  focused: boolean,
  theme: ITheme,
): Node[] {
  const nodes: Node[] = [];
  let x = 0;
  // Trailing blanks in the default look are left out, as xterm leaves them out of its rows.
  const last = runs[runs.length - 1];
  if (last && last.attr === 0) last.text = last.text.trimEnd();
  for (const run of runs) {
    const parts =
      cursorX >= x && cursorX < x + Math.max(run.text.length, 1)
        ? [run.text.slice(0, cursorX - x), run.text[cursorX - x] ?? " ", run.text.slice(cursorX - x + 1)]
        : [run.text];
    parts.forEach((text, i) => {
      if (!text) return;
      const isCursor = parts.length === 3 && i === 1;
      nodes.push(span(text, run.attr, theme, isCursor ? (focused ? "block" : "outline") : undefined));
    });
    x += run.text.length;
  }
  if (cursorX >= x) {
    if (cursorX > x) nodes.push(document.createTextNode(" ".repeat(cursorX - x)));
    nodes.push(span(" ", 0, theme, focused ? "block" : "outline"));
  }
  return nodes;
}

/** A run of text in its look, or the cursor's cell (a block when focused, else an outline). */
function span(text: string, attr: number, theme: ITheme, cursor?: "block" | "outline"): Node {
  if (attr === 0 && !cursor) return document.createTextNode(text);
  const el = document.createElement("span");
  el.textContent = text;
  const colour = (i: number) => paletteColour(theme, i);
  let fg = attrFg(attr);
  if (attrBold(attr) && fg >= 0 && fg < 8) fg += 8; // xterm draws bold text in bright colours
  let fore = fg >= 0 ? colour(fg) : undefined;
  let back = attrBg(attr) >= 0 ? colour(attrBg(attr)) : undefined;
  if (attrInverse(attr)) {
    [fore, back] = [back ?? theme.background, fore ?? theme.foreground];
  }
  if (cursor === "block") {
    fore = theme.cursorAccent;
    back = theme.cursor;
  } else if (cursor === "outline") el.style.outline = `1px solid ${theme.cursor ?? ""}`;
  if (fore) el.style.color = fore;
  if (back) el.style.background = back;
  if (attrBold(attr)) el.style.fontWeight = "bold";
  return el;
}
