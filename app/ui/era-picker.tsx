// A compact era switch for the header, so a speaker can change the kernel's rules without scrolling to the timeline.
import { entryForEra } from "../core/history";
import { ERAS } from "../core/protocol";
import { useServices } from "./app-context";
import { busyProps } from "./busy-focus";
import { useStore } from "./use-store";

export function EraPicker({ ready }: { ready: boolean }) {
  const { lab } = useServices();
  const era = useStore(lab.era);
  // A select, not buttons: the timeline owns the "Switch kernel to YEAR rules" buttons, and one
  // accessible name per action keeps them unambiguous.
  return (
    <label className="flex items-center gap-1">
      <span>Kernel rules</span>
      <select
        className="rounded border border-slate-500 bg-white px-1 py-1 font-semibold dark:border-slate-500 dark:bg-slate-900"
        value={era.current}
        disabled={!ready}
        // Busy, not disabled, while a switch is under way: a disabled select drops the keyboard's focus.
        {...busyProps(era.switching)}
        onChange={(event) => {
          if (era.switching) return;
          const year = ERAS.find((e) => String(e) === event.target.value);
          // Errors land in the era store and are shown by the timeline.
          if (year) lab.setEra(year).catch(() => undefined);
        }}
      >
        {ERAS.map((year) => (
          <option key={year} value={year} title={`${entryForEra(year).release}: ${entryForEra(year).title}`}>
            {year}
          </option>
        ))}
      </select>
      {era.switching && <span className="text-sm italic">switching…</span>}
      {era.error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-300">
          switch failed: {era.error}
        </span>
      )}
    </label>
  );
}
