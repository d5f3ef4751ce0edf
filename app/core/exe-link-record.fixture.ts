// Test fixture: a plausible kernel exe_link record (a setexe holder's successful MAP change), to override.
import type { ExeLinkRecord } from "./protocol";

export const exeLinkRecord = (over: Partial<ExeLinkRecord> = {}): ExeLinkRecord => ({
  pid: 30,
  comm: "setexe-holder",
  op: "map",
  era: 2020,
  uid: 1000,
  euid: 1000,
  userns: "initial",
  check: "allowed",
  result: "0",
  old: "/usr/bin/setexe",
  new: "/usr/sbin/sshd",
  ...over,
});
