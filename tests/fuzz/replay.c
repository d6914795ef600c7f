/*
 * replay.c -- runs a harness over files without libFuzzer: the main() that
 * `make check` links each harness with, so the default (gcc) build replays
 * every seed and every regression input through the same code.
 *
 *   replay FILE|DIR...    each file, or each regular file of each DIR
 *
 * An input that breaks an invariant aborts (the test fails); one that runs
 * longer than $FUZZ_TIMEOUT seconds (default 60) is a hang: the path is
 * named and the run aborts.  Exit 0 when every input ran, 2 on bad usage
 * or an unreadable file.
 */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

static const char *current;	/* the input being replayed, for on_alarm */
static unsigned timeout_s = 60;

static void
on_alarm(int sig)
{
	static const char msg[] = "replay: HANG: no result within FUZZ_TIMEOUT seconds: ";

	(void)sig;
	(void)!write(2, msg, sizeof msg - 1);
	(void)!write(2, current, strlen(current));
	(void)!write(2, "\n", 1);
	abort();
}

static int
run_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t len = 0, cap = 0, n;

	if (fp == NULL) {
		perror(path);
		return -1;
	}
	for (;;) {
		if (len == cap) {
			uint8_t *d = realloc(data, cap = cap ? 2 * cap : 4096);
			if (d == NULL) {
				fclose(fp);
				free(data);
				fprintf(stderr, "%s: out of memory\n", path);
				return -1;
			}
			data = d;
		}
		if ((n = fread(data + len, 1, cap - len, fp)) == 0)
			break;
		len += n;
	}
	fclose(fp);
	fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
	/* an exact-size copy, so ASan sees a read past the input */
	{
		uint8_t *exact = malloc(len ? len : 1);
		if (exact == NULL) {
			free(data);
			return -1;
		}
		if (len)
			memcpy(exact, data, len);
		free(data);
		current = path;
		alarm(timeout_s);
		LLVMFuzzerTestOneInput(exact, len);
		alarm(0);
		free(exact);
	}
	return 0;
}

static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of dir, in name order (dot files skipped). */
static int
run_dir(const char *dir, unsigned long *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if (d == NULL) {
		perror(dir);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **v = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *v);
			if (v == NULL) {
				rc = -1;
				break;
			}
			names = v;
		}
		if ((names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2)) == NULL) {
			rc = -1;
			break;
		}
		sprintf(names[n++], "%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (names != NULL)
		qsort(names, n, sizeof *names, namecmp);
	for (size_t i = 0; i < n; i++) {
		struct stat st;

		if (rc == 0 && stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
			if (run_file(names[i]) != 0)
				rc = -1;
			(*count)++;
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int
main(int argc, char **argv)
{
	unsigned long count = 0;
	int rc = 0;

	if (getenv("FUZZ_TIMEOUT") != NULL)
		timeout_s = (unsigned)strtoul(getenv("FUZZ_TIMEOUT"), NULL, 10);
	signal(SIGALRM, on_alarm);
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			rc = 2;
		} else if (S_ISDIR(st.st_mode)) {
			if (run_dir(argv[i], &count) != 0)
				rc = 2;
		} else {
			if (run_file(argv[i]) != 0)
				rc = 2;
			count++;
		}
	}
	fprintf(stderr, "replay: %lu inputs\n", count);
	return rc;
}
