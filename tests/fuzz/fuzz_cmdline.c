/*
 * fuzz_cmdline.c -- a command line, any bytes: the input split at NUL
 * bytes into argv (after "srvlint", at most 64 words), through
 * cmdline_parse, then cmdline_apply and options_usage (what main does
 * before it runs a command).  Invariants: parse fails with exactly one
 * message line, "srvlint: ..." in printable ASCII (an option such as
 * $'--\e[2J' must not reach the terminal raw), or succeeds silently with
 * a known command and operands that are argv's own words, in order; apply
 * fails with one such line or none; nothing leaks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "options.h"

#define FUZZ_ARGS 64


/* Operands are argv's words, in argv's order. */
static void
check_operands(char **ops, int n, char **argv, int argc)
{
	int j = 1;

	for (int i = 0; i < n; i++) {
		while (j < argc && argv[j] != ops[i])
			j++;
		FUZZ_ASSERT(j < argc, "operand %d is not a word of argv, or out of order", i);
		j++;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *argv[FUZZ_ARGS + 2], *buf = NULL, **ops;
	FILE *saved = stderr, *mem;
	struct cmdline *cl;
	struct options o;
	size_t len = 0, pos = 0;
	int argc = 1, n, rc = 0;

	FUZZ_ASSERT(text != NULL, "out of memory");
	memcpy(text, data, size);
	text[size] = '\0';
	argv[0] = "srvlint";
	while (pos <= size && argc <= FUZZ_ARGS) {
		argv[argc++] = text + pos;
		pos += strlen(text + pos) + 1;
	}
	argv[argc] = NULL;
	FUZZ_ASSERT((mem = open_memstream(&buf, &len)) != NULL, "out of memory");
	options_init(&o);
	stderr = mem;
	cl = cmdline_parse(argc, argv);
	if (cl != NULL)
		rc = cmdline_apply(cl, &o);
	stderr = saved;
	fclose(mem);
	fuzz_check_messages(buf, len, cl == NULL || rc != 0 ? 1 : 0, "srvlint: ");
	free(buf);
	if (cl != NULL) {
		enum command cmd = cmdline_command(cl);
		FILE *null = fopen("/dev/null", "w");

		FUZZ_ASSERT(cmd >= CMD_NONE && cmd <= CMD_HELP, "command %d", (int)cmd);
		FUZZ_ASSERT(cmdline_help_topic(cl) == CMD_NONE || cmd == CMD_HELP, "help topic without help");
		ops = cmdline_operands(cl, &n);
		FUZZ_ASSERT(n >= 0 && n < argc, "%d operands of %d words", n, argc);
		check_operands(ops, n, argv, argc);
		FUZZ_ASSERT(null != NULL, "/dev/null");
		options_usage(null, cmd);
		fclose(null);
		cmdline_destroy(cl);
	}
	options_free(&o);
	free(text);
	return 0;
}
