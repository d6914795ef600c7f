/*
 * config.c -- the configuration file: discovery, the checks on the file
 * (a FIFO must not hang every run in its directory, /dev/zero must not
 * grow without bound, a file others can write must not steer the run) and
 * its one-option-a-line syntax.  See configfile.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "configfile.h"
#include "report.h"

/* ---- discovery ------------------------------------------------------------ */

/* dir/name exists (as anything, a dangling symlink too): 1, 0, or -1 and errno. */
static int
exists_in(const char *dir, const char *name, char **path)
{
	size_t dlen = strlen(dir), nlen = strlen(name);
	char *p = malloc(dlen + nlen + 2);
	struct stat st;
	int found;

	if (p == NULL)
		return -1;
	memcpy(p, dir, dlen);
	p[dlen] = '/';
	memcpy(p + dlen + (dlen == 1 ? 0 : 1), name, nlen + 1);
	found = lstat(p, &st) == 0;
	if (!found && errno != ENOENT && errno != ENOTDIR) {
		report_error("%s: %s", p, strerror(errno));
		free(p);
		return -1;
	}
	if (found && path != NULL)
		*path = p;
	else
		free(p);
	return found;
}

int
config_find(char **path)
{
	char *dir = getcwd(NULL, 0), *first = NULL, *slash;
	int in_repo = 0, first_in_cwd = 0, ret = -1;

	*path = NULL;
	if (dir == NULL) {
		report_error("the current directory: %s", strerror(errno));
		return -1;
	}
	for (int depth = 0;; depth++) {
		int has;

		if (first == NULL) {
			if ((has = exists_in(dir, CONFIG_NAME, &first)) < 0)
				goto out;
			first_in_cwd = has && depth == 0;
		}
		if ((has = exists_in(dir, ".git", NULL)) < 0)
			goto out;
		if (has) {
			in_repo = 1;
			break;
		}
		if ((slash = strrchr(dir, '/')) == NULL || (slash == dir && dir[1] == '\0'))
			break;
		slash[slash == dir ? 1 : 0] = '\0';
	}
	/* Outside a repository only the current directory's counts. */
	if (first != NULL && (in_repo || first_in_cwd)) {
		*path = first;
		first = NULL;
	}
	ret = 0;
out:
	free(first);
	free(dir);
	return ret;
}

/* ---- the file ------------------------------------------------------------- */

/* Refuses what is not a plain file of ours; 0 or -1 after an error. */
static int
check_file(const char *path, const struct stat *st, int found)
{
	if (!S_ISREG(st->st_mode)) {
		report_error("%s: not a regular file%s", path,
		    S_ISDIR(st->st_mode) ? " (a directory)" : "");
		return -1;
	}
	if (found && (st->st_mode & (S_IWGRP | S_IWOTH)) != 0) {
		report_error("%s: writable by group or others, so refused (chmod go-w %s)",
		    path, path);
		return -1;
	}
	if (found && st->st_uid != geteuid()) {
		report_error("%s: belongs to another user (uid %lu), so refused",
		    path, (unsigned long)st->st_uid);
		return -1;
	}
	if (st->st_size > CONFIG_MAX_BYTES) {
		report_error("%s: larger than %d bytes, so refused", path, CONFIG_MAX_BYTES);
		return -1;
	}
	return 0;
}

int
config_read(struct options *o, const char *path, int found)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	char *buf = NULL;
	size_t len = 0;
	struct stat st;
	int ret = -1;

	if (fd < 0) {
		report_error("%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		report_error("%s: %s", path, strerror(errno));
		goto out;
	}
	if (check_file(path, &st, found) != 0)
		goto out;
	/* One byte more than the cap: a file that grew since fstat is caught. */
	if ((buf = malloc(CONFIG_MAX_BYTES + 1)) == NULL) {
		report_error("%s: out of memory", path);
		goto out;
	}
	for (;;) {
		ssize_t n = read(fd, buf + len, CONFIG_MAX_BYTES + 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			report_error("%s: %s", path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > CONFIG_MAX_BYTES) {
			report_error("%s: larger than %d bytes, so refused", path, CONFIG_MAX_BYTES);
			goto out;
		}
	}
	ret = config_parse(o, path, buf, len);
out:
	free(buf);
	close(fd);
	return ret;
}

/* ---- the syntax ----------------------------------------------------------- */

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* One line (NUL-terminated, no newline): blank, a comment or an option. */
static int
parse_line(struct options *o, char *p, const char *where)
{
	char *key, *val, *end;
	size_t klen;

	p[strcspn(p, "#")] = '\0';
	while (is_blank(*p))
		p++;
	end = p + strlen(p);
	while (end > p && is_blank(end[-1]))
		*--end = '\0';
	if (*p == '\0')
		return 0;
	while (*p == '-')
		p++;
	key = p;
	klen = strcspn(p, " \t\r=");
	p += klen;
	while (is_blank(*p))
		p++;
	if (*p == '=')
		p++;
	while (is_blank(*p))
		p++;
	val = p;
	return options_set(o, key, klen, val, where);
}

int
config_parse(struct options *o, const char *name, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	char line[CONFIG_MAX_LINE + 1], where[512];
	unsigned long lineno = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);

		lineno++;
		if (n == 0) {		/* blank: no work (a 1 MB file of them) */
			p++;
			continue;
		}
		snprintf(where, sizeof where, "%s:%lu", name, lineno);
		if (n > CONFIG_MAX_LINE) {
			report_error("%s: a line longer than %d bytes", where, CONFIG_MAX_LINE);
			return -1;
		}
		if (memchr(p, '\0', n) != NULL) {
			report_error("%s: a NUL byte in the line", where);
			return -1;
		}
		memcpy(line, p, n);
		line[n] = '\0';
		if (parse_line(o, line, where) != 0)
			return -1;
		p += n + 1;
	}
	return 0;
}
