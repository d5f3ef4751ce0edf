// Citations in the history data: a commit with the part it played, a patch as posted on lore.kernel.org.
import { commitLink, type CommitRef } from "./history-types";

/** A patch's page on lore.kernel.org, by its message id. */
export const lore = (msgid: string): string => `https://lore.kernel.org/r/${msgid}`;

/** A commit an entry cites (named short: the data cites one a line). */
export const c = (id: string, role: string): CommitRef => ({ id, link: commitLink(id), role });
