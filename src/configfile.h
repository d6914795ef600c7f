/*
 * configfile.h -- the configuration file: found (Configuration discovery in
 * cli.md), checked and read into the options.  (Not "config.h": that name
 * is autoconf's, and a quoted include would find this one first.)
 *
 * The file is options one a line, as on the command line without the
 * dashes: "allow minecraft", "severity name-unregistered=note",
 * "fail-on = error"; '#' starts a comment, blank lines are skipped.
 */
#ifndef SRVLINT_CONFIGFILE_H
#define SRVLINT_CONFIGFILE_H

#include <stddef.h>

#include "options.h"

#define CONFIG_NAME		".srvlint.conf"
#define CONFIG_MAX_BYTES	(1024 * 1024)	/* a larger file is refused */
#define CONFIG_MAX_LINE		4096		/* bytes a line, without its newline */

/*
 * Finds the .srvlint.conf that applies in the current directory: the first
 * one in it or its parents up to the first directory holding .git, or, in
 * no repository, only the current directory's.  *path is set to a new
 * string (the caller frees it), or NULL when there is none.  Returns 0, or
 * -1 after a one-line error (a directory that cannot be searched).
 */
int config_find(char **path);

/*
 * Reads the configuration file path into o.  It must be a regular file of
 * at most CONFIG_MAX_BYTES; found (by config_find, not named by --config):
 * also owned by this user and writable by nobody else.  Returns 0, or -1
 * after a one-line error naming the file (and line).
 */
int config_read(struct options *o, const char *path, int found);

/*
 * Sets the options of a configuration text (len bytes, any bytes) in o;
 * name is the file's name for errors.  A line longer than CONFIG_MAX_LINE,
 * a NUL byte or a line that is not an option is an error naming
 * name:LINE, and ends the reading.  Returns 0 or -1.
 */
int config_parse(struct options *o, const char *name, const char *text, size_t len);

#endif
