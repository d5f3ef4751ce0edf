// The host↔guest control protocol on the guest's /dev/ttyS1: its one specification and its codec.
//
// exelab control protocol, version 1. The guest side is vm-images/guest/agent.c; the page and the
// guest tests use this file, so the three cannot drift apart.
//
// Framing: one message per line, ASCII, terminated by "\n" ("\r" before it is ignored), at most
// MAX_LINE bytes. A line is a TYPE word followed by space-separated key=value fields. Values are
// percent-encoded: every byte outside [A-Za-z0-9._/:@+,-] is written as %XX (upper-case hex), so a
// value never holds a space, "=", "%" or ";". An empty value is allowed ("caps=").
//
// Requests (host → guest) carry id=N (a positive integer) and are answered by exactly one
// `ok id=N …` or `err id=N code=ERRNAME msg=…`:
//   hello   id                                  → ok v=1 era=YEAR, then the shell's `identity`
//                                                 event again (a restored host missed it)
//   era     id year=2012|2014|2016|2017|2020 [say=1 up=ROWS] → ok era=YEAR (say: a note in the
//                                                 terminal; up: the typed line's rows above the cursor)
//   shell   id uid=0|1000 caps=LIST userns=0|1 [clear=1] → ok pid=PID (restarts the terminal's
//                                                 shell; clear: on a cleared screen, not under a note)
//   ps      id                                  → ok list=PROCLIST [more=N]
//   clock   id epoch=SECONDS                    → ok
//   seed    id bytes=HEX                        → ok            (32 bytes, 64 hex digits, credited in full to
//                                                 the kernel's random pool: RNDADDENTROPY)
//   winsize id rows=R cols=C                    → ok            (TIOCSWINSZ on the terminal)
//   dropcaches id                               → ok            (before a save: frees caches, restarts the idle scans)
//   interrupt id before=MS                      → ok done=0|1   (where ^C interrupts: a cooked-mode command,
//                                                 or the shell's line editor; not vi: drops the terminal's
//                                                 unread input, then puts in a ^C as if typed (done=1);
//                                                 Ctrl+C after a long paste. MS: the page's deadline, in
//                                                 ms since the epoch; later, err code=ETIME and nothing done)
// LIST is a comma-separated list of capability names (cap_sys_admin, cap_checkpoint_restore,
// cap_sys_resource; "all" for every capability), possibly empty.
//
// Events (guest → host) carry no id:
//   ready    v=1 era=YEAR                       (the agent started)
//   era      era=YEAR                           (the kernel's era was written, by `era` or by hand)
//   exe_link pid comm op era uid euid userns check result old new [caps]
//            one per kernel record, fields as the kernel wrote them; the agent appends caps=LIST,
//            gid=N, nsuid=N and nsgid=N (the process's effective capabilities, its real gid, and its
//            real uid and gid inside its own user namespace) when the record arrived, if it still exists
//   identity pid uid gid caps userns nsuid nsgid
//                                               (the terminal's shell changed identity; nsuid and
//                                               nsgid: its real ids inside its own user namespace)
//   procs    list=PROCLIST [more=N]             (the process list changed; more: processes left
//                                               out, the line being full)
//   shell_failing deaths=N status=S retry=SECONDS
//                                               (the terminal's shell died within 2 s of its start,
//                                               N times in a row, the last with exit status S, or
//                                               128+signal; the agent tries again in SECONDS)
//   files    written=0|1                        (files the guest did not start with exist, or no
//                                               longer: leaving the page would lose them)
//   garbage  line=TEXT reason=TEXT              (the agent could not parse what it received)
//
// PROCLIST: entries separated by ";", fields of an entry by ",":
//   pid,ppid,uid,comm,exe,flag
// each field percent-encoded on its own with "," also escaped as %2C; the whole list is then
// percent-encoded once more as the value of list= (like every value), so "%" in it becomes %25.
// flag is "-" for an ordinary process, "text" when the code at the process's instruction pointer
// differs from its exe file on disk, "anon" when it runs from anonymous memory while its exe
// link names a file.
//
// The host ignores (and reports) lines it cannot parse; the guest answers them with `garbage`.

import { ProtocolError, parseLine, formatLine, decodeValue, encodeValue } from "./protocol-framing";
import { hex } from "./hex";
import { MAX_ROWS } from "./typed-line";

// The framing (values, lines, the byte stream cut into lines) is in protocol-framing.ts.
export {
  MAX_LINE,
  ProtocolError,
  LineSplitter,
  decodeValue,
  encodeValue,
  formatLine,
  parseLine,
} from "./protocol-framing";

