/*
 * fuzz_probe.c -- `srvlint probe` end to end against a server that answers
 * every query with the fuzz input: probe_main, c-ares, ldns_wire2pkt and
 * probe.c's own answer handling (answer_feed, the DNS-SD walk, SRV targets,
 * CNAME chains, the per-domain bounds), then the report.
 *
 * The server is a thread of this process on a UDP port of 127.0.0.1.  Each
 * answer is built from the input so that c-ares takes it as the answer to
 * the query it got: the query's ID and question, then the input:
 *
 *   input[0..1]  flags (QR forced on, opcode forced to QUERY, so that c-ares
 *                does not drop it and wait for a timeout)
 *   input[2..7]  ANCOUNT, NSCOUNT, ARCOUNT (QDCOUNT is 1: the question)
 *   input[8..]   the sections, as bytes: compression pointers may point at
 *                the question (offset 12, "\xc0\x0c")
 *
 * So every name probe asks for gets the same answer, with the owner names
 * the input chose: what the answer leads to (targets, types, instances) is
 * asked for and answered the same way, until the bounds of probe.h stop it.
 * A TC answer is retried by c-ares over TCP, which this server refuses.
 *
 * Asserted: exit status 0, 1 or 2; the output (text for inputs of odd
 * length, JSON for even) is clean and names known checks only.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fuzz.h"
#include "modes.h"

#define MSG_MAX 65535

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static uint8_t answer[MSG_MAX];	/* the input, as the server sends it */
static size_t answer_len;
static int sock = -1;
static char server[32];

/* Length of the question at q[12..] (name, type, class), or 0. */
static size_t
question_len(const uint8_t *q, size_t len)
{
	size_t o = 12;

	while (o < len && q[o] != 0) {
		if (q[o] > 63)
			return 0;
		o += 1u + q[o];
	}
	if (o + 5 > len)
		return 0;
	return o + 5 - 12;
}

static void *
serve(void *arg)
{
	static uint8_t q[MSG_MAX], r[MSG_MAX];
	struct sockaddr_storage from;
	socklen_t fl;
	ssize_t n;
	size_t ql, rl;

	(void)arg;
	for (;;) {
		fl = sizeof from;
		n = recvfrom(sock, q, sizeof q, 0, (struct sockaddr *)&from, &fl);
		if (n < 12 || (ql = question_len(q, (size_t)n)) == 0)
			continue;
		memset(r, 0, 12);
		r[0] = q[0];
		r[1] = q[1];
		r[5] = 1;
		memcpy(r + 12, q + 12, ql);
		rl = 12 + ql;
		pthread_mutex_lock(&mu);
		if (answer_len >= 2) {
			r[2] = answer[0];
			r[3] = answer[1];
		}
		for (size_t i = 2; i < 8 && i < answer_len; i++)
			r[4 + i] = answer[i];
		if (answer_len > 8) {
			size_t k = answer_len - 8;
			if (k > sizeof r - rl)
				k = sizeof r - rl;
			memcpy(r + rl, answer + 8, k);
			rl += k;
		}
		pthread_mutex_unlock(&mu);
		r[2] = (uint8_t)((r[2] | 0x80) & ~0x78);	/* QR, opcode QUERY */
		(void)sendto(sock, r, rl, 0, (struct sockaddr *)&from, fl);
	}
	return NULL;
}

static void
server_start(void)
{
	struct sockaddr_in a;
	socklen_t al = sizeof a;
	pthread_t t;

	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sock = socket(AF_INET, SOCK_DGRAM, 0);
	FUZZ_ASSERT(sock >= 0 && bind(sock, (struct sockaddr *)&a, sizeof a) == 0 &&
	    getsockname(sock, (struct sockaddr *)&a, &al) == 0, "cannot bind a UDP socket");
	snprintf(server, sizeof server, "127.0.0.1:%u", (unsigned)ntohs(a.sin_port));
	FUZZ_ASSERT(pthread_create(&t, NULL, serve, NULL) == 0, "pthread_create");
	pthread_detach(t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct options opt;
	struct lint_ctx ctx;
	char *servers[1], *argv[2];
	char domain[] = "example.com";
	char *out = NULL, *err = NULL;
	size_t outlen = 0, errlen = 0;
	FILE *fo, *fe;
	struct report *r;
	int rc;

	if (sock < 0)
		server_start();
	if (size > MSG_MAX - 512)
		return 0;
	pthread_mutex_lock(&mu);
	memcpy(answer, data, size);
	answer_len = size;
	pthread_mutex_unlock(&mu);

	ctx = *fuzz_ctx(1);
	opt = *ctx.opt;
	ctx.opt = &opt;
	servers[0] = server;
	opt.servers = servers;
	opt.nservers = 1;
	opt.timeout_ms = 200;
	opt.tries = 1;
	opt.concurrency = 64;
	opt.format = size % 2 ? FORMAT_TEXT : FORMAT_JSON;
	argv[0] = domain;
	argv[1] = NULL;
	fo = open_memstream(&out, &outlen);
	fe = open_memstream(&err, &errlen);
	FUZZ_ASSERT(fo != NULL && fe != NULL, "open_memstream");
	r = report_create(fo, fe, &opt, REPORT_FLAT);
	FUZZ_ASSERT(r != NULL, "report_create");
	rc = probe_main(&ctx, r, 1, argv);
	report_destroy(r);
	fclose(fo);
	fclose(fe);
	FUZZ_ASSERT(rc >= 0 && rc <= 2, "probe_main returned %d", rc);
	if (getenv("FUZZ_VERBOSE") != NULL)
		fwrite(out, 1, outlen, stderr);
	fuzz_check_output(out, outlen, opt.format);
	fuzz_assert_clean(err, errlen, "summary");
	free(out);
	free(err);
	return 0;
}
