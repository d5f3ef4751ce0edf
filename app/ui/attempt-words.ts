// How the result card and its neighbours name a result and a prctl path.
import { normalizeResult } from "../core/permission-model";

export const OP_NAME = { map: "PR_SET_MM_MAP", exe_file: "PR_SET_MM_EXE_FILE" } as const;

/** "OK" for success, else the errno name: what the kernel returned, never the model's guess. */
export function resultLabel(result: string): string {
  const errno = normalizeResult(result);
  return errno === "0" ? "OK" : errno;
}

export function resultColour(label: string): string {
  if (label === "OK") return "text-green-700 dark:text-green-400";
  if (label === "EPERM" || label === "EINVAL") return "text-red-700 dark:text-red-400";
  return "text-amber-700 dark:text-amber-400";
}
