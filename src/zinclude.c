/*
 * zinclude.c -- the $INCLUDE policy (zinclude.h).  realpath first, so that
 * "..", symbolic links and all are judged where they lead.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zinclude.h"
#include "zone.h"

struct zinc_frame {
	const char *name;
	char *real;
};

struct zinclude {
	char *dir;		/* include directory as given */
	char *allowed;		/* its realpath, or NULL */
	int refuse;		/* --no-include */
	unsigned count;		/* $INCLUDEs followed */
	unsigned long long bytes;	/* of included files, read so far */
	unsigned long long budget;	/* ZONE_INCLUDE_BYTES, or a test's */
	struct zinc_frame stack[ZONE_INCLUDE_DEPTH + 1];
	int depth;		/* frames in stack */
};

struct zinclude *
zinclude_create(const char *dir, const char *zone_path, int refuse,
    unsigned long long budget)
{
	struct zinclude *zi = calloc(1, sizeof *zi);
	const char *slash;

	if (zi == NULL)
		return NULL;
	zi->refuse = refuse;
	zi->budget = budget != 0 ? budget : ZONE_INCLUDE_BYTES;
	if (dir != NULL)
		zi->dir = strdup(dir);
	else if (strcmp(zone_path, "-") == 0 || (slash = strrchr(zone_path, '/')) == NULL)
		zi->dir = strdup(".");
	else if (slash == zone_path)
		zi->dir = strdup("/");
	else
		zi->dir = strndup(zone_path, (size_t)(slash - zone_path));
	if (zi->dir == NULL) {
		free(zi);
		return NULL;
	}
	zi->allowed = realpath(zi->dir, NULL);
	return zi;
}

void
zinclude_destroy(struct zinclude *zi)
{
	if (zi == NULL)
		return;
	while (zi->depth > 0)
		zinclude_pop(zi);
	free(zi->dir);
	free(zi->allowed);
	free(zi);
}

int
zinclude_push(struct zinclude *zi, const char *name, const char *real)
{
	struct zinc_frame *f;

	if (zi->depth > ZONE_INCLUDE_DEPTH)
		return -1;	/* zinclude_resolve refuses deeper ones */
	f = &zi->stack[zi->depth];
	f->name = name;
	f->real = NULL;
	if (real != NULL && (f->real = strdup(real)) == NULL)
		return -1;
	zi->depth++;
	return 0;
}

void
zinclude_pop(struct zinclude *zi)
{
	if (zi->depth == 0)
		return;
	zi->depth--;
	free(zi->stack[zi->depth].real);
	zi->stack[zi->depth].real = NULL;
}

/* The path as reported: under the include directory unless absolute. */
static char *
zinclude_full(const struct zinclude *zi, const char *path)
{
	const char *dir = zi->dir;
	char *full;

	if (path[0] == '/' || strcmp(dir, ".") == 0)
		return strdup(path);
	if ((full = malloc(strlen(dir) + strlen(path) + 2)) != NULL)
		sprintf(full, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
		    path);
	return full;
}

/* The checks on where real leads; ZINC_OK or ZINC_DENIED with why. */
static enum zinc_verdict
zinclude_judge(struct zinclude *zi, const char *path, const char *real,
    char *why, size_t whysize)
{
	size_t alen = strlen(zi->allowed);
	struct stat st;
	int i;

	if (strcmp(zi->allowed, "/") != 0 &&
	    (strncmp(real, zi->allowed, alen) != 0 || real[alen] != '/')) {
		snprintf(why, whysize, "$INCLUDE %s refused: outside the include "
		    "directory %s", path, zi->dir);
		return ZINC_DENIED;
	}
	for (i = zi->depth - 1; i >= 0; i--) {
		if (zi->stack[i].real != NULL && strcmp(zi->stack[i].real, real) == 0) {
			snprintf(why, whysize, "$INCLUDE %s refused: include loop "
			    "(%s is being read)", path, zi->stack[i].name);
			return ZINC_DENIED;
		}
	}
	if (stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(why, whysize, "$INCLUDE %s refused: not a regular file", path);
		return ZINC_DENIED;
	}
	if (zi->count >= ZONE_INCLUDE_MAX ||
	    (unsigned long long)st.st_size > zi->budget - zi->bytes) {
		snprintf(why, whysize, "$INCLUDE %s refused: over %d includes or "
		    "%llu MB of included files in one zone", path, ZONE_INCLUDE_MAX,
		    ZONE_INCLUDE_BYTES >> 20);
		return ZINC_DENIED;
	}
	zi->count++;	/* the bytes are counted as they are read (zinclude_count) */
	return ZINC_OK;
}

enum zinc_verdict
zinclude_resolve(struct zinclude *zi, const char *path, char **full,
    char **real, char *why, size_t whysize)
{
	enum zinc_verdict v;

	*full = NULL;
	*real = NULL;
	if (zi->refuse) {
		snprintf(why, whysize, "$INCLUDE %s refused: --no-include", path);
		return ZINC_DENIED;
	}
	if (zi->depth > ZONE_INCLUDE_DEPTH) {
		snprintf(why, whysize, "$INCLUDE %s refused: more than %d levels deep",
		    path, ZONE_INCLUDE_DEPTH);
		return ZINC_DENIED;
	}
	if (zi->allowed == NULL) {
		snprintf(why, whysize, "$INCLUDE %s refused: include directory %s "
		    "not found", path, zi->dir);
		return ZINC_DENIED;
	}
	if ((*full = zinclude_full(zi, path)) == NULL)
		return ZINC_OOM;
	if ((*real = realpath(*full, NULL)) == NULL) {
		snprintf(why, whysize, "$INCLUDE %s: %s", *full, strerror(errno));
		v = ZINC_ERROR;
	} else {
		v = zinclude_judge(zi, path, *real, why, whysize);
	}
	if (v != ZINC_OK) {
		free(*full);
		free(*real);
		*full = NULL;
		*real = NULL;
	}
	return v;
}

int
zinclude_count(struct zinclude *zi, size_t n)
{
	if ((unsigned long long)n > zi->budget - zi->bytes)
		return -1;
	zi->bytes += n;
	return 0;
}

enum zinc_verdict
zinclude_open(struct zinclude *zi, const char *full, const char *real, int *fd,
    char *why, size_t whysize)
{
	struct stat st;

	(void)zi;
	/* O_NONBLOCK: a FIFO swapped in after stat must not hang the open. */
	*fd = open(real, O_RDONLY | O_NOCTTY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (*fd < 0 || fstat(*fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(why, whysize, "$INCLUDE %s: %s", full,
		    *fd < 0 ? strerror(errno) : "not a regular file");
		if (*fd >= 0)
			close(*fd);
		*fd = -1;
		return ZINC_ERROR;
	}
	return ZINC_OK;
}
