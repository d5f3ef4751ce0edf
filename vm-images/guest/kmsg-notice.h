/* kmsg-notice.h - the patched kernel's lines in /dev/kmsg, told apart from
 * look-alikes; shared by the agent (every record, forwarded to the page) and
 * setexe (the record of its own attempt).
 *
 * /dev/kmsg gives one record per read(): "prio,seq,ts,flags;MESSAGE\n". The
 * patch's lines ("exe_link: …", "exe_link_era: …") are the kernel's notices:
 * priority 5, facility 0, so the field reads "5". A line written to /dev/kmsg
 * from user space (root can) always gets a non-zero facility (LOG_USER if it
 * names none), so its field is 8 or more; a user's crashing program named
 * "exe_link: x" gets an info line (6) that starts with its name.
 * Header only; the includer brings strncmp, strchr and strlen (nolibc has them).
 */
#ifndef EXELAB_KMSG_NOTICE_H
#define EXELAB_KMSG_NOTICE_H

/* The message after `tag` if `rec` is a kernel notice whose message starts
 * with `tag`, else NULL. */
static char *kernel_notice(char *rec, const char *tag)
{
	char *msg;

	if (strncmp(rec, "5,", 2) || !(msg = strchr(rec, ';')))
		return 0;
	msg++;
	return strncmp(msg, tag, strlen(tag)) ? 0 : msg + strlen(tag);
}

#endif
