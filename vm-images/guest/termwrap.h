/* termwrap.h - the tools' explanations, broken at word boundaries to fit
 * the terminal they are read on.
 *
 * A terminal breaks a line that is too wide wherever the columns run out,
 * mid-word ("i / n your user namespace"), and the page's terminal is 83
 * columns at its default font and 35-60 at a speaker's big one. The page
 * tells the guest its size (the agent's TIOCSWINSZ on the console), so
 * TIOCGWINSZ on the output gives the real width. Output that is no terminal
 * (a pipe, a file) or a terminal of unknown width (0) gets every line whole,
 * byte for byte as written: whatever parses it keeps working.
 *
 * A too-wide paragraph is reflowed; its continuation lines line up under
 * the text after the first line's label (up to the first ": " and the
 * spaces after it: "  why: " -> 7), or, when the paragraph was already
 * written as several lines, under its second line's indent. Lines break at
 * spaces, and after a comma inside a list ("cap_a,cap_b"), which has none.
 * Needs nolibc (sys_ioctl, write); header only.
 */
#ifndef EXELAB_TERMWRAP_H
#define EXELAB_TERMWRAP_H

#include <stdarg.h>

#define TW_MAX 10240	/* longest paragraph (two paths of PATH_MAX fit); more is cut */

/* Columns of the terminal on FD; 0 when FD is no terminal. */
static int tw_cols(int fd)
{
	unsigned short ws[4] = { 0, 0, 0, 0 };	/* struct winsize: rows, cols, ... */

	return sys_ioctl(fd, TIOCGWINSZ, ws) < 0 ? 0 : ws[1];
}

static int tw_fits(const char *s, int cols)
{
	int col = 0;

	for (; *s; s++)
		if ((col = *s == '\n' ? 0 : col + 1) > cols)
			return 0;
	return 1;
}

/* Where continuation lines start (see the top of the file). */
static int tw_indent(const char *s, int cols)
{
	const char *nl = strchr(s, '\n'), *p = s;
	int lead = 0, at;

	while (s[lead] == ' ')
		lead++;
	if (nl && nl[1]) {
		for (at = 0; nl[1 + at] == ' '; at++)
			;
		return at;
	}
	while (*p && *p != '\n' && !(p[0] == ':' && p[1] == ' '))
		p++;
	if (*p != ':')
		return lead;
	for (p++; *p == ' '; p++)
		;
	at = p - s;
	return at * 2 > cols ? lead + 2 : at;	/* keep room for the text */
}

/* Writes paragraph S (lines ending in '\n') to FD, reflowed if too wide;
 * continuation lines start at column INDENT, or where tw_indent() says if
 * INDENT is negative. */
static void tw_write(int fd, const char *s, int indent)
{
	static char out[TW_MAX * 2];
	int cols = tw_cols(fd), len = 0, col, gap, n, start;
	const char *w;

	if (cols <= 0 || tw_fits(s, cols)) {
		write(fd, s, strlen(s));
		return;
	}
	if (indent < 0)
		indent = tw_indent(s, cols);
	if (indent > cols / 2)
		indent = cols / 2;
	while (*s == ' ' && len < cols / 2)
		out[len++] = *s++;
	col = start = len;
	while (*s) {
		/* the gap before the next word: kept as written within a line,
		 * one space where the paragraph had a line break */
		for (gap = 0; *s == ' ' || *s == '\n'; s++)
			gap = *s == '\n' || gap < 0 ? -1 : gap + 1;
		if (!*s)
			break;
		if (gap < 0)
			gap = 1;
		for (w = s; *s && *s != ' ' && *s != '\n'; s++)
			if (*s == ',' && s[1] && s[1] != ' ' && s[1] != '\n' && s - w > 0) {
				s++;	/* "cap_a," may end a line */
				break;
			}
		n = s - w;
		if (len + 1 + indent + gap + n + 1 > (int)sizeof(out))
			break;
		if (col > start && col + gap + n > cols) {
			out[len++] = '\n';
			for (col = 0; col < indent; col++)
				out[len++] = ' ';
			start = col, gap = 0;
		}
		for (col += gap; gap > 0; gap--)
			out[len++] = ' ';
		memcpy(out + len, w, n);
		len += n, col += n;
	}
	out[len++] = '\n';
	write(fd, out, len);
}

/* printf() for explanations: %s %d %u %% only, then tw_write(). */
static void tw_vprintf(int fd, int indent, const char *fmt, va_list ap)
{
	static char buf[TW_MAX];
	char num[24];
	const char *s;
	int len = 0;

	for (; *fmt && len < TW_MAX - 1; fmt++) {
		if (*fmt != '%' || !fmt[1]) {
			buf[len++] = *fmt;
			continue;
		}
		switch (*++fmt) {
		case 's':
			s = va_arg(ap, const char *);
			break;
		case 'd':
			itoa_r(va_arg(ap, int), num), s = num;
			break;
		case 'u':
			utoa_r(va_arg(ap, unsigned int), num), s = num;
			break;
		default:
			num[0] = *fmt, num[1] = 0, s = num;
		}
		while (*s && len < TW_MAX - 1)
			buf[len++] = *s++;
	}
	buf[len] = 0;
	tw_write(fd, buf, indent);
}

static void tw_printf(int fd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tw_vprintf(fd, -1, fmt, ap);
	va_end(ap);
}

/* The same with continuation lines at column INDENT. */
static void tw_printf_at(int fd, int indent, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tw_vprintf(fd, indent, fmt, ap);
	va_end(ap);
}

#endif /* EXELAB_TERMWRAP_H */
