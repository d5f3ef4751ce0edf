# wrap.awk - the welcome text (/etc/motd) broken at words to fit the
# terminal, for /etc/profile: awk -v size="$(stty size)" -f wrap.awk FILE
#
# The terminal would break a too-wide line wherever the columns run out,
# mid-word; a speaker's big font leaves 35-60 columns. The page wraps its
# copy of this text in the saved screen the same way (app/core/word-wrap.ts),
# and tests/guest/tools.test.ts holds the two to the same output. A line
# goes on under its description (the column after its first run of two or
# more spaces) or, without one, two past its own indent. `size` is stty's
# "rows cols"; an unknown width (0, or no terminal) leaves every line whole.
# Tabs are spread to the terminal's stops first (busybox's `help` starts each
# row of its list with one): counted as one character, a row would run over.

function lead(s) {
	match(s, /^ */)
	return RLENGTH
}

function hang(s, cols,   l, t, p, c) {
	l = lead(s)
	t = substr(s, l + 1)
	c = l + 2
	p = index(t, "  ")
	if (p > 0) {
		match(substr(t, p), /^ +/)
		if (l + p - 1 + RLENGTH < length(s))
			c = l + p - 1 + RLENGTH
	}
	if (c <= int(cols / 2))
		return c
	return l + 2 < int(cols / 4) ? l + 2 : int(cols / 4)
}

# 0-based, like JavaScript's lastIndexOf(" ", room): the last space at or
# before index ROOM, -1 if none.
function lastspace(s, room,   i) {
	for (i = room + 1; i >= 1; i--)
		if (substr(s, i, 1) == " ")
			return i - 1
	return -1
}

function wrap(s, cols,   ind, n, pre, rest, room, cut, row) {
	if (length(s) <= cols || cols < 8 || index(s, "\033")) {
		print s
		return
	}
	ind = ""
	for (n = hang(s, cols); n > 0; n--)
		ind = ind " "
	pre = ""
	rest = s
	while (length(pre) + length(rest) > cols) {
		room = cols - length(pre)
		cut = lastspace(rest, room)
		# only the indent before the space, or a word wider than a row
		if (cut <= (pre == "" ? lead(rest) : 0))
			cut = room
		row = substr(rest, 1, cut)
		sub(/ +$/, "", row)
		print pre row
		rest = substr(rest, cut + 1)
		sub(/^ +/, "", rest)
		pre = ind
	}
	if (rest != "")
		print pre rest
}

# S with each tab replaced by the spaces to the next stop (every 8 columns).
function expand(s,   out, i, c) {
	if (!index(s, "\t"))
		return s
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c != "\t") {
			out = out c
			continue
		}
		out = out " "
		while (length(out) % 8)
			out = out " "
	}
	return out
}

BEGIN {
	split(size, rc, " ")
	cols = rc[2] + 0
}

{ wrap(expand($0), cols) }
