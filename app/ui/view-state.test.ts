// The URL view state: bad values fall back to defaults and are named, good ones survive a round trip.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  COMMAND_MAX,
  DEFAULT_VIEW,
  FONT_DEFAULT,
  fullLabQuery,
  parseViewState,
  serializeViewState,
  writeViewState,
} from "./view-state";

describe("parseViewState", () => {
  it("gives the defaults for an empty query", () => {
    expect(parseViewState("")).toEqual({ view: DEFAULT_VIEW, ignored: [] });
  });

  it("reads every known parameter", () => {
    const { view, ignored } = parseViewState(
      "?era=2014&uid=0&caps=cap_sys_admin,checkpoint_restore&userns=1&font=24&theme=dark&embed=1&cold=1&sr=1",
    );
    expect(ignored).toEqual([]);
    expect(view).toEqual({
      era: 2014,
      identity: { uid: 0, caps: ["cap_sys_admin", "cap_checkpoint_restore"], userns: true },
      fontSize: 24,
      theme: "dark",
      embed: true,
      cold: true,
      screenReader: true,
    });
  });

  it("says that settings after a # are not read (the about page's), and reads the ? only", () => {
    expect(parseViewState("", "#era=2012&uid=0")).toEqual({
      view: DEFAULT_VIEW,
      ignored: ['"#era=2012&uid=0" (settings go after a ?, not a #)'],
    });
    expect(parseViewState("?era=2014", "#about").ignored).toEqual([]);
  });

  it("ignores bad values, keeps the good ones and says what it ignored", () => {
    const { view, ignored } = parseViewState("?era=1999&font=200&theme=pink&caps=sys_admin,cap_bogus&x=1");
    expect(view.era).toBeUndefined();
    expect(view.fontSize).toBe(32);
    expect(view.theme).toBe("system");
    expect(view.identity).toEqual({ uid: 1000, caps: ["cap_sys_admin"], userns: false });
    expect(ignored).toHaveLength(5);
    expect(ignored.join("\n")).toMatch(/unknown parameter "x"/);
    expect(ignored.join("\n")).toMatch(/era="1999"/);
  });

  it("takes no year before the first rules, none to come, and nothing but a year", () => {
    for (const era of ["2011", String(new Date().getFullYear() + 1), "20x9", "2017.5", "17"]) {
      const { view, ignored } = parseViewState(`?era=${era}`);
      expect(view.era).toBeUndefined();
      expect(ignored).toEqual([
        `era="${era}" (a year from 2012 to ${new Date().getFullYear()}, which runs the latest era up to it: 2012, 2014, 2016, 2017, 2020)`,
      ]);
    }
  });

  it("takes every listed era whatever the device's clock says", () => {
    vi.useFakeTimers({ now: new Date("2019-06-01T12:00:00Z") });
    try {
      expect(parseViewState("?era=2020")).toEqual({ view: { ...DEFAULT_VIEW, era: 2020 }, ignored: [] });
      expect(parseViewState("?era=2021").view.era).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it("uses a parameter's first value and says which later ones it ignored", () => {
    const { view, ignored } = parseViewState("?era=2014&era=2017&font=20");
    expect(view.era).toBe(2014);
    expect(ignored).toEqual(['era="2017" (era given more than once: the first one is used)']);
  });

  it("takes a font size in plain digits only", () => {
    for (const font of ["0x10", " 15", "1e1", "15.0", "+15"]) {
      const { view, ignored } = parseViewState(`?font=${encodeURIComponent(font)}`);
      expect(view.fontSize, font).toBe(FONT_DEFAULT);
      expect(ignored, font).toHaveLength(1);
    }
    expect(parseViewState("?font=16").view.fontSize).toBe(16);
  });

  it("writes characters that would turn the message around, or hide, as escapes", () => {
    const { ignored } = parseViewState("?caps=foo,%E2%80%AE%E2%80%8B");
    expect(ignored.join("\n")).not.toMatch(/[\u202e\u200b]/);
    expect(ignored.join("\n")).toContain('capability "\\u{202e}\\u{200b}"');
    expect(parseViewState("?x%F3%A0%81%81=1").ignored[0]).toBe('unknown parameter "x\\u{e0041}"');
  });

  it("cuts hostile values before echoing them", () => {
    const { ignored } = parseViewState(`?theme=${"<b>".repeat(100)}`);
    expect(ignored[0].length).toBeLessThan(120);
  });

  it("accepts caps=all", () => {
    expect(parseViewState("?uid=0&caps=all").view.identity).toEqual({ uid: 0, caps: "all", userns: false });
  });

  it("gives a new user namespace every capability there unless the link says caps=none, as the panel does", () => {
    expect(parseViewState("?userns=1").view.identity).toEqual({ uid: 1000, caps: "all", userns: true });
    expect(parseViewState("?userns=1&caps=none").view.identity).toEqual({
      uid: 1000,
      caps: [],
      userns: true,
    });
    expect(parseViewState("?uid=0").view.identity).toEqual({ uid: 0, caps: [], userns: false });
    // A caps value with nothing known in it is ignored (and said so): the namespace's default stays.
    const bogus = parseViewState("?userns=1&caps=bogus");
    expect(bogus.view.identity).toEqual({ uid: 1000, caps: "all", userns: true });
    expect(bogus.ignored[0]).toMatch(/capability "bogus"/);
    expect(parseViewState("?userns=1&caps=bogus,sys_admin").view.identity?.caps).toEqual(["cap_sys_admin"]);
    // An empty list says none too, as it always did.
    expect(parseViewState("?userns=1&caps=").view.identity?.caps).toEqual([]);
    expect(parseViewState("?caps=").view.identity).toEqual({ uid: 1000, caps: [], userns: false });
    // "none" beside a typo is still a word on capabilities: none, not the namespace's all.
    const noneAndTypo = parseViewState("?userns=1&caps=none,sys_admn");
    expect(noneAndTypo.view.identity?.caps).toEqual([]);
    expect(noneAndTypo.ignored).toEqual([expect.stringMatching(/capability "sys_admn"/)]);
  });

  it("takes no identity from a link whose identity settings are all refused", () => {
    for (const q of ["?uid=-1", "?caps=foo", "?uid=2&caps=bar&userns=maybe"]) {
      const { view, ignored } = parseViewState(q);
      expect(view.identity, q).toBeUndefined();
      expect(ignored.length, q).toBe(q.split("&").length);
    }
    expect(parseViewState("?uid=-1&caps=sys_admin").view.identity).toEqual({
      uid: 1000,
      caps: ["cap_sys_admin"],
      userns: false,
    });
  });

  it("reads a caps list item by item: spaces trimmed, repeats said once, all wherever it stands", () => {
    const spaced = parseViewState("?caps=sys_admin, checkpoint_restore");
    expect(spaced.view.identity?.caps).toEqual(["cap_sys_admin", "cap_checkpoint_restore"]);
    expect(spaced.ignored).toEqual([]);
    expect(parseViewState("?caps=foo,foo").ignored).toEqual([expect.stringMatching(/capability "foo"/)]);
    const all = parseViewState("?caps=all,sys_admin");
    expect(all.view.identity?.caps).toBe("all");
    expect(all.ignored).toEqual([]);
  });

  it("says that caps=none beside capabilities is not taken, rather than drop it without a word", () => {
    for (const [q, caps] of [
      ["?uid=0&caps=none,all", "all"],
      ["?caps=sys_admin,none", ["cap_sys_admin"]],
    ] as const) {
      const { view, ignored } = parseViewState(q);
      expect(view.identity?.caps).toEqual(caps);
      expect(ignored).toEqual([expect.stringMatching(/^"none" in caps=.*contradicts/)]);
    }
  });
});

describe("serializeViewState", () => {
  it("leaves defaults out", () => {
    expect(serializeViewState(DEFAULT_VIEW)).toBe("");
  });

  it("round-trips", () => {
    const query = "?era=2017&uid=1000&caps=cap_checkpoint_restore&userns=1&font=20&theme=light&embed=1&sr=1";
    expect(serializeViewState(parseViewState(query).view)).toBe(query);
    for (const q of ["?uid=1000&caps=none&userns=1", "?uid=1000&caps=all&userns=1", "?uid=0&caps=none"])
      expect(serializeViewState(parseViewState(q).view)).toBe(q);
  });
});

describe("fullLabQuery", () => {
  it("keeps an embed's era, identity, theme and boot, not the frame's layout, autostart or font", () => {
    const embed = parseViewState(
      "?era=2014&uid=0&caps=all&theme=dark&cold=1&sr=1&embed=1&autostart=0&font=12",
    );
    expect(fullLabQuery(embed.view)).toBe("?era=2014&uid=0&caps=all&theme=dark&cold=1&sr=1");
    expect(fullLabQuery(parseViewState("?embed=1").view)).toBe("");
  });
});

describe("a link's settings, one at a time", () => {
  // Each is read without a notice, changes the view from the defaults in just this way, and is
  // written back as the page would put it in the address bar.
  it.each([
    ["?cold=1", { cold: true }, "?cold=1"],
    ["?autostart=0", { autostart: false }, "?autostart=0"],
    ["?autostart=1", { autostart: true }, "?autostart=1"],
    ["?sr=1", { screenReader: true }, "?sr=1"],
    ["?sr=0", {}, ""],
    ["?embed=0", {}, ""],
    ["?uid=1000", { identity: { uid: 1000, caps: [], userns: false } }, "?uid=1000"],
    // Root without capabilities says so: a link reading "uid=0" alone was taken for all-powerful.
    ["?uid=0", { identity: { uid: 0, caps: [], userns: false } }, "?uid=0&caps=none"],
    ["?uid=root", { identity: { uid: 0, caps: [], userns: false } }, "?uid=0&caps=none"],
    [
      "?caps=cap_sys_admin,cap_sys_resource",
      { identity: { uid: 1000, caps: ["cap_sys_admin", "cap_sys_resource"], userns: false } },
      "?uid=1000&caps=cap_sys_admin,cap_sys_resource",
    ],
    // Names in any case, with or without cap_.
    [
      "?caps=SYS_ADMIN,Cap_Sys_Resource",
      { identity: { uid: 1000, caps: ["cap_sys_admin", "cap_sys_resource"], userns: false } },
      "?uid=1000&caps=cap_sys_admin,cap_sys_resource",
    ],
    ["?caps=ALL", { identity: { uid: 1000, caps: "all", userns: false } }, "?uid=1000&caps=all"],
    ["?font=10", { fontSize: 10 }, "?font=10"],
    ["?font=32", { fontSize: 32 }, "?font=32"],
    ["?era=2012", { era: 2012 }, "?era=2012"],
    // Spaces around the year, as "+" or %20.
    ["?era=+2020+", { era: 2020 }, "?era=2020"],
    ["?era=%202016", { era: 2016 }, "?era=2016"],
    // A year with no change of rules runs those in force then.
    ["?era=2019", { era: 2017 }, "?era=2017"],
    ["?era=2013", { era: 2012 }, "?era=2012"],
    ["?era=2025", { era: 2020 }, "?era=2020"],
    ["?theme=system", {}, ""],
    ["?theme=light", { theme: "light" }, "?theme=light"],
  ])("%s", (query, changed, written) => {
    const { view, ignored } = parseViewState(query);
    expect(ignored).toEqual([]);
    expect(view).toEqual({ ...DEFAULT_VIEW, ...changed });
    expect(serializeViewState(view)).toBe(written);
  });

  it("takes the nearest size for one outside 10 to 32 (a projector's font=40 is 32, not the default), and says so", () => {
    for (const [font, size] of [
      ["9", 10],
      ["0", 10],
      ["33", 32],
      ["40", 32],
    ] as const) {
      const { view, ignored } = parseViewState(`?font=${font}`);
      expect(view.fontSize, font).toBe(size);
      expect(ignored, font).toEqual([
        `font="${font}" (a whole number from 10 to 32: the nearest, ${size}, is used)`,
      ]);
    }
  });

  it("echoes a refused value whole up to 40 characters, and cuts a longer one there", () => {
    const forty = "x".repeat(40);
    expect(parseViewState(`?theme=${forty}`).ignored).toEqual([
      `theme="${forty}" (use light, dark or system)`,
    ]);
    expect(parseViewState(`?theme=${forty}yz`).ignored).toEqual([
      `theme="${forty}…" (use light, dark or system)`,
    ]);
  });
});

describe("autostart", () => {
  it("is unset by default, parsed from 0 or 1, and refused otherwise", () => {
    expect(parseViewState("").view.autostart).toBeUndefined();
    expect(parseViewState("?autostart=0").view.autostart).toBe(false);
    expect(serializeViewState(parseViewState("?autostart=1").view)).toBe("?autostart=1");
    expect(parseViewState("?autostart=maybe").ignored[0]).toMatch(/autostart/);
  });
});

describe("cmd", () => {
  it("takes one line of printable ASCII, kept as given and written back", () => {
    const cmd = "setexe --map /bin/busybox  # then Enter";
    const { view, ignored } = parseViewState(`?cmd=${encodeURIComponent(cmd)}`);
    expect(view.command).toBe(cmd);
    expect(ignored).toEqual([]);
    expect(parseViewState(serializeViewState(view)).view.command).toBe(cmd);
    expect(fullLabQuery({ ...view, embed: true })).toBe(serializeViewState(view));
    expect(parseViewState(`?cmd=${"x".repeat(COMMAND_MAX)}`).view.command).toHaveLength(COMMAND_MAX);
  });

  it("refuses what would run it, edit it or hide it, and an empty or too long one, and says why", () => {
    const cases: Array<[string, RegExp]> = [
      ["ls\nrm x", /\(one line of text: no line breaks/],
      ["ls\r", /\(one line of text/],
      ["ls\tx", /\(one line of text/],
      ["echo \u001b[8mhidden", /\(one line of text/],
      ["ls\u0003", /\(one line of text/],
      ["ls\u007f", /\(one line of text/],
      ["é", /\(plain ASCII only\)$/],
      ["", /\(empty: /],
      ["  ", /\(empty: /],
      ["x".repeat(COMMAND_MAX + 1), /\(501 characters: at most 500\)$/],
    ];
    for (const [bad, why] of cases) {
      const { view, ignored } = parseViewState(`?cmd=${encodeURIComponent(bad)}`);
      expect(view.command, JSON.stringify(bad)).toBeUndefined();
      expect(ignored, JSON.stringify(bad)).toHaveLength(1);
      expect(ignored[0], JSON.stringify(bad)).toMatch(/^cmd=/);
      expect(ignored[0], JSON.stringify(bad)).toMatch(why);
      // The message echoes it with its control characters written out, not as they are.
      // eslint-disable-next-line no-control-regex
      expect(ignored[0]).not.toMatch(/[\u0000-\u001f\u007f]/);
    }
  });
});

describe("writeViewState", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("writes the address again a moment after the browser refused, the latest view's", () => {
    vi.useFakeTimers();
    const location = { pathname: "/", search: "", hash: "" };
    vi.stubGlobal("window", { location });
    let refusing = true;
    const history = {
      state: null,
      replaceState: (_state: unknown, _title: string, url: string) => {
        if (refusing) throw new Error("SecurityError: too many calls");
        location.search = url.slice(1);
      },
    } as unknown as History;
    writeViewState({ ...DEFAULT_VIEW, era: 2012 }, history);
    writeViewState({ ...DEFAULT_VIEW, era: 2014 }, history);
    refusing = false;
    vi.advanceTimersByTime(1000);
    expect(location.search).toBe("?era=2014");
    vi.advanceTimersByTime(5000);
    expect(location.search).toBe("?era=2014");
  });
});