export const PROTOCOL_VERSION = 1;

export const ERAS = [2012, 2014, 2016, 2017, 2020] as const;
export type Era = (typeof ERAS)[number];

export const TOGGLE_CAPS = ["cap_sys_admin", "cap_checkpoint_restore", "cap_sys_resource"] as const;
export type ToggleCap = (typeof TOGGLE_CAPS)[number];

export interface Identity {
  uid: 0 | 1000;
  /** Capabilities held in the shell's own user namespace. */
  caps: readonly ToggleCap[] | "all";
  userns: boolean;
}

export interface ProcEntry {
  pid: number;
  ppid: number;
  uid: number;
  comm: string;
  exe: string;
  flag: "-" | "text" | "anon";
}

export interface ExeLinkRecord {
  pid: number;
  comm: string;
  op: "map" | "exe_file";
  era: number;
  uid: number;
  euid: number;
  userns: "initial" | "nested";
  check: string;
  result: string;
  old: string;
  new: string;
  /** Effective capabilities of the process, added by the agent (absent if it had exited). */
  caps?: string[];
  /** Its real gid in the initial user namespace, added by the agent likewise. */
  gid?: number;
  /** Its real uid and gid inside its own user namespace (65534: unmapped there), likewise. */
  nsUid?: number;
  nsGid?: number;
}

export type Request =
  | { type: "hello" }
  /**
   * `say`: chosen by the learner, so noted in the terminal (not when the page brings a guest to its
   * era); `up`: the rows busybox's line editor moves up to draw its line again under the note.
   */
  | { type: "era"; year: Era; say?: boolean; up?: number }
  /** `clear`: the screen cleared for the new shell instead of a note (the page's own start-up). */
  | { type: "shell"; identity: Identity; clear?: boolean }
  | { type: "ps" }
  | { type: "clock"; epoch: number }
  /**
   * Every visitor restores the same saved state, random generator included, and that generator has
   * not been seeded yet: the page gives each guest bytes of its own (SEED_BYTES of them).
   */
  | { type: "seed"; bytes: Uint8Array }
  | { type: "winsize"; rows: number; cols: number }
  | { type: "dropcaches" }
  | { type: "interrupt"; before: number };

/** A seed's size: the 256 bits that make the kernel's generator ready (crng init). */
export const SEED_BYTES = 32;

export type GuestEvent =
  | { type: "ready"; version: number; era: number }
  | { type: "era"; era: number }
  | { type: "exe_link"; record: ExeLinkRecord }
  | {
      type: "identity";
      pid: number;
      uid: number;
      gid: number;
      caps: string[];
      userns: boolean;
      nsUid: number;
      nsGid: number;
    }
  /** `more`: processes the agent left out of `list` for want of room in its line. */
  | { type: "procs"; list: ProcEntry[]; more: number }
  | { type: "shell_failing"; deaths: number; status: number; retry: number }
  /** The learner's files (written since the guest started) exist: leaving the page loses them. */
  | { type: "files"; written: boolean }
  | { type: "garbage"; line: string; reason: string };

export type Reply =
  | { type: "ok"; id: number; fields: Record<string, string> }
  | { type: "err"; id: number; code: string; msg: string };

export type GuestLine = GuestEvent | Reply;

export function formatCaps(caps: Identity["caps"]): string {
  return caps === "all" ? "all" : caps.join(",");
}

export function encodeRequest(id: number, req: Request): string {
  switch (req.type) {
    case "hello":
    case "ps":
    case "dropcaches":
      return formatLine(req.type, { id });
    case "interrupt":
      return formatLine("interrupt", { id, before: Math.floor(req.before) });
    case "era":
      // `up` at most the rows a typed line is read over, as the agent makes room for (agent-notes.inc).
      return formatLine(
        "era",
        req.say
          ? { id, year: req.year, say: 1, up: Math.min(Math.max(req.up ?? 0, 0), MAX_ROWS) }
          : { id, year: req.year },
      );
    case "shell": {
      const { uid, caps, userns } = req.identity;
      const fields = { id, uid, caps: formatCaps(caps), userns: userns ? 1 : 0 };
      return formatLine("shell", req.clear ? { ...fields, clear: 1 } : fields);
    }
    case "clock":
      return formatLine("clock", { id, epoch: Math.floor(req.epoch) });
    case "seed":
      return formatLine("seed", { id, bytes: hex(req.bytes) });
    case "winsize":
      return formatLine("winsize", { id, rows: req.rows, cols: req.cols });
  }
}

