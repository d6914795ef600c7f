/*
 * main.c -- srvlint's entry: the standard descriptors made safe, options
 * (the configuration file first, then the command line), one command, and
 * the check that its output was really written.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "configfile.h"
#include "explain.h"
#include "alloc.h"
#include "modes.h"
#include "options.h"
#include "registry.h"
#include "report.h"

/*
 * Before any file or socket is opened: a closed standard input or error is
 * reopened on /dev/null, so that no socket of c-ares (nor a zone file) can
 * take descriptor 0 or 2 and receive what is meant for the terminal.
 * Standard input is reopened write-only, so that reading "-" fails with
 * EBADF, as it would on the closed descriptor.  A closed standard output is
 * exit 2: the report has nowhere to go.
 */
static void
guard_descriptors(void)
{
	int closed[3];

	for (int fd = 0; fd < 3; fd++)
		closed[fd] = fcntl(fd, F_GETFD) < 0 && errno == EBADF;
	for (int fd = 0; fd < 3; fd += 2) {
		int nfd;

		if (!closed[fd])
			continue;
		if ((nfd = open("/dev/null", fd == 0 ? O_WRONLY : O_RDWR)) < 0)
			_exit(2);
		if (nfd != fd) {
			if (dup2(nfd, fd) < 0)
				_exit(2);
			close(nfd);
		}
	}
	if (closed[1]) {
		report_error("standard output: %s", strerror(EBADF));
		exit(2);
	}
}

/* The reader of standard output or error has gone (POLLERR on the pipe). */
static int
reader_gone(int fd)
{
	struct pollfd p = { fd, 0, 0 };

	return poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP)) != 0;
}

/*
 * A reader that closes the pipe early (`| head -1`) ends the run at once,
 * exit 2 and no message (cli.md, Exit status): no default death by SIGPIPE
 * (141), and no run to the end of a big zone for nobody.  A SIGPIPE from
 * anything else (a socket) is ignored: the write sees EPIPE.
 */
static void
on_sigpipe(int sig)
{
	(void)sig;
	if (reader_gone(STDOUT_FILENO) || reader_gone(STDERR_FILENO))
		_exit(2);
}

static void
guard_sigpipe(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigpipe;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGPIPE, &sa, NULL);
}

/*
 * The end of every command: what is still buffered is written and standard
 * output closed; a failure (a full disk) turns the exit status into 2 with
 * the reason.  EPIPE is the reader gone: 2, and no message.
 */
static int
finish_output(int rc)
{
	int err = 0;

	if (fflush(stdout) != 0 || ferror(stdout))
		err = errno ? errno : EIO;
	if (fclose(stdout) != 0 && err == 0)
		err = errno ? errno : EIO;
	if (err == 0)
		return rc;
	if (err != EPIPE)
		report_error("standard output: %s", strerror(err));
	return 2;
}

static void
print_version(const struct registry *loaded, const char *file)
{
	if (loaded != NULL)
		printf("srvlint %s (IANA registry %s, dated %s)\n", PACKAGE_VERSION, file,
		    registry_date(loaded)[0] ? registry_date(loaded) : "unknown");
	else
		printf("srvlint %s (IANA registry snapshot %s)\n", PACKAGE_VERSION,
		    registry_date(registry_builtin()));
}

