/*
 * baddns.c -- a misbehaving DNS server for the probe tests.
 *
 *   baddns [-l SECONDS]
 *
 * Listens on 127.0.0.1, UDP and TCP on the same free port, and prints that
 * port on standard output.  It answers every name normally (SOA at any
 * name, else NXDOMAIN) unless the first label of the question, without its
 * leading underscore, names a misbehaviour:
 *
 *   silence    no answer at all
 *   wrongid    a good answer with another query ID
 *   othername  a good answer for another question name
 *   garbage    random bytes
 *   junk       a good header and question, then bytes that are no record
 *   loop       an answer whose owner is a compression pointer to itself
 *   loop2      an SRV target whose pointers go A -> B -> A
 *   hugecount  ANCOUNT 65535 and no records
 *   shortrr    an RDLENGTH that runs past the end of the packet
 *   trunc      TC set, over UDP and over TCP
 *   tcpclose   TC set over UDP; TCP connections closed unanswered
 *   noqr       the answer with its QR bit clear
 *   servfail   SERVFAIL         refused  REFUSED        formerr  FORMERR
 *   foreign    NOERROR with an SRV record for another owner only
 *   cnameloop  a CNAME chain that loops (a -> b -> a)
 *   ok         SRV 0 0 443 silence.<the name without its _labels>
 *   randomN    a good SRV answer with a few bytes changed, or a good
 *              header and question with random bytes behind: the same
 *              for the same name
 *
 * The queries are parsed by hand, and the answers built by hand, on
 * purpose: a DNS library would refuse to write most of them.  The server
 * exits after -l seconds (default 120) so that a test that dies never
 * leaves it running.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define MAXMSG 4096

struct query {
	const uint8_t *msg;
	size_t len;
	size_t qend;		/* offset just past QTYPE/QCLASS */
	size_t qname_len;	/* wire length of the question name */
	uint16_t qtype;
	char first[64];		/* first label, lower case, without '_' */
};

static int
parse_query(const uint8_t *msg, size_t len, struct query *q)
{
	size_t off = 12;
	int first = 1;

	memset(q, 0, sizeof *q);
	if (len < 12 + 5)
		return -1;
	while (off < len && msg[off] != 0) {
		size_t l = msg[off];

		if (l > 63 || off + 1 + l >= len)
			return -1;
		if (first) {
			size_t i, s = (l > 0 && msg[off + 1] == '_') ? 1 : 0;

			for (i = s; i < l; i++)
				q->first[i - s] = (char)tolower(msg[off + 1 + i]);
			first = 0;
		}
		off += 1 + l;
	}
	if (off + 5 > len)
		return -1;
	q->qname_len = off + 1 - 12;
	q->qtype = (uint16_t)(msg[off + 1] << 8 | msg[off + 2]);
	q->qend = off + 5;
	q->msg = msg;
	q->len = len;
	return 0;
}

static void
put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Header and the question copied from the query; returns the length. */
static size_t
start_reply(const struct query *q, uint8_t *o, unsigned rcode, unsigned an)
{
	memcpy(o, q->msg, q->qend);
	o[2] = (uint8_t)(0x84 | (q->msg[2] & 0x01));	/* QR AA, keep RD */
	o[3] = (uint8_t)rcode;
	put16(o + 4, 1);
	put16(o + 6, an);
	put16(o + 8, 0);
	put16(o + 10, 0);
	return q->qend;
}

/* An RR header: owner (wire, may be a pointer), type, class IN, TTL 300. */
static size_t
put_rr(uint8_t *o, const uint8_t *owner, size_t olen, unsigned type,
    const uint8_t *rdata, size_t rdlen)
{
	memcpy(o, owner, olen);
	put16(o + olen, type);
	put16(o + olen + 2, 1);
	memcpy(o + olen + 4, "\0\0\1\x2c", 4);
	put16(o + olen + 8, (unsigned)rdlen);
	memcpy(o + olen + 10, rdata, rdlen);
	return olen + 10 + rdlen;
}

static const uint8_t ptr_qname[2] = { 0xc0, 12 };

/* SRV 0 0 443 silence.<question name without its underscore labels>. */
static size_t
srv_rdata(const struct query *q, uint8_t *rd)
{
	const uint8_t *qn = q->msg + 12;
	size_t skip = 0;

	while (qn[skip] != 0 && qn[skip + 1] == '_')
		skip += 1 + qn[skip];
	memcpy(rd, "\0\0\0\0\x01\xbb", 6);
	memcpy(rd + 6, "\x07silence", 8);
	memcpy(rd + 14, qn + skip, q->qname_len - skip);
	return 14 + q->qname_len - skip;
}

static size_t srv_rdata(const struct query *q, uint8_t *rd);

/*
 * Pseudo-random answers seeded by the question, so that a run repeats:
 * half are a good SRV answer with a few bytes changed, half a good header
 * and question with random flags, counts and bytes behind them.
 */
