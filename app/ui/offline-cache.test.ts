// Tests how the offline copy's failed first install is told from one not yet asked for.
import { describe, expect, it } from "vitest";
import { offlineCopyFailed, watchInstall } from "./offline-cache";

/** A registration whose installing worker's state the test moves on. */
function registration() {
  const listeners: Array<() => void> = [];
  const worker = {
    state: "installing",
    addEventListener: (_type: string, listener: () => void) => listeners.push(listener),
  };
  const reg = { installing: worker as unknown, waiting: null as unknown, active: null as unknown };
  const move = (state: string, where: Partial<typeof reg>) => {
    worker.state = state;
    Object.assign(reg, where);
    for (const l of listeners) l();
  };
  return { reg: reg as ServiceWorkerRegistration, worker, move };
}

describe("watchInstall", () => {
  it("says nothing failed while the copy installs and once it is active", () => {
    const { reg, worker, move } = registration();
    watchInstall(reg);
    move("installed", { installing: null, waiting: worker });
    move("activated", { waiting: null, active: worker });
    expect(offlineCopyFailed()).toBe(false);
  });

  it("says the copy failed when its worker ends with no other in the registration", () => {
    const { reg, move } = registration();
    watchInstall(reg);
    move("redundant", { installing: null });
    expect(offlineCopyFailed()).toBe(true);
  });
});
