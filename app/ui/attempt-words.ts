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

/** What each errno the card may show stands for, in the C library's words (strerror). */
const ERRNO_WORDS: Record<string, string> = {
  EPERM: "operation not permitted",
  EINVAL: "invalid argument",
  EACCES: "permission denied",
  EBUSY: "device or resource busy",
  EBADF: "bad file descriptor",
  EFAULT: "bad address",
  ENOENT: "no such file or directory",
};

/**
 * A refusal's errno in words, where a learner may not know it: "EINVAL: invalid argument". The MAP
 * permission checks of 2014 and 2017 answered EINVAL, which reads as a mistake in the call, not a
 * refusal: said so (Linux 5.9 made it EPERM, 227175b2c914). Undefined for "OK" or an errno not listed.
 */
export function errnoWords(label: string, check: string): string | undefined {
  const words = Object.hasOwn(ERRNO_WORDS, label) ? ERRNO_WORDS[label] : undefined;
  if (!words) return undefined;
  const permission = label === "EINVAL" && (check === "uid_gid_root" || check === "ns_cap_sys_admin");
  return permission
    ? `${label}: “${words}”, though this was the permission check: PR_SET_MM_MAP said EINVAL for a refusal until Linux 5.9 made it EPERM`
    : `${label}: “${words}”`;
}
