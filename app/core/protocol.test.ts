// Codec tests: values survive encoding, malformed lines are refused with a reason.
import { describe, expect, it } from "vitest";
import {
  LineSplitter,
  MAX_LINE,
  ProtocolError,
  decodeGuestLine,
  decodeValue,
  encodeRequest,
  encodeValue,
  formatLine,
  formatProcList,
  parseProcList,
} from "./protocol";

describe("values", () => {
  it("round-trips spaces, separators, percent signs and UTF-8", () => {
    for (const v of ["/usr/sbin/sshd", "a b=c;d,e%f", "päth/ünïcode ✓", "", "\n\t"]) {
      const enc = encodeValue(v);
      expect(enc).toMatch(/^[A-Za-z0-9._/:@+,%-]*$/);
      expect(enc).not.toMatch(/[ =;]/);
      expect(decodeValue(enc)).toBe(v);
    }
  });

  it("encodes the list separators", () => {
    expect(encodeValue(";")).toBe("%3B");
    expect(encodeValue("x y")).toBe("x%20y");
  });

  it("refuses broken escapes and raw control bytes", () => {
    expect(() => decodeValue("%4")).toThrow(ProtocolError);
    expect(() => decodeValue("%zz")).toThrow(ProtocolError);
    expect(() => decodeValue("a\u0001b")).toThrow(ProtocolError);
  });
});

describe("requests", () => {
  it("encodes every request type as one line", () => {
    expect(encodeRequest(1, { type: "hello" })).toBe("hello id=1\n");
    expect(encodeRequest(2, { type: "era", year: 2014 })).toBe("era id=2 year=2014\n");
    expect(encodeRequest(2, { type: "era", year: 2014, say: true })).toBe("era id=2 year=2014 say=1 up=0\n");
    expect(encodeRequest(2, { type: "era", year: 2014, say: true, up: 3 })).toBe(
      "era id=2 year=2014 say=1 up=3\n",
    );
    // The agent reads two digits at most: a line of more rows is not carried anyway (typed-line.ts).
    expect(encodeRequest(2, { type: "era", year: 2014, say: true, up: 400 })).toBe(
      "era id=2 year=2014 say=1 up=40\n",
    );
    expect(
      encodeRequest(3, {
        type: "shell",
        identity: { uid: 1000, caps: ["cap_sys_admin", "cap_sys_resource"], userns: true },
      }),
    ).toBe("shell id=3 uid=1000 caps=cap_sys_admin,cap_sys_resource userns=1\n");
    expect(encodeRequest(4, { type: "shell", identity: { uid: 0, caps: [], userns: false } })).toBe(
      "shell id=4 uid=0 caps= userns=0\n",
    );
    expect(
      encodeRequest(4, { type: "shell", identity: { uid: 0, caps: [], userns: false }, clear: true }),
    ).toBe("shell id=4 uid=0 caps= userns=0 clear=1\n");
    expect(encodeRequest(5, { type: "clock", epoch: 1700000000.9 })).toBe("clock id=5 epoch=1700000000\n");
    // A seed as two hex digits a byte, leading zeros kept: the agent takes exactly 64.
    const seed = Uint8Array.from({ length: 32 }, (_, i) => i * 8);
    expect(encodeRequest(6, { type: "seed", bytes: seed })).toBe(
      `seed id=6 bytes=0008101820283038404850586068707880889098a0a8b0b8c0c8d0d8e0e8f0f8\n`,
    );
    expect(encodeRequest(6, { type: "winsize", rows: 30, cols: 100 })).toBe(
      "winsize id=6 rows=30 cols=100\n",
    );
  });
});

