/* roundtrip check: load and validate a dataset, then summarize it. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { OPT_QUIET = OPT_FIRST_OWN, OPT_STRICT };

static const cli_option options[] = {
    {OPT_QUIET, 'q', "quiet", NULL, "print problems only, no summary"},
    {OPT_OUTPUT, 'o', "output", "FILE", "write the summary to FILE (whole or not at all)"},
    {OPT_STRICT, 0, "strict", NULL, "treat warnings as errors"},
    CLI_OPTION_HELP,
    CLI_OPTIONS_END,
};

static void print_help(FILE *out)
{
    fputs("usage: roundtrip check [options] DATASET\n"
          "\n"
          "Load DATASET (a directory holding entities.csv and relationships.csv, or a\n"
          "relationships.csv file alone), report every problem found in it, and print\n"
          "a summary: entities by kind, relationships by kind and status, and the\n"
          "relationships whose claims disagree on the amount.\n"
          "\n"
          "Options:\n",
          out);
    cli_options_help(out, options);
    fputs("\n"
          "Problems go to stderr as FILE:LINE:COLUMN: MESSAGE, where COLUMN is the\n"
          "spreadsheet column (1 is the first field of the row).\n"
          "\n"
          "Exit status: 0 valid, 64 usage error, 65 data error, 66 missing input,\n"
          "73 cannot write FILE.\n"
          "\n"
          "Example:\n"
          "  roundtrip check data/ai-2026\n",
          out);
}

static void print_counts(FILE *out, const rt_dataset *ds)
{
    size_t nent = rt_dataset_entity_count(ds), nrel = rt_dataset_relationship_count(ds);
    size_t by_kind[RT_ENTITY_KIND_COUNT + 1] = {0};
    size_t rel_count[RT_REL_KIND_COUNT] = {0}, claim_count[RT_REL_KIND_COUNT] = {0};
    size_t by_status[RT_STATUS_COUNT] = {0};

    for (size_t i = 0; i < nent; i++) {
        unsigned kinds = rt_dataset_entity(ds, i)->kinds;
        if (kinds == 0)
            by_kind[RT_ENTITY_KIND_COUNT]++;
        for (int k = 0; k < RT_ENTITY_KIND_COUNT; k++)
            if (kinds & (1u << k))
                by_kind[k]++;
    }
    fprintf(out, "\nentities by kind (an entity may have several)\n");
    for (int k = 0; k < RT_ENTITY_KIND_COUNT; k++)
        if (by_kind[k])
            fprintf(out, "  %-12s %6zu\n", rt_entity_kind_name((rt_entity_kind)(1 << k)),
                    by_kind[k]);
    if (by_kind[RT_ENTITY_KIND_COUNT])
        fprintf(out, "  %-12s %6zu\n", "unknown", by_kind[RT_ENTITY_KIND_COUNT]);

    for (size_t i = 0; i < nrel; i++) {
        const rt_relationship *r = rt_dataset_relationship(ds, i);
        rel_count[r->kind]++;
        claim_count[r->kind] += r->claim_count;
        by_status[r->status]++;
    }
    fprintf(out, "\nrelationships by kind  relationships  claims\n");
    for (int k = 0; k < RT_REL_KIND_COUNT; k++)
        if (rel_count[k])
            fprintf(out, "  %-12s %6s %13zu %7zu\n", rt_rel_kind_name((rt_rel_kind)k),
                    rt_rel_class_name(rt_rel_kind_class((rt_rel_kind)k)), rel_count[k],
                    claim_count[k]);
    fprintf(out, "  %-12s %6s %13zu %7zu\n", "total", "", nrel, rt_dataset_claim_count(ds));

    fprintf(out, "\nrelationships by status (of their strongest claim, as it stands)\n");
    for (int s = 0; s < RT_STATUS_COUNT; s++)
        if (by_status[s])
            fprintf(out, "  %-12s %6zu\n", rt_status_name((rt_status)s), by_status[s]);
}

static void print_conflicts(FILE *out, const rt_dataset *ds)
{
    size_t nrel = rt_dataset_relationship_count(ds);
    cli_text t[3] = {CLI_TEXT_INIT, CLI_TEXT_INIT, CLI_TEXT_INIT};
    bool any = false;

    for (size_t i = 0; i < nrel; i++) {
        const rt_relationship *r = rt_dataset_relationship(ds, i);
        char amount[64];

        if (!r->conflicting)
            continue;
        if (!any)
            fprintf(out, "\nclaims with conflicting amounts\n");
        any = true;
        rt_amount_format(amount, sizeof(amount), &r->amount);
        fprintf(out, "  %s -> %s (%s): %s\n", cli_show(&t[0], rt_dataset_entity(ds, r->from)->name),
                cli_show(&t[1], rt_dataset_entity(ds, r->to)->name), rt_rel_kind_name(r->kind),
                cli_show(&t[2], amount));
        for (size_t k = 0; k < r->claim_count; k++) {
            const rt_claim *c = rt_dataset_claim(ds, r->first_claim + k);
            char date[16];
            if (!rt_claim_holds(c, NULL))
                continue; /* ended: not part of the range */
            rt_amount_format(amount, sizeof(amount), &c->amount);
            rt_date_format(date, sizeof(date), &c->date);
            fprintf(out, "    %-12s %-11s %-10s %-24s %s:%d\n", cli_show(&t[0], amount),
                    rt_status_name(c->held), date,
                    c->source ? cli_show(&t[1], c->source) : "(no source)",
                    cli_show(&t[2], rt_dataset_relationships_file(ds)), c->line);
        }
    }
    if (!any)
        fprintf(out, "\nno claims with conflicting amounts\n");
    cli_text_free(t, 3);
}