/* The command, with the options applied and the registry loaded. */
static int
run(enum command cmd, const struct options *opt, int version, int argc, char **argv)
{
	struct lint_ctx ctx = { opt, registry_builtin(), 0 };
	struct registry *loaded = NULL;
	struct report *r = NULL;
	enum report_group group = REPORT_FLAT;
	int rc = 2;

	if (opt->registry_file) {
		char err[512];
		if ((loaded = registry_load(opt->registry_file, err, sizeof(err))) == NULL) {
			report_error("%s", err);
			return 2;
		}
		ctx.reg = loaded;
	}
	if (version) {
		print_version(loaded, opt->registry_file);
		rc = 0;
		goto out;
	}
	switch (cmd) {
	case CMD_REGISTRY:
		rc = registry_main(&ctx, argc, argv);
		goto out;
	case CMD_EXPLAIN:
		rc = explain_main(&ctx, argc, argv);
		goto out;
	case CMD_REQUEST:
		if (opt->template_only) {
			request_template(stdout);
			rc = 0;
			goto out;
		}
		group = REPORT_REQUEST;
		break;
	case CMD_NAME:
		group = REPORT_NAME;
		break;
	default:
		break;
	}
	ctx.defacto_lowers = cmd == CMD_CHECK || cmd == CMD_PROBE;
	if ((opt->inventory || opt->html_file != NULL) && !ctx.defacto_lowers) {
		report_error("--inventory and --html are for check and probe");
		goto out;
	}
	if (opt->inventory && opt->format != FORMAT_TEXT && opt->format != FORMAT_JSON) {
		report_error("--inventory: the inventory is written as text or json only");
		goto out;
	}
	if ((r = report_create(stdout, stderr, opt, group)) == NULL)
		goto out;	/* it said why */
	if (cmd == CMD_CHECK)
		rc = zone_main(&ctx, r, argc, argv);
	else if (cmd == CMD_PROBE)
		rc = probe_main(&ctx, r, argc, argv);
	else if (cmd == CMD_REQUEST)
		rc = request_main(&ctx, r, argc, argv);
	else
		rc = name_main(&ctx, r, argc, argv);
out:
	report_destroy(r);
	registry_destroy(loaded);
	return rc;
}

/* The configuration file (--config, or the one found), then the command line. */
static int
load_options(const struct cmdline *cl, struct options *opt)
{
	const char *named = cmdline_config(cl);
	char *found = NULL;
	int rc = 0;

	if (!cmdline_no_config(cl) && !cmdline_wants_version(cl)) {
		if (named != NULL)
			rc = config_read(opt, named, 0);
		else if ((rc = config_find(&found)) == 0 && found != NULL)
			rc = config_read(opt, found, 1);
		free(found);
	}
	if (rc == 0)
		rc = cmdline_apply(cl, opt);
	return rc;
}

/* Everything but the final check of the output: the exit status. */
static int
dispatch(int argc, char **argv)
{
	struct cmdline *cl;
	struct options opt;
	enum command cmd;
	char **operands;
	int n, rc = 2;

	options_init(&opt);
	if ((cl = cmdline_parse(argc, argv)) == NULL)
		return 2;
	cmd = cmdline_command(cl);
	operands = cmdline_operands(cl, &n);
	if (cmdline_wants_help(cl) || cmd == CMD_HELP) {
		options_usage(stdout, cmd == CMD_HELP ? cmdline_help_topic(cl) : cmd);
		rc = 0;
	} else if (cmd == CMD_NONE && !cmdline_wants_version(cl)) {
		options_usage(stderr, CMD_NONE);
	} else if (load_options(cl, &opt) == 0) {
		rc = run(cmd, &opt, cmdline_wants_version(cl), n, operands);
	}
	cmdline_destroy(cl);
	options_free(&opt);
	return rc;
}

/*
 * ldns asserts (or crashes) on some of its own failed allocations: when
 * one failed, that is the run running out of memory, exit 2 with the
 * reason.  Any other crash stays a crash (the default action, re-raised).
 */
static void
on_fatal(int sig)
{
	static const char msg[] = "srvlint: out of memory: the run was cut short "
	    "(nothing after the findings above was checked)\n";

	if (alloc_failures() != 0) {
		if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0)
			_exit(2);
		_exit(2);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
guard_fatal(void)
{
	struct sigaction sa;
	int sigs[] = { SIGABRT, SIGSEGV, SIGBUS };

	if (!alloc_counting())
		return;		/* a sanitizer build: its own reports stay */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}

/* Whatever failed to allocate, the run is not a pass: exit 2, said once. */
static int
finish_memory(int rc)
{
	if (alloc_failures() == 0)
		return rc;
	if (alloc_say_once())
		report_error("out of memory: the run is incomplete");
	return 2;
}

int
main(int argc, char **argv)
{
	guard_descriptors();
	guard_sigpipe();
	guard_fatal();
	return finish_memory(finish_output(dispatch(argc, argv)));
}