describe("guest lines", () => {
  it("decodes an exe_link record", () => {
    const line =
      "exe_link pid=42 comm=setexe-holder op=map era=2014 uid=1000 euid=1000 userns=initial " +
      "check=uid_gid_root result=EINVAL old=/usr/bin/setexe new=/usr/sbin/sshd";
    expect(decodeGuestLine(line)).toEqual({
      type: "exe_link",
      record: {
        pid: 42,
        comm: "setexe-holder",
        op: "map",
        era: 2014,
        uid: 1000,
        euid: 1000,
        userns: "initial",
        check: "uid_gid_root",
        result: "EINVAL",
        old: "/usr/bin/setexe",
        new: "/usr/sbin/sshd",
      },
    });
  });

  it("decodes the caps, gid and ids in its namespace that the agent adds to a record", () => {
    const line =
      "exe_link pid=42 comm=setexe-holder op=map era=2014 uid=0 euid=0 userns=initial " +
      "check=uid_gid_root result=EINVAL old=/usr/bin/setexe new=/usr/sbin/sshd caps=cap_sys_admin gid=1000 " +
      "nsuid=0 nsgid=65534";
    const decoded = decodeGuestLine(line);
    expect(decoded.type === "exe_link" && decoded.record).toMatchObject({
      caps: ["cap_sys_admin"],
      gid: 1000,
      nsUid: 0,
      nsGid: 65534,
    });
    expect(() => decodeGuestLine(`${line.replace("gid=1000", "gid=x")}`)).toThrow();
    expect(() => decodeGuestLine(`${line.replace("nsuid=0", "nsuid=zero")}`)).toThrow();
  });

  it("reads caps= on a record as no capabilities, not one with an empty name", () => {
    const line =
      "exe_link pid=42 comm=setexe op=exe_file era=2020 uid=1000 euid=1000 userns=nested " +
      "check=ns_checkpoint_restore result=EPERM old=/usr/bin/setexe new=/usr/sbin/sshd caps=";
    const decoded = decodeGuestLine(line);
    expect(decoded.type === "exe_link" && decoded.record.caps).toEqual([]);
  });

  it("decodes the shell's identity: its capabilities as a list, userns=1 as a namespace of its own", () => {
    expect(decodeGuestLine("identity pid=1 uid=0 gid=0 caps= userns=0 nsuid=0 nsgid=0")).toEqual({
      type: "identity",
      pid: 1,
      uid: 0,
      gid: 0,
      caps: [],
      userns: false,
      nsUid: 0,
      nsGid: 0,
    });
    expect(
      decodeGuestLine(
        "identity pid=77 uid=1000 gid=1000 caps=cap_sys_admin,cap_sys_resource userns=1 nsuid=65534 nsgid=65534",
      ),
    ).toEqual({
      type: "identity",
      pid: 77,
      uid: 1000,
      gid: 1000,
      caps: ["cap_sys_admin", "cap_sys_resource"],
      userns: true,
      nsUid: 65534,
      nsGid: 65534,
    });
    expect(() => decodeGuestLine("identity pid=1 uid=0 gid=0 userns=0 nsuid=0 nsgid=0")).toThrow(
      ProtocolError,
    );
    // Its ids inside its namespace are not guessed: a line without them is refused.
    expect(() => decodeGuestLine("identity pid=1 uid=0 gid=0 caps= userns=0")).toThrow(ProtocolError);
  });

  it("decodes the agent's garbage report: the line it got, and why it refused it", () => {
    expect(decodeGuestLine("garbage line=helo%20id=1 reason=unknown%20request")).toEqual({
      type: "garbage",
      line: "helo id=1",
      reason: "unknown request",
    });
  });

  it("decodes an era event", () => {
    expect(decodeGuestLine("era era=2012")).toEqual({ type: "era", era: 2012 });
    expect(() => decodeGuestLine("era era=soon")).toThrow();
  });

  it("decodes a files event, written or not, and nothing else", () => {
    expect(decodeGuestLine("files written=1")).toEqual({ type: "files", written: true });
    expect(decodeGuestLine("files written=0")).toEqual({ type: "files", written: false });
    expect(() => decodeGuestLine("files written=yes")).toThrow(ProtocolError);
    expect(() => decodeGuestLine("files")).toThrow(ProtocolError);
  });

  it("decodes replies and process lists", () => {
    expect(decodeGuestLine("ok id=7 pid=12\r")).toEqual({
      type: "ok",
      id: 7,
      fields: { id: "7", pid: "12" },
    });
    expect(decodeGuestLine("err id=8 code=EINVAL msg=bad%20era")).toEqual({
      type: "err",
      id: 8,
      code: "EINVAL",
      msg: "bad era",
    });
    // An error reply without its errno name is not one: the page would show an empty code.
    expect(() => decodeGuestLine("err id=8 msg=bad")).toThrow(ProtocolError);
    const list = [
      { pid: 1, ppid: 0, uid: 0, comm: "exelab-agent", exe: "/sbin/exelab-agent", flag: "-" as const },
      { pid: 9, ppid: 1, uid: 1000, comm: "a,b;c", exe: "/tmp/x y", flag: "anon" as const },
    ];
    expect(parseProcList(formatProcList(list))).toEqual(list);
    expect(decodeGuestLine(formatLine("procs", { list: formatProcList(list) }))).toEqual({
      type: "procs",
      list,
      more: 0,
    });
    // A list the agent's line had no room for all of: how many were left out.
    expect(decodeGuestLine(formatLine("procs", { list: formatProcList(list), more: "37" }))).toEqual({
      type: "procs",
      list,
      more: 37,
    });
    expect(formatLine("procs", { list: formatProcList(list.slice(1)) })).toBe(
      "procs list=9,1,1000,a%252Cb%253Bc,/tmp/x%2520y,anon\n",
    );
    expect(decodeGuestLine("procs list=")).toEqual({ type: "procs", list: [], more: 0 });
  });

  it("decodes a shell that keeps dying as it starts", () => {
    expect(decodeGuestLine("shell_failing deaths=3 status=127 retry=8")).toEqual({
      type: "shell_failing",
      deaths: 3,
      status: 127,
      retry: 8,
    });
    expect(() => decodeGuestLine("shell_failing deaths=3 status=x retry=8")).toThrow();
  });

  it("takes a line as long as the longest allowed", () => {
    const longest = `ok id=1 x=${"a".repeat(MAX_LINE - "ok id=1 x=".length)}`;
    expect(longest).toHaveLength(MAX_LINE);
    expect(decodeGuestLine(`${longest}\n`)).toMatchObject({ type: "ok", id: 1 });
  });

  const exeLink =
    "exe_link pid=42 comm=setexe-holder op=map era=2014 uid=1000 euid=1000 userns=initial " +
    "check=uid_gid_root result=EINVAL old=/usr/bin/setexe new=/usr/sbin/sshd";

  it("refuses a negative number, where the same line with a count decodes", () => {
    expect(decodeGuestLine("identity pid=5 uid=0 gid=0 caps= userns=0 nsuid=0 nsgid=0")).toMatchObject({
      pid: 5,
    });
    expect(() => decodeGuestLine("identity pid=-1 uid=0 gid=0 caps= userns=0 nsuid=0 nsgid=0")).toThrow(
      ProtocolError,
    );
  });

  it("refuses garbage with a reason", () => {
    for (const bad of [
      "",
      "OK id=1",
      "ok id=x",
      "ok id",
      "exe_link pid=1",
      "procs list=1,2",
      "nope a=b",
      "ok =1",
      // A number with more after it is no number.
      "ok id=12x",
      "ok id=1.5",
      "era era=2014x",
      // The agent writes no negative number: such a line is not its own (root writing the line).
      "shell_failing deaths=1 status=9 retry=-100",
      "identity pid=-1 uid=-1 gid=0 caps= userns=0 nsuid=0 nsgid=0",
      "ok id=-3",
      // A record's op and namespace are one of theirs.
      exeLink.replace("op=map", "op=foo"),
      exeLink.replace("userns=initial", "userns=x"),
      // A process entry with a flag or a number that is not one.
      "procs list=1,2,3,a,b,zzz",
      "procs list=x,1,1,a,b,-",
      "procs list=1,x,1,a,b,-",
      "procs list=1,1,-1,a,b,-",
      // Keys are lower case, letters and "_" only.
      "ok id=1 Ab=1",
      "ok id=1 aB=1",
      "ok id=1 a1=1",
      "err id=1",
      // One byte past the longest line.
      `ok id=1 x=${"a".repeat(MAX_LINE - "ok id=1 x=".length + 1)}`,
    ]) {
      expect(() => decodeGuestLine(bad), bad).toThrow(ProtocolError);
    }
  });
});