static size_t
random_reply(const struct query *q, uint8_t *o)
{
	uint8_t rd[512];
	uint32_t x = 2166136261u;
	size_t i, n, len;

	for (i = 12; i < q->qend; i++)
		x = (x ^ q->msg[i]) * 16777619u;
#define NEXT (x ^= x << 13, x ^= x >> 17, x ^= x << 5, x)
	if (NEXT % 2 == 0) {
		n = start_reply(q, o, 0, 1);
		len = srv_rdata(q, rd);
		n += put_rr(o + n, ptr_qname, 2, 33, rd, len);
		for (i = NEXT % 3 + 1; i > 0; i--) {
			size_t at = q->qend + NEXT % (n - q->qend);

			o[at] = (uint8_t)NEXT;
		}
		return n;
	}
	n = start_reply(q, o, 0, 0);
	o[2] = (uint8_t)(0x80 | (NEXT & 0x79));	/* QR, any opcode/AA/RD; no TC */
	o[3] = (uint8_t)(NEXT & 0x8f);
	put16(o + 6, NEXT % 4);
	put16(o + 8, NEXT % 3);
	put16(o + 10, NEXT % 3);
	len = NEXT % 300;
	for (i = 0; i < len; i++) {
		uint32_t r = NEXT;

		if (r % 7 == 0 && i + 1 < len) {	/* a compression pointer */
			o[n + i] = (uint8_t)(0xc0 | ((r >> 8) & 0x01));
			o[n + i + 1] = (uint8_t)(r >> 16);
			i++;
		} else {
			o[n + i] = (uint8_t)(r >> 8);
		}
	}
#undef NEXT
	return n + len;
}

/* Builds the reply to q in o; returns its length, or 0 for no reply. */
static size_t
reply(const struct query *q, uint8_t *o, int tcp)
{
	uint8_t rd[512];
	size_t n, rdlen;
	const char *f = q->first;

	if (strcmp(f, "silence") == 0)
		return 0;
	if (strncmp(f, "random", 6) == 0)
		return random_reply(q, o);
	if (strcmp(f, "garbage") == 0) {
		for (n = 0; n < 48; n++)
			o[n] = (uint8_t)random();
		return n;
	}
	if (strcmp(f, "servfail") == 0)
		return start_reply(q, o, 2, 0);
	if (strcmp(f, "refused") == 0)
		return start_reply(q, o, 5, 0);
	if (strcmp(f, "formerr") == 0)
		return start_reply(q, o, 1, 0);
	if (strcmp(f, "trunc") == 0 || (strcmp(f, "tcpclose") == 0 && !tcp)) {
		n = start_reply(q, o, 0, 0);
		o[2] |= 0x02;	/* TC */
		return n;
	}
	if (strcmp(f, "junk") == 0) {
		n = start_reply(q, o, 0, 1);
		memcpy(o + n, "\xc0\x0c\x00\x21\x00", 5);	/* cut short */
		return n + 5;
	}
	if (strcmp(f, "loop") == 0) {
		uint8_t self[2];

		n = start_reply(q, o, 0, 1);
		self[0] = (uint8_t)(0xc0 | (n >> 8));
		self[1] = (uint8_t)n;
		rdlen = srv_rdata(q, rd);
		return n + put_rr(o + n, self, 2, 33, rd, rdlen);
	}
	if (strcmp(f, "loop2") == 0) {
		size_t at;

		n = start_reply(q, o, 0, 1);
		/* the RDATA starts after owner(2) + 10 bytes; target after 6 */
		at = n + 2 + 10 + 6;
		memcpy(rd, "\0\0\0\0\x01\xbb", 6);
		rd[6] = 1; rd[7] = 'a';
		rd[8] = (uint8_t)(0xc0 | ((at + 4) >> 8)); rd[9] = (uint8_t)(at + 4);
		rd[10] = (uint8_t)(0xc0 | (at >> 8)); rd[11] = (uint8_t)at;
		return n + put_rr(o + n, ptr_qname, 2, 33, rd, 12);
	}
	if (strcmp(f, "hugecount") == 0)
		return start_reply(q, o, 0, 65535);
	if (strcmp(f, "shortrr") == 0) {
		n = start_reply(q, o, 0, 1);
		rdlen = srv_rdata(q, rd);
		n += put_rr(o + n, ptr_qname, 2, 33, rd, rdlen);
		put16(o + n - rdlen - 2, 400);	/* RDLENGTH past the end */
		return n;
	}
	if (strcmp(f, "foreign") == 0) {
		static const uint8_t evil[] = "\x04" "evil" "\x03" "bad" "\x04" "test";

		n = start_reply(q, o, 0, 1);
		rdlen = srv_rdata(q, rd);
		return n + put_rr(o + n, evil, sizeof evil, 33, rd, rdlen);
	}
	if (strcmp(f, "cnameloop") == 0) {
		/* qname CNAME a.bad.test., a.bad.test. CNAME qname */
		static const uint8_t a[] = "\x01" "a" "\x03" "bad" "\x04" "test";
		uint8_t owner[2];
		size_t aoff;

		n = start_reply(q, o, 0, 2);
		aoff = n + 2 + 10;
		n += put_rr(o + n, ptr_qname, 2, 5, a, sizeof a);
		rd[0] = 0xc0; rd[1] = 12;
		owner[0] = (uint8_t)(0xc0 | (aoff >> 8));
		owner[1] = (uint8_t)aoff;
		return n + put_rr(o + n, owner, 2, 5, rd, 2);
	}
	if (strcmp(f, "ok") == 0 || strcmp(f, "wrongid") == 0 ||
	    strcmp(f, "othername") == 0 || strcmp(f, "noqr") == 0) {
		n = start_reply(q, o, 0, 1);
		rdlen = srv_rdata(q, rd);
		n += put_rr(o + n, ptr_qname, 2, 33, rd, rdlen);
		if (strcmp(f, "wrongid") == 0)
			put16(o, (unsigned)(q->msg[0] << 8 | q->msg[1]) ^ 0x5a5a);
		if (strcmp(f, "othername") == 0)
			o[13] = o[13] == 'x' ? 'y' : 'x';	/* another name */
		if (strcmp(f, "noqr") == 0)
			o[2] &= 0x7f;
		return n;
	}
	if (q->qtype == 6) {	/* SOA, at any name */
		static const uint8_t soa[] =
		    "\x02ns\xc0\x0c" "\x05" "admin\xc0\x0c"
		    "\0\0\0\1" "\0\0\x0e\x10" "\0\0\x02\x58" "\0\1\x51\x80" "\0\0\1\x2c";

		n = start_reply(q, o, 0, 1);
		return n + put_rr(o + n, ptr_qname, 2, 6, soa, sizeof soa - 1);
	}
	return start_reply(q, o, 3, 0);	/* NXDOMAIN */
}

