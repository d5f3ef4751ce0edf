// Tests the result card's count of earlier attempts, server-rendered with a stand-in lab.
import { createElement } from "react";
import { describe, expect, it, vi } from "vitest";
import { exeLinkRecord } from "../core/exe-link-record.fixture";
import { DEFAULT_IDENTITY } from "../core/identity";
import type { Attempt } from "../core/lab-types";
import { compareWithKernel, predict, subjectFromIdentity } from "../core/permission-model";
import type { Era } from "../core/protocol";
import { Store, type ReadableStore } from "../core/store";
import { AttemptCard } from "./attempt-card";
import { renderWithLab, textOf } from "./static-render.fixture";

// useSyncExternalStore wants a server snapshot; the store's current value is all a static render needs.
vi.mock("./use-store", () => ({ useStore: <T>(store: ReadableStore<T>): T => store.get() }));

/** The card's markup: for what only the tags say (a test id, the live region). */
const markup = (
  attempts: Attempt[],
  running: Era = 2020,
  switching = false,
  terminalSpeaks = false,
): string =>
  renderWithLab(
    {
      attempts: new Store(attempts),
      era: new Store({ current: running, switching }),
      identity: new Store({ requested: DEFAULT_IDENTITY, applying: false }),
    },
    createElement(AttemptCard, { terminalSpeaks }),
  );

const render = (attempts: Attempt[], running: Era = 2020, switching = false): string =>
  textOf(markup(attempts, running, switching));

/** Attempts numbered first..last, as the lab keeps them (only the latest ones). */
const attempts = (first: number, last: number): Attempt[] =>
  Array.from({ length: last - first + 1 }, (_, i) => ({
    seq: first + i,
    at: 0,
    record: exeLinkRecord({ pid: 100 + i }),
  }));