/* The history: claims that held once and hold no more, by relationship. */
static void print_ended(FILE *out, const rt_dataset *ds)
{
    size_t nrel = rt_dataset_relationship_count(ds), ended = 0;
    cli_text t[3] = {CLI_TEXT_INIT, CLI_TEXT_INIT, CLI_TEXT_INIT};

    for (size_t i = 0; i < rt_dataset_claim_count(ds); i++) {
        const rt_claim *c = rt_dataset_claim(ds, i);
        ended += rt_status_carries_money(c->held) && c->held_until.year != 0;
    }
    if (ended == 0)
        return;
    fprintf(out, "\nclaims that no longer hold (replaced, unwound or ended): %zu\n", ended);
    for (size_t i = 0; i < nrel; i++) {
        const rt_relationship *r = rt_dataset_relationship(ds, i);
        bool named = false;
        for (size_t k = 0; k < r->claim_count; k++) {
            const rt_claim *c = rt_dataset_claim(ds, r->first_claim + k);
            char amount[64], date[16], until[16];
            if (!rt_status_carries_money(c->held) || c->held_until.year == 0)
                continue;
            if (!named)
                fprintf(
                    out, "  %s -> %s (%s)\n", cli_show(&t[0], rt_dataset_entity(ds, r->from)->name),
                    cli_show(&t[1], rt_dataset_entity(ds, r->to)->name), rt_rel_kind_name(r->kind));
            named = true;
            if (c->amount.unit == RT_AMOUNT_UNKNOWN)
                snprintf(amount, sizeof(amount), "?");
            else
                rt_amount_format(amount, sizeof(amount), &c->amount);
            rt_date_format(date, sizeof(date), &c->date);
            rt_date_format(until, sizeof(until), &c->held_until);
            fprintf(out, "    %-12s %-11s %-10s to %-10s %-24s %s:%d\n", cli_show(&t[0], amount),
                    rt_status_name(c->held), date, until,
                    c->source ? cli_show(&t[1], c->source) : "(no source)",
                    cli_show(&t[2], rt_dataset_relationships_file(ds)), c->line);
        }
    }
    cli_text_free(t, 3);
}

int cmd_check(int argc, char **argv)
{
    bool quiet = false, strict = false;
    rt_diags *diags = NULL;
    rt_dataset *ds = NULL;
    size_t warnings = 0;
    const char *path = NULL, *output = "-";
    cli_text shown = CLI_TEXT_INIT;
    FILE *out = NULL; /* the summary, in memory until it is written whole */
    char *text = NULL;
    size_t len = 0;
    cli_parser parser;
    int opt, rc, status = 0;

    cli_parser_init(&parser, "check", options);
    while ((opt = cli_parser_next(&parser, argc, argv)) > 0) {
        switch (opt) {
        case OPT_QUIET:
            quiet = true;
            break;
        case OPT_OUTPUT:
            output = optarg;
            break;
        case OPT_STRICT:
            strict = true;
            break;
        case OPT_HELP:
            print_help(stdout);
            return 0;
        }
    }
    if (opt < 0)
        return EXIT_USAGE;
    if ((status = cli_dataset_operand("check", argc, argv, &path)) != 0 ||
        (status = cli_diags_new(&diags)) != 0)
        return status;
    rc = rt_dataset_load(&ds, path, diags);
    cli_print_diags(diags, 0);
    warnings = rt_diags_count(diags) - rt_diags_error_count(diags);
    if (rc < 0) {
        if (rc == RT_EDATA)
            fprintf(stderr, "roundtrip: %s: %zu error%s, %zu warning%s\n", cli_show(&shown, path),
                    rt_diags_error_count(diags), rt_diags_error_count(diags) == 1 ? "" : "s",
                    warnings, warnings == 1 ? "" : "s");
        else if (rc == RT_ENOMEM)
            fprintf(stderr, "roundtrip: %s\n", rt_strerror(rc));
        status = cli_exit_status(rc);
        goto out;
    }
    if (strict && warnings > 0) {
        fprintf(stderr, "roundtrip: %s: %zu warning%s treated as errors (--strict)\n",
                cli_show(&shown, path), warnings, warnings == 1 ? "" : "s");
        status = EXIT_DATAERR;
        goto out;
    }
    out = open_memstream(&text, &len);
    if (!out) {
        fprintf(stderr, "roundtrip: %s\n", rt_strerror(RT_ENOMEM));
        status = EXIT_OSERR;
        goto out;
    }
    if (!quiet) {
        size_t ne = rt_dataset_entity_count(ds), nr = rt_dataset_relationship_count(ds),
               nc = rt_dataset_claim_count(ds);
        fprintf(out, "%s: %zu entit%s, %zu relationship%s from %zu claim%s; ",
                cli_show(&shown, path), ne, ne == 1 ? "y" : "ies", nr, nr == 1 ? "" : "s", nc,
                nc == 1 ? "" : "s");
        if (warnings)
            fprintf(out, "%zu warning%s\n", warnings, warnings == 1 ? "" : "s");
        else
            fprintf(out, "no problems found\n");
        print_counts(out, ds);
        print_conflicts(out, ds);
        print_ended(out, ds);
    }
    rc = fclose(out);
    out = NULL;
    if (rc != 0) {
        fprintf(stderr, "roundtrip: %s\n", rt_strerror(RT_ENOMEM));
        status = EXIT_OSERR;
    } else {
        status = cli_write_output(output, text, len, path);
    }
out:
    if (out)
        fclose(out);
    free(text);
    cli_text_free(&shown, 1);
    rt_dataset_free(ds);
    rt_diags_free(diags);
    return status;
}