static void
serve_tcp(int lfd)
{
	uint8_t in[MAXMSG], out[MAXMSG + 2];
	struct timeval tv = { 1, 0 };
	struct query q;
	ssize_t got;
	size_t len, n;
	int fd = accept(lfd, NULL, NULL);

	if (fd < 0)
		return;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	if (recv(fd, in, 2, MSG_WAITALL) != 2)
		goto out;
	len = (size_t)(in[0] << 8 | in[1]);
	if (len > sizeof in || (got = recv(fd, in, len, MSG_WAITALL)) != (ssize_t)len)
		goto out;
	if (parse_query(in, len, &q) != 0 || strcmp(q.first, "tcpclose") == 0)
		goto out;
	if ((n = reply(&q, out + 2, 1)) > 0) {
		put16(out, (unsigned)n);
		(void)send(fd, out, n + 2, MSG_NOSIGNAL);
	}
out:
	close(fd);
}

int
main(int argc, char **argv)
{
	struct sockaddr_in sa;
	socklen_t salen = sizeof sa;
	struct pollfd pfd[2];
	int udp, tcp, one = 1, opt;
	unsigned life = 120;

	while ((opt = getopt(argc, argv, "l:")) != -1) {
		if (opt != 'l')
			return 2;
		life = (unsigned)atoi(optarg);
	}
	signal(SIGPIPE, SIG_IGN);
	alarm(life);	/* SIGALRM ends the process */
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	udp = socket(AF_INET, SOCK_DGRAM, 0);
	tcp = socket(AF_INET, SOCK_STREAM, 0);
	if (udp < 0 || tcp < 0 || bind(udp, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    getsockname(udp, (struct sockaddr *)&sa, &salen) != 0) {
		perror("baddns: udp");
		return 2;
	}
	setsockopt(tcp, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(tcp, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(tcp, 16) != 0) {
		perror("baddns: tcp");
		return 2;
	}
	printf("%u\n", ntohs(sa.sin_port));
	fflush(stdout);
	pfd[0].fd = udp;
	pfd[0].events = POLLIN;
	pfd[1].fd = tcp;
	pfd[1].events = POLLIN;
	for (;;) {
		uint8_t in[MAXMSG], out[MAXMSG];
		struct sockaddr_storage from;
		socklen_t fromlen = sizeof from;
		struct query q;
		ssize_t got;
		size_t n;

		if (poll(pfd, 2, -1) < 0)
			continue;
		if (pfd[1].revents & POLLIN)
			serve_tcp(tcp);
		if (!(pfd[0].revents & POLLIN))
			continue;
		got = recvfrom(udp, in, sizeof in, 0, (struct sockaddr *)&from, &fromlen);
		if (got <= 0 || parse_query(in, (size_t)got, &q) != 0)
			continue;
		if ((n = reply(&q, out, 0)) > 0)
			(void)sendto(udp, out, n, 0, (struct sockaddr *)&from, fromlen);
	}
}
