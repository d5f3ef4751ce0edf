// The light screen's model against xterm itself: the same bytes must leave the same screen behind.
import { Terminal } from "@xterm/xterm";
import { describe, expect, it } from "vitest";
import manifest from "../../public/vm/manifest.json";
import { ScreenGrid } from "./screen-grid";
import { attrBg, attrBold, attrFg, attrInverse } from "./screen-rows";

const ESC = "\u001b";

interface Seen {
  lines: string[];
  cursor: [number, number];
  looks: string[];
  replies: string[];
}

/** xterm's screen after `text`: its visible rows, cursor, each cell's look and its replies. */
async function xterm(text: string, cols: number, rows: number): Promise<Seen> {
  const term = new Terminal({ cols, rows, allowProposedApi: true });
  const replies: string[] = [];
  term.onData((d) => replies.push(d));
  await new Promise<void>((resolve) => term.write(text, resolve));
  const b = term.buffer.active;
  const lines: string[] = [];
  const looks: string[] = [];
  for (let y = 0; y < rows; y++) {
    const line = b.getLine(b.baseY + y);
    // xterm keeps spaces that were written; both draw them as blank.
    lines.push((line?.translateToString(true) ?? "").trimEnd());
    for (let x = 0; x < cols; x++) {
      const c = line?.getCell(x);
      if (!c || c.getChars().trim() === "") continue;
      const fg = c.isFgPalette() ? c.getFgColor() : -1;
      const bg = c.isBgPalette() ? c.getBgColor() : -1;
      looks.push(`${x},${y}:${fg}/${bg}/${c.isBold() ? 1 : 0}/${c.isInverse() ? 1 : 0}`);
    }
  }
  const cursor: [number, number] = [Math.min(b.cursorX, cols - 1), b.cursorY];
  term.dispose();
  return { lines, cursor, looks, replies };
}

function grid(text: string, cols: number, rows: number): Seen {
  const replies: string[] = [];
  const g = new ScreenGrid(cols, rows, (r) => replies.push(r));
  g.write(text);
  const looks: string[] = [];
  for (let y = 0; y < rows; y++) {
    let x = 0;
    for (const run of g.screen.runs(y)) {
      for (const ch of run.text) {
        if (ch.trim() !== "") {
          const a = run.attr;
          looks.push(`${x},${y}:${attrFg(a)}/${attrBg(a)}/${attrBold(a) ? 1 : 0}/${attrInverse(a) ? 1 : 0}`);
        }
        x++;
      }
    }
  }
  return { lines: g.lines(), cursor: [Math.min(g.x, cols - 1), g.y], looks, replies };
}

async function same(text: string, cols = 20, rows = 6): Promise<void> {
  expect(grid(text, cols, rows), JSON.stringify(text)).toEqual(await xterm(text, cols, rows));
}

describe("ScreenGrid draws what xterm draws", () => {
  it("the saved screen the page shows first", async () => {
    await same(manifest.files.state.console, 72, 30);
    await same(manifest.files.state.console, 100, 12);
  });

  it("line editing: typing, erasing, moving, wrapping", async () => {
    await same("~ $ echo hi\b \b\bx\r\nhi\r\n~ $ ");
    await same(`~ $ ls${ESC}[2D${ESC}[K${ESC}[1C!${ESC}[s${ESC}[3D${ESC}[u.`);
    await same("~ $ 0123456789abcdefghijklmnop\r\n");
    await same("abcdefghijklmnopqrst\nuv\r\n");
    await same("abcdefghijklmnopqrst\b\bx");
    await same(`12345${ESC}[2D${ESC}[2P|${ESC}[3@#${ESC}[2X`);
    await same("a\tb\tc\t\td\te\tf");
  });

  it("scrolling, regions, clearing and the alternate screen", async () => {
    await same(Array.from({ length: 15 }, (_, i) => `line ${i}`).join("\r\n"));
    await same(`a\r\nb\r\nc\r\nd${ESC}[2;4r${ESC}[4;1H\n\nx${ESC}M${ESC}M${ESC}M${ESC}My`);
    await same(`a\r\nb\r\nc${ESC}[2;1H${ESC}[L${ESC}[3M${ESC}[2J${ESC}[Hz${ESC}[1J`);
    await same(`shell${ESC}[?1049h${ESC}[Hvi${ESC}[?1049l!`);
  });

  it("the agent's reset before a new shell's banner, after a full-screen program or a colour left on", async () => {
    const banner = `${ESC}[?1047l${ESC}[?1000l${ESC}[?1002l${ESC}[?1003l${ESC}[?1006l${ESC}[!p${ESC}(B\u000f\r\n${ESC}[J---- new shell`;
    await same(`a\r\nb\r\n$ vi${ESC}[?1049h${ESC}[H~\r\n~\r\n~${ESC}[2;1H${banner}\r\n$ `);
    await same(`$ x${ESC}[2;4r${ESC}[1;31mred${ESC}[?25l${banner}${ESC}[6;1H\n\n\nend`);
  });

  it("colours and replies to the guest's queries", async () => {
    await same(`${ESC}[1;31mred${ESC}[0m ${ESC}[7minv${ESC}[27m ${ESC}[42;97mbg${ESC}[m${ESC}[K`);
    await same(`${ESC}[38;5;3mx${ESC}[38;5;200my${ESC}[39m${ESC}[38;2;1;2;3mz${ESC}[0mw`);
    await same(`ab${ESC}[6n${ESC}[c${ESC}[5n${ESC}]0;title\u0007cd${ESC}(B`);
  });

  it("a character past ASCII inside a sequence, which abandons it", async () => {
    await same(`ab${ESC}[2éLcd\r\nx${ESC}[1\u00a02Cy${ESC}[3;日1Hz`);
  });

  it("random mixes of everything above", async () => {
    // Fixed seeds: a failure is reproducible, and the message shows the bytes.
    for (let seed of [12345, 777, 4242]) {
      const rand = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      await mixes(rand);
    }
  });
});