describe("LineSplitter", () => {
  it("splits lines and cuts over-long ones", () => {
    const lines: string[] = [];
    const overflows: string[] = [];
    const s = new LineSplitter(
      (l) => lines.push(l),
      (p) => overflows.push(p),
    );
    for (const b of new TextEncoder().encode("a b\nc\n")) s.push(b);
    for (let i = 0; i < 5000; i++) s.push(0x41);
    s.push(0x0a);
    for (const b of new TextEncoder().encode("after\n")) s.push(b);
    expect(lines).toEqual(["a b", "c", "after"]);
    expect(overflows).toHaveLength(1);
  });

  it("passes a line of exactly MAX_LINE bytes on, and cuts one of MAX_LINE + 1", () => {
    const lines: string[] = [];
    const overflows: string[] = [];
    const s = new LineSplitter(
      (l) => lines.push(l),
      (p) => overflows.push(p),
    );
    const send = (text: string) => {
      for (const b of new TextEncoder().encode(text)) s.push(b);
    };
    send(`${"a".repeat(MAX_LINE)}\n`);
    send(`${"b".repeat(MAX_LINE + 1)}\n`);
    send("next\n");
    expect(lines).toEqual(["a".repeat(MAX_LINE), "next"]);
    // What was cut is reported by its start only.
    expect(overflows).toEqual(["b".repeat(80)]);
  });
});
