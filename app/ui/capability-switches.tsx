// The identity form's capability switches: the three capabilities the kernel's checks name, each with why it matters.
import { useId } from "react";
import { TOGGLE_CAPS, type Identity, type ToggleCap } from "../core/protocol";
import { allCapsNote } from "../core/identity-words";

const CAP_HELP: Record<ToggleCap, string> = {
  cap_sys_admin:
    "The catch-all admin capability. Since 2017 (v4.14) it lets PR_SET_MM_MAP change the exe link when held in your own user namespace.",
  cap_checkpoint_restore:
    "Split out of CAP_SYS_ADMIN in 2020 (v5.9) for checkpoint/restore tools such as CRIU; under the 2020 rules it lets PR_SET_MM_MAP change the exe link when held in your own user namespace.",
  cap_sys_resource:
    "What PR_SET_MM_EXE_FILE asks for, and only in the initial user namespace: root inside a new namespace never has it there.",
};

const hasCap = (caps: Identity["caps"], cap: ToggleCap) => caps === "all" || caps.includes(cap);

export function CapabilitySwitches({
  draft,
  onToggle,
  onAll,
  onNone,
}: {
  draft: Identity;
  onToggle: (cap: ToggleCap, on: boolean) => void;
  onAll: () => void;
  onNone: () => void;
}) {
  const id = useId();
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 font-semibold">
        Capabilities
        {/* A space in the name too: the margin alone ran the words together for screen readers. */}
        {draft.caps === "all" && " "}
        {draft.caps === "all" && (
          <span className="ml-2 font-normal text-slate-600 dark:text-slate-400">{allCapsNote(draft)}</span>
        )}
      </legend>
      {TOGGLE_CAPS.map((cap) => (
        <div key={cap} className="flex items-start gap-3">
          <input
            id={`${id}-${cap}`}
            type="checkbox"
            role="switch"
            data-control={cap}
            className="switch mt-1"
            checked={hasCap(draft.caps, cap)}
            aria-checked={hasCap(draft.caps, cap)}
            aria-describedby={`${id}-${cap}-d`}
            onChange={(event) => onToggle(cap, event.target.checked)}
          />
          <div className="min-w-0">
            <label htmlFor={`${id}-${cap}`} className="font-mono font-semibold break-all">
              {cap.toUpperCase()}
            </label>
            <p id={`${id}-${cap}-d`} className="text-sm text-slate-600 dark:text-slate-400">
              {CAP_HELP[cap]}
            </p>
          </div>
        </div>
      ))}
      <div className="flex gap-2 text-sm">
        <button type="button" className="btn-small" onClick={onAll}>
          All capabilities
        </button>
        <button type="button" className="btn-small" onClick={onNone}>
          None
        </button>
      </div>
    </fieldset>
  );
}
