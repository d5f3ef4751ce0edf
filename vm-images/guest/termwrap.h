/* termwrap.h - the tools' explanations, broken at word boundaries to fit
 * the terminal they are read on.
 *
 * A terminal breaks a line that is too wide wherever the columns run out,
 * mid-word ("i / n your user namespace"), and the page's terminal is about
 * 80 columns at its default font (at least 80 on a 1280 px screen; the exact
 * number depends on the screen) and 35-60 at a speaker's big one. The page
 * tells the guest its size (the agent's TIOCSWINSZ on the console), so
 * TIOCGWINSZ on the output gives the real width. Output that is no terminal
 * (a pipe, a file) or a terminal of unknown width (0) gets every line whole,
 * byte for byte as written: whatever parses it keeps working.
 *
 * A too-wide paragraph is reflowed; its continuation lines line up under
 * the text after the first line's label (up to the first ": " and the
 * spaces after it: "  why: " -> 7), or, when the paragraph was already
 * written as several lines, under its second line's indent; a remark in
 * brackets goes on under its first word. Lines break at spaces, and after a
 * comma inside a list ("cap_a,cap_b"), which has none; a short last word
 * takes the one before it down rather than stand alone.
 * A paragraph with a tab is written whole (see tw_write()).
 * Needs nolibc (sys_ioctl, write); header only.
 */
#ifndef EXELAB_TERMWRAP_H
#define EXELAB_TERMWRAP_H

#include <stdarg.h>

/* Longest paragraph: two paths of PATH_MAX and the prose fit. Only an
 * argument longer than any path (argv allows 128 KiB) can exceed it; the
 * paragraph then ends in TW_CUT, so the cut shows. */
#define TW_MAX 10240
#define TW_CUT "[...]\n"

/* Columns of the terminal on FD; 0 when FD is no terminal. */
static int tw_cols(int fd)
{
	unsigned short ws[4] = { 0, 0, 0, 0 };	/* struct winsize: rows, cols, ... */

	return sys_ioctl(fd, TIOCGWINSZ, ws) < 0 ? 0 : ws[1];
}

/* Whether no line of S is wider than COLS; counts bytes, so S has no tab. */
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
	/* A remark in brackets has no label: its ": " is in its sentence, and
	 * the lines go on under its first word. */
	if (s[lead] == '(')
		return lead + 1;
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

/* Whether the paragraph's rest S is one short word (a lone "0" or "this)")
 * that would go to a line of its own after a line ending at column COL: the
 * word before it then goes down with it. */
static int tw_widow(const char *s, int col, int cols)
{
	int n = 0;

	while (*s == ' ' || *s == '\n')
		s++;
	while (s[n] && s[n] != ' ' && s[n] != '\n')
		n++;
	if (n == 0 || n > 5 || col + 1 + n <= cols)
		return 0;
	for (s += n; *s == ' ' || *s == '\n'; s++)
		;
	return *s == 0;
}

/* Writes paragraph S (lines ending in '\n') to FD, reflowed if too wide;
 * continuation lines start at column INDENT, or where tw_indent() says if
 * INDENT is negative. */
static void tw_write(int fd, const char *s, int indent)
{
	static char out[TW_MAX * 2];
	int cols = tw_cols(fd), len = 0, col, gap, n, start;
	const char *w;

	/* The tools' own text has no tabs; one comes only inside an argument
	 * (a file name, a message). Its width depends on the column it lands
	 * in, which moves when the line is reflowed, and the reflow counts
	 * bytes: rather than measure it wrongly, leave such a paragraph as
	 * written, for the terminal to break as it would without us. */
	if (cols <= 0 || strchr(s, '\t') || tw_fits(s, cols)) {
		write(fd, s, strlen(s));
		return;
	}
	if (indent < 0)
		indent = tw_indent(s, cols);
	/* too deep an indent leaves the text at least 12 columns (half of a
	 * line narrower than 24); an indent up to cols / 2 is always kept */
	if (indent > cols - 12 && indent > cols / 2)
		indent = cols - 12 > cols / 2 ? cols - 12 : cols / 2;
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
		/* Reflowing, cols < TW_MAX (a line of S was wider), so indent <
		 * TW_MAX / 2 and, with gap + n < TW_MAX, a word always fits in an
		 * empty OUT: when OUT is full, write it out and go on. Only an
		 * indent per line break is added, so this is rare; nothing is cut. */
		if (len + 1 + indent + gap + n + 1 > (int)sizeof(out)) {
			write(fd, out, len);
			len = 0;
		}
		if (col > start && (col + gap + n > cols || tw_widow(s, col + gap + n, cols))) {
			/* a word too long for the text's column starts further
			 * left, so that it still fits (if it fits a line at all) */
			int at = indent + n > cols ? (n < cols ? cols - n : 0) : indent;

			out[len++] = '\n';
			for (col = 0; col < at; col++)
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

/* printf() for explanations: %s %d %u %% only, then tw_write(). A NULL
 * %s prints "(null)", as nolibc's printf() does. */
static void tw_vprintf(int fd, int indent, const char *fmt, va_list ap)
{
	static char buf[TW_MAX];
	const int room = TW_MAX - sizeof(TW_CUT);	/* TW_CUT and its NUL fit after */
	char num[24];
	const char *s;
	int len = 0;

	for (; *fmt && len < room; fmt++) {
		if (*fmt != '%' || !fmt[1]) {
			buf[len++] = *fmt;
			continue;
		}
		switch (*++fmt) {
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
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
		/* An argument is text from elsewhere (a file's name, often the
		 * learner's): a control byte in it would act on the terminal (an
		 * escape sequence colours all that follows) or start a line that
		 * looks like ours ("\nresult=0"): shown as '?', as ls shows it.
		 * A tab stays (see tw_write()). So are U+0080 to U+009F written
		 * in UTF-8 (C2 80 to C2 9F): C1 controls to the terminal, C2 9B
		 * a CSI as ESC [ is. */
		for (; *s && len < room; s++) {
			unsigned char c = *s, next = s[1];

			if (c == 0xc2 && next >= 0x80 && next <= 0x9f)
				buf[len++] = '?', s++;
			else
				buf[len++] = (c < ' ' && c != '\t') || c == 0x7f ? '?' : c;
		}
		if (*s)
			break;	/* leaves *fmt set: cut */
	}
	if (*fmt)
		memcpy(buf + len, TW_CUT, sizeof(TW_CUT));
	else
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

/* A usage text: PARA is a NULL-ended list of paragraphs (the synopsis, a
 * prose paragraph, an option with its description's lines), each reflowed
 * on its own. An option's ("  -...") continuation lines go under its
 * description, at column COL, which its first line may not show ("--via
 * map|file PR_SET..."); the others' where tw_indent() says. When COL would
 * leave the text fewer than 12 columns, a plain hanging indent of 4 reads
 * better than a column squeezed a little to the left. */
static void tw_usage(int fd, int col, const char *const *para)
{
	if (col > tw_cols(fd) - 12)
		col = 4;	/* matters only when reflowing: cols > 0 */
	for (; *para; para++)
		tw_write(fd, *para, strncmp(*para, "  -", 3) ? -1 : col);
}

/* A number as a string literal, for a usage text: TW_STR(BAD_FD) "999". */
#define TW_STR_(x) #x
#define TW_STR(x) TW_STR_(x)

#endif /* EXELAB_TERMWRAP_H */