async function mixes(rand: (n: number) => number): Promise<void> {
  const csi = "ABCDGHJKLMPX@dmr";
  const pieces = [
    () => "abcdefghij".slice(0, 1 + rand(10)),
    () => "\r",
    () => "\n",
    () => "\b",
    () => "\t",
    () => `${ESC}7`,
    () => `${ESC}8`,
    () => `${ESC}M`,
    () => `${ESC}[${rand(4)}${csi[rand(csi.length)]}`,
    () => `${ESC}[${1 + rand(6)};${1 + rand(25)}${"Hr"[rand(2)]}`,
    () => `${ESC}[${[0, 1, 7, 22, 27, 31, 44, 93, 39, 49, 102][rand(11)]}m`,
    () => `${ESC}[${["38;5;", "48;5;"][rand(2)]}${rand(256)}m`,
    () => `${ESC}[?${[7, 25, 1049][rand(3)]}${"hl"[rand(2)]}`,
    () => `${ESC}[${rand(3)}${"JK"[rand(2)]}`,
  ];
  for (let c = 0; c < 400; c++) {
    const text = Array.from({ length: 30 }, () => pieces[rand(pieces.length)]()).join("");
    await same(text, 20, 6);
  }
}

describe("ScreenGrid resizing", () => {
  it("keeps the cursor's row on screen when rows go", () => {
    const g = new ScreenGrid(10, 5);
    g.write("1\r\n2\r\n3\r\n4\r\n5");
    g.resize(6, 3);
    expect(g.lines()).toEqual(["3", "4", "5"]);
    expect([g.x, g.y]).toEqual([1, 2]);
    g.resize(6, 4);
    expect(g.lines()).toEqual(["3", "4", "5", ""]);
  });

  it("sizes the shell's screen too while a full-screen program shows", () => {
    const ESC = "\u001b";
    const grown = new ScreenGrid(10, 3);
    grown.write(`a\r\nb\r\n$ ${ESC}[?1049h${ESC}[Hvi`);
    grown.resize(12, 5);
    grown.write(`${ESC}[?1049l\r\n$ ls\r\nx\r\ny\r\nz`);
    expect(grown.lines()).toEqual(["b", "$", "$ ls", "x", "y", "z"].slice(-5));
    expect(grown.lines().every((l) => l.length <= 12)).toBe(true);

    // Fewer rows: the shell's screen still scrolls at its new bottom row.
    const shrunk = new ScreenGrid(10, 6);
    shrunk.write(`1\r\n2\r\n3\r\n4\r\n$ ${ESC}[?1049h${ESC}[Hvi`);
    shrunk.resize(10, 3);
    shrunk.write(`${ESC}[?1049l\r\nA\r\nB\r\nC`);
    expect(shrunk.lines()).toEqual(["A", "B", "C"]);
  });
});