describe("AttemptCard", () => {
  it("counts every earlier attempt since the page loaded, not only those still kept", () => {
    expect(render(attempts(3, 5))).toContain("Earlier attempts (4)");
    // The lab keeps the latest 50: the 120th attempt has 119 before it.
    expect(render(attempts(71, 120))).toContain("Earlier attempts (119)");
  });

  it("says a refusal, and a change, in words too: the strike-through and the bold are not heard", () => {
    expect(render([{ seq: 1, at: 0, record: exeLinkRecord({ result: "EPERM" }) }])).toContain(
      "(refused: the link is unchanged)",
    );
    expect(render([{ seq: 1, at: 0, record: exeLinkRecord({ result: "0" }) }])).toContain(
      "/usr/sbin/sshd (changed)",
    );
  });

  it("names a descriptor with no file behind it as the terminal does, not as no file at all", () => {
    const record = exeLinkRecord({ check: "bad_fd", result: "EBADF", new: "-" });
    expect(render([{ seq: 1, at: 0, record }])).toContain(
      "exe: /usr/bin/setexe →  to (no file behind the descriptor)",
    );
    expect(render([{ seq: 1, at: 0, record: exeLinkRecord({ new: "-" }) }])).toContain("→  to (none)");
  });

  it("says who made each earlier attempt: its ids, its namespace and its capabilities", () => {
    const earlier: Attempt[] = [
      {
        seq: 1,
        at: 0,
        record: exeLinkRecord({ uid: 1000, euid: 1000, userns: "nested", nsUid: 0, nsGid: 0, caps: ["all"] }),
      },
      { seq: 2, at: 0, record: exeLinkRecord({ uid: 0, euid: 0, userns: "initial", caps: [] }) },
      { seq: 3, at: 0, record: exeLinkRecord({ pid: 300 }) },
    ];
    const text = render(earlier);
    expect(text).toContain("uid 0 in a user ns of its own (uid 1000 outside) · all capabilities there");
    expect(text).toContain("uid 0, initial user ns · no capabilities");
  });

  it("says when the list holds only the latest of the earlier attempts, and where to find more", () => {
    expect(render(attempts(1, 24))).toMatch(
      /The last 6 of 23\. More in the kernel\S+ log, as long as it keeps them: dmesg \| grep exe_link/,
    );
    expect(render(attempts(1, 7))).not.toMatch(/The last/);
  });

  it("before any attempt, says whose link may change and suggests a target that shows the change", () => {
    const empty = (era: Era) =>
      textOf(
        renderWithLab(
          { attempts: new Store<Attempt[]>([]), era: new Store({ current: era, switching: false }) },
          createElement(AttemptCard),
        ),
      );
    const now = empty(2020);
    expect(now).toMatch(/repoint its own link/);
    // The lab's point: the link names what was started, which need not be what runs, prctl or not.
    expect(now).toMatch(
      /naming the file it was started from: a hint, not a guarantee of what code runs\. A program/,
    );
    expect(now).toContain("masquerade /usr/sbin/sshd");
    expect(now).toContain("setexe /usr/sbin/sshd");
    expect(now).toContain("setexe --via file /usr/sbin/sshd");
    expect(now).not.toMatch(/not there yet/);
    // In 2012 PR_SET_MM_MAP does not exist: the card says so before the learner meets the EINVAL.
    expect(empty(2012)).toMatch(/not there yet in 2012/);
  });

  it("says an answer was under other rules once the era was switched, not while it switches", () => {
    const earlier = [{ seq: 1, at: 0, record: exeLinkRecord({ era: 2014, result: "0" }) }];
    expect(render(earlier, 2017)).toContain(
      "This answer was under the 2014 rules; the kernel now follows the 2017 rules. Try again to see its answer.",
    );
    expect(render(earlier, 2014)).not.toContain("This answer was under");
    expect(render(earlier, 2017, true)).not.toContain("This answer was under");
  });

  it("names each check as the kernel's code has it, and for a change let through the check it passed", () => {
    const card = (over: Parameters<typeof exeLinkRecord>[0]) =>
      render([{ seq: 1, at: 0, record: exeLinkRecord(over) }], over?.era as Era);
    expect(card({ era: 2020, check: "ns_checkpoint_restore", result: "EPERM" })).toContain(
      "Kernel check: ns_checkpoint_restore (checkpoint_restore_ns_capable(current_user_ns()) in prctl_set_mm_map())",
    );
    expect(card({ era: 2014, check: "allowed", result: "0" })).toContain(
      "Kernel check: allowed (passed: uid_eq(cred-&gt;uid, make_kuid(ns, 0)) &amp;&amp; gid_eq(cred-&gt;gid, make_kgid(ns, 0))",
    );
    expect(card({ era: 2012, op: "exe_file", check: "allowed", result: "0" })).toContain(
      "(passed: capable(CAP_SYS_RESOURCE) in prctl_set_mm())",
    );
    expect(card({ era: 2017, check: "old_exe_mapped", result: "EBUSY" })).toContain("path_equal()");
    // A check name the page does not know, even one an object has by inheritance, is said to be so.
    for (const check of ["__proto__", "constructor", "toString", "made_up"])
      expect(card({ check, result: "EPERM" }), check).toContain(
        `Kernel check: ${check} (a check this page does not know)`,
      );
    // Where the code was in the releases the era names: validate_prctl_map() before Linux 5.2.
    expect(card({ era: 2017, check: "ns_cap_sys_admin", result: "EINVAL" })).toContain(
      "(ns_capable(current_user_ns(), CAP_SYS_ADMIN) in validate_prctl_map(), in prctl_set_mm_map() from 5.2)",
    );
  });

  it("says a second change let through is one the rules before 2016 refused", () => {
    const again = (era: Era) => render([{ seq: 2, at: 0, record: exeLinkRecord({ era }), again: true }], era);
    expect(again(2016)).toContain(
      "This process had changed its exe link before: kernels before Linux 4.10 (the 2012 and 2014 rules here) refused any second change with EPERM; the 2016 rules allow it.",
    );
    expect(render([{ seq: 2, at: 0, record: exeLinkRecord({ era: 2016 }) }], 2016)).not.toContain(
      "changed its exe link before",
    );
  });

  it("dates a cited commit of another release by its own release, not the rule's", () => {
    const second = exeLinkRecord({ era: 2012, check: "one_shot", result: "EPERM" });
    const text = render([{ seq: 1, at: 0, record: second }]);
    const rule = text.replace(/ \(opens in a new tab\)/g, "");
    expect(rule).toMatch(/rule: May–Jul 2012, Linux 3\.5 bafb282df29c 3fb4afd9a504 \(Linux 4\.10\)/);
    // Each link named "commit HASH": a hash alone is no name. The name replaces the link's text, so it
    // says the new tab itself, as every other link's hidden words do.
    expect(markup([{ seq: 1, at: 0, record: second }])).toContain(
      'aria-label="commit bafb282df29c (opens in a new tab)"',
    );
  });

  it("cites a 2012 refusal of PR_SET_MM_MAP by when the call arrives, not as a rule from 2014", () => {
    const noMap = exeLinkRecord({ era: 2012, check: "era_no_map", result: "EINVAL" });
    const text = render([{ seq: 1, at: 0, record: noMap }]);
    expect(text).toMatch(/PR_SET_MM_MAP arrives: [^·]*2014, Linux 3\.18/);
    expect(text).not.toMatch(/rule: [^·]*2014/);
  });

  it("says an answer came from a guest since replaced, whose pid may now be another process's", () => {
    const record = exeLinkRecord({ pid: 50 });
    expect(render([{ seq: 1, at: 0, record, earlierGuest: true }])).toContain(
      // (textOf leaves the apostrophe as markup writes it.)
      "This answer came from the guest before it restarted: pid 50 is gone, and its number may now be another process",
    );
    expect(render([{ seq: 1, at: 0, record }])).not.toContain("before it restarted");
  });

  it("says a refused second change asked for the file the link names already (setexe --twice)", () => {
    const twice = exeLinkRecord({
      old: "/usr/sbin/sshd",
      new: "/usr/sbin/sshd",
      check: "one_shot",
      result: "EPERM",
    });
    expect(render([{ seq: 1, at: 0, record: twice }])).toContain("(it names this file already)");
    expect(render([{ seq: 1, at: 0, record: exeLinkRecord({}) }])).not.toContain("names this file already");
  });

  describe("the model's verdict beside the kernel's answer", () => {
    // As the lab builds them (observations.ts's toAttempt, which the UI may not import): the model's
    // own prediction for the shell, uid 1000 without capabilities, and its verdict on the record.
    const prediction = predict(2020, "map", subjectFromIdentity({ uid: 1000, caps: [], userns: false }));
    const card = (over: Parameters<typeof exeLinkRecord>[0]) => {
      const record = exeLinkRecord(over);
      const attempt: Attempt = {
        seq: 1,
        at: 0,
        record,
        prediction,
        agrees: compareWithKernel(prediction, record).agrees,
      };
      const html = markup([attempt]);
      const live = /aria-live="polite"[^>]*>([^<]*)</.exec(html)?.[1];
      return { attempt, html, text: textOf(html), live };
    };
    // uid 1000 without CAP_CHECKPOINT_RESTORE: the 2020 MAP check refuses, as the kernel did here…
    const agreed = card({ check: "ns_checkpoint_restore", result: "EPERM" });
    // …and the model would not have let this change through.
    const mismatched = card({ check: "allowed", result: "0" });

    it("has the model agree with the refusal and not with the change let through, as the tests below need", () => {
      expect([agreed.attempt.agrees, mismatched.attempt.agrees]).toEqual([true, false]);
    });

    it("shows the Model mismatch box only when the model disagrees", () => {
      expect(mismatched.html).toContain('data-testid="model-mismatch"');
      expect(mismatched.text).toContain("Model predicted: EPERM (ns_checkpoint_restore)");
      expect(agreed.html).not.toContain('data-testid="model-mismatch"');
      expect(agreed.text).not.toContain("Model mismatch");
    });

    it("says the model agrees only when it does, never beside a mismatch", () => {
      expect(agreed.text).toContain("model of the rules agrees.");
      expect(mismatched.text).not.toContain("model of the rules agrees");
    });

    it("tells a screen reader each result, and where it hears the terminal too, only a mismatch", () => {
      const spoken = (attempt: Attempt) =>
        /aria-live="polite"[^>]*>([^<]*)</.exec(markup([attempt], 2020, false, true))?.[1];
      expect(spoken(agreed.attempt)).toBe("");
      expect(spoken(mismatched.attempt)).toBe(mismatched.live);
      expect(mismatched.live).toBe(
        "Kernel answered OK to PR_SET_MM_MAP from setexe-holder, pid 30, under the 2020 rules. The model predicted otherwise: model mismatch.",
      );
      expect(agreed.live).toBe(
        "Kernel answered EPERM to PR_SET_MM_MAP from setexe-holder, pid 30, under the 2020 rules.",
      );
    });

    it("says by which of the rule's ways a change let through passed, when the model agrees", () => {
      // uid 1000 holding CAP_SYS_ADMIN only: the 2020 rule's second way in.
      const admin = predict(
        2020,
        "map",
        subjectFromIdentity({ uid: 1000, caps: ["cap_sys_admin"], userns: false }),
      );
      const record = exeLinkRecord({ check: "allowed", result: "0" });
      const html = markup([{ seq: 1, at: 0, record, prediction: admin, agrees: true }]);
      expect(textOf(html)).toContain(
        "You hold CAP_SYS_ADMIN in your own user namespace, which still grants everything CAP_CHECKPOINT_RESTORE does.",
      );
      // Not beside a mismatch (the model's reason would contradict the kernel), nor for a refusal.
      expect(mismatched.html).not.toContain('data-testid="why-passed"');
      expect(agreed.html).not.toContain('data-testid="why-passed"');
    });

    it("gives no verdict for a process with another identity than the shell's that it could not read", () => {
      const record = exeLinkRecord({ uid: 0, euid: 0 });
      const html = markup([{ seq: 1, at: 0, record, otherIdentity: true }]);
      expect(html).toContain('data-testid="other-identity"');
      expect(textOf(html)).toContain(
        "it had ended before the agent could read its capabilities: there is no",
      );
      const setuid = exeLinkRecord({ uid: 0, euid: 1000 });
      expect(textOf(markup([{ seq: 1, at: 0, record: setuid, otherIdentity: true }]))).toContain(
        "its real and effective uids differ",
      );
      expect(html).not.toContain('data-testid="model-mismatch"');
      expect(textOf(html)).not.toContain("model of the rules agrees");
      expect(html).not.toMatch(/model mismatch/);
    });

    it("tells a process with an identity of its own the way from the shell, not the page's switches", () => {
      // runas --uid 1000 -- setexe … from root's shell holding every capability, 2017.
      const record = exeLinkRecord({ era: 2017, check: "ns_cap_sys_admin", result: "EINVAL" });
      const shell = subjectFromIdentity({ uid: 0, caps: "all", userns: false });
      const other = textOf(markup([{ seq: 1, at: 0, record, otherIdentity: true, shell }]));
      expect(other).toContain(
        "The shell the identity panel set has that: run setexe /usr/sbin/sshd from it directly",
      );
      expect(other).not.toContain("Apply.");
      expect(textOf(markup([{ seq: 1, at: 0, record }]))).toContain("switch it on and Apply");
    });

    it("says a prediction for another identity than the shell's was made from the process's own", () => {
      // `runas --uid 1000 --caps cap_sys_admin -- setexe …` from a root shell, under the 2020 rules.
      const own = predict(
        2020,
        "map",
        subjectFromIdentity({ uid: 1000, caps: ["cap_sys_admin"], userns: false }),
      );
      const record = exeLinkRecord({ check: "allowed", result: "0" });
      const html = markup([{ seq: 1, at: 0, record, prediction: own, agrees: true, otherIdentity: true }]);
      expect(textOf(html)).toContain("the model predicted from its own ids and capabilities");
      expect(textOf(html)).toContain("model of the rules agrees");
      expect(textOf(html)).not.toContain("no prediction");
    });
  });
});