/** A count, id or time: the agent writes none below 0 (a line that does was not written by it). */
function int(fields: Record<string, string>, key: string): number {
  const v = fields[key];
  if (v === undefined || !/^\d+$/.test(v)) throw new ProtocolError(`missing or bad integer ${key}`);
  return Number(v);
}

function str(fields: Record<string, string>, key: string): string {
  const v = fields[key];
  if (v === undefined) throw new ProtocolError(`missing field ${key}`);
  return v;
}

export function parseProcList(list: string): ProcEntry[] {
  if (list === "") return [];
  return list.split(";").map((entry) => {
    const f = entry.split(",").map(decodeValue);
    if (f.length !== 6) throw new ProtocolError(`proc entry with ${f.length} fields`);
    const [pid, ppid, uid, comm, exe, flag] = f;
    if (![pid, ppid, uid].every((n) => /^\d+$/.test(n))) throw new ProtocolError("bad proc numbers");
    if (flag !== "-" && flag !== "text" && flag !== "anon") throw new ProtocolError(`bad proc flag ${flag}`);
    return { pid: Number(pid), ppid: Number(ppid), uid: Number(uid), comm, exe, flag };
  });
}

/** A `procs` event's fields, or a `ps` reply's: the list and how many it left out. */
export function procsEvent(f: Record<string, string>): Extract<GuestEvent, { type: "procs" }> {
  return {
    type: "procs",
    list: parseProcList(str(f, "list")),
    more: f.more === undefined ? 0 : int(f, "more"),
  };
}

export function formatProcList(list: readonly ProcEntry[]): string {
  return list
    .map((p) =>
      [p.pid, p.ppid, p.uid, p.comm, p.exe, p.flag]
        .map((v) => encodeValue(String(v)).replace(/,/g, "%2C"))
        .join(","),
    )
    .join(";");
}

/** Parses one line from the guest into a typed message; throws ProtocolError when it is not one. */
export function decodeGuestLine(raw: string): GuestLine {
  const { type, fields: f } = parseLine(raw);
  switch (type) {
    case "ok":
      return { type, id: int(f, "id"), fields: f };
    case "err":
      return { type, id: int(f, "id"), code: str(f, "code"), msg: f.msg ?? "" };
    case "ready":
      return { type, version: int(f, "v"), era: int(f, "era") };
    case "era":
      return { type, era: int(f, "era") };
    case "exe_link": {
      const op = str(f, "op");
      const userns = str(f, "userns");
      if (op !== "map" && op !== "exe_file") throw new ProtocolError(`bad op ${op}`);
      if (userns !== "initial" && userns !== "nested") throw new ProtocolError(`bad userns ${userns}`);
      return {
        type,
        record: {
          pid: int(f, "pid"),
          comm: str(f, "comm"),
          op,
          era: int(f, "era"),
          uid: int(f, "uid"),
          euid: int(f, "euid"),
          userns,
          check: str(f, "check"),
          result: str(f, "result"),
          old: str(f, "old"),
          new: str(f, "new"),
          ...(f.caps === undefined ? {} : { caps: f.caps === "" ? [] : f.caps.split(",") }),
          ...(f.gid === undefined ? {} : { gid: int(f, "gid") }),
          ...(f.nsuid === undefined ? {} : { nsUid: int(f, "nsuid") }),
          ...(f.nsgid === undefined ? {} : { nsGid: int(f, "nsgid") }),
        },
      };
    }
    case "identity":
      return {
        type,
        pid: int(f, "pid"),
        uid: int(f, "uid"),
        gid: int(f, "gid"),
        caps: str(f, "caps") === "" ? [] : str(f, "caps").split(","),
        userns: str(f, "userns") === "1",
        nsUid: int(f, "nsuid"),
        nsGid: int(f, "nsgid"),
      };
    case "procs":
      return procsEvent(f);
    case "shell_failing":
      return { type, deaths: int(f, "deaths"), status: int(f, "status"), retry: int(f, "retry") };
    case "files": {
      const written = str(f, "written");
      if (written !== "0" && written !== "1") throw new ProtocolError(`bad written ${written}`);
      return { type, written: written === "1" };
    }
    case "garbage":
      return { type, line: f.line ?? "", reason: f.reason ?? "" };
    default:
      throw new ProtocolError(`unknown message type "${type}"`);
  }
}
