/*
 * gen_checkdoc.c -- writes docs/checks.md from src/checks.def, so the
 * documentation can never disagree with the table the binary uses.
 */
#include <stdio.h>
#include <string.h>

struct row {
	const char *name, *severity, *ref, *title, *summary, *fix;
};

#define SEV_ERROR "error"
#define SEV_WARNING "warning"
#define SEV_NOTE "note"

static const struct row rows[] = {
#define CHECK(id, name, sev, ref, title, summary, fix) { name, sev, ref, title, summary, fix },
#include "checks.def"
#undef CHECK
};

/*
 * Writes text as man source lines of at most 80 bytes (mandoc -Tlint
 * wants no longer ones), broken at blanks; a line that would begin with
 * '.' or '\'' gets "\\&" so that it is never read as a macro.
 */
static void
man_text(const char *s)
{
	size_t col = 0;

	while (*s != '\0') {
		size_t w = strcspn(s, " ");

		if (col > 0 && col + 1 + w > 80) {
			putchar('\n');
			col = 0;
		} else if (col > 0) {
			putchar(' ');
			col++;
		}
		if (col == 0 && (*s == '.' || *s == '\''))
			col += (size_t)printf("\\&");
		col += fwrite(s, 1, w, stdout);
		s += w;
		s += strspn(s, " ");
	}
	putchar('\n');
}

/* The CHECKS section of docs/srvlint.1, between its BEGIN/END CHECKS marks. */
static void
man_section(void)
{
	puts(".Bl -tag -width Ds");
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		printf(".It Cm %s\n", rows[i].name);
		man_text(rows[i].summary);
		printf("(%s; %s)\n", rows[i].severity, rows[i].ref);
	}
	puts(".El");
}

int
main(int argc, char **argv)
{
	if (argc > 1 && argv[1][0] == '-' && argv[1][1] == 'm') {
		man_section();
		return 0;
	}
	puts("# srvlint checks");
	puts("");
	puts("<!-- Generated from src/checks.def by tools/gen-checkdoc (`make docs`); do not edit. -->");
	puts("");
	puts("Every finding carries one of these names.  The severity is the default:");
	puts("`--severity CHECK=LEVEL` changes it, `; srvlint-disable CHECK` silences it on");
	puts("one record, and `srvlint explain CHECK` prints the entry below.");
	puts("");
	puts("| check | severity | reference | fires when |");
	puts("|---|---|---|---|");
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		printf("| [`%s`](#%s) | %s | %s | %s |\n", rows[i].name, rows[i].name,
		    rows[i].severity, rows[i].ref, rows[i].summary);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		printf("\n## %s\n\n", rows[i].name);
		printf("%s.\n\n", rows[i].title);
		printf("- severity: %s\n- reference: %s\n- fires when: %s\n- fix: %s\n",
		    rows[i].severity, rows[i].ref, rows[i].summary, rows[i].fix);
	}
	return 0;
}
