// Names a guest file's download that got no answer at all (no network), told apart from a bad file.

const NO_ANSWER = "no answer from the network";

/** The error of a download whose request was never answered; `reason` is the browser's word. */
export const downloadUnanswered = (file: string, reason: string): string =>
  `could not download ${file}: ${NO_ANSWER} (${reason})`;

/**
 * Whether a start failed on a download that was never answered. Served from the offline copy, such
 * a file is one the copy does not keep (the kernel and BIOS): the network is what is missing, and
 * dropping the copy cannot help.
 */
export const isDownloadUnanswered = (message: string | undefined): boolean =>
  message?.includes(`: ${NO_ANSWER} (`) ?? false;
