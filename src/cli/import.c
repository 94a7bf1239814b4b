/* roundtrip import: a dataset from a FollowTheMoney stream or a GraphML graph. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dirent.h>

#include "cli.h"

enum { OPT_FROM = OPT_FIRST_OWN, OPT_MAP, OPT_FORCE };

static const cli_option options[] = {
    {OPT_FROM, 0, "from", "FMT", "what IN is: ftm (FollowTheMoney entities) or graphml"},
    {OPT_OUTPUT, 'o', "output", "DIR",
     "the dataset directory to write (made if missing; both\nfiles or neither)"},
    {OPT_MAP, 0, "map", "MAP",
     "graphml: our columns from its attributes, as\nfrom=source,to=target,kind=type"},
    {OPT_FORCE, 0, "force", NULL, "replace the dataset of a directory that holds files"},
    CLI_OPTION_HELP,
    CLI_OPTIONS_END,
};

static void print_help(FILE *out)
{
    fputs("usage: roundtrip import --from ftm|graphml [options] IN -o DIR\n"
          "\n"
          "Make a dataset (DIR/entities.csv and DIR/relationships.csv) from where the\n"
          "field's data live: a FollowTheMoney entity stream, as Aleph and the ftm tools\n"
          "write it (Company, Organization, LegalEntity, Person and PublicBody become\n"
          "entities; Ownership, Payment, Debt and UnknownLink become claims), or a\n"
          "GraphML graph from Gephi, yEd or roundtrip export (nodes become entities,\n"
          "edges claims). What cannot be mapped is left out, with its line. IN may be\n"
          "'-' for stdin. The dataset is checked as roundtrip check would before it is\n"
          "written.\n"
          "\n"
          "Options:\n",
          out);
    cli_options_help(out, options);
    fputs("\n"
          "Exit status: 0 success, 64 usage error, 65 data error, 66 missing input,\n"
          "73 cannot write DIR.\n"
          "\n"
          "Examples:\n"
          "  roundtrip import --from ftm aleph-export.ftm.json -o data/from-aleph\n"
          "  roundtrip import --from graphml --map kind=type deals.graphml -o data/deals\n",
          out);
}

/* The whole of `path` ("-": stdin), malloc'd in *out. */
static int read_input(const char *path, char **out, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    size_t cap = 1 << 16, n = 0;
    char *buf;

    if (!f) {
        int e = errno;
        cli_text shown = CLI_TEXT_INIT;
        fprintf(stderr, "roundtrip: %s: cannot read: %s\n", cli_show(&shown, path), strerror(e));
        cli_text_free(&shown, 1);
        return e == ENOENT ? EXIT_NOINPUT : EXIT_CANTCREAT;
    }
    buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
        if (n + 1 == cap) {
            char *more = realloc(buf, cap * 2);
            if (!more) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = more;
            cap *= 2;
        }
    }
    if (!buf || ferror(f)) {
        int e = buf ? errno : ENOMEM;
        free(buf);
        if (f != stdin)
            fclose(f);
        return cli_cannot(path, "cannot read", e);
    }
    if (f != stdin)
        fclose(f);
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

/* Whether `dir` holds anything but . and .. (-1: cannot tell). */
static int holds_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int found = 0;

    if (!d)
        return -1;
    while (!found && (e = readdir(d)))
        found = strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return found;
}

int cmd_import(int argc, char **argv)
{
    rt_import_options io = RT_IMPORT_OPTIONS_INIT;
    const char *dir = NULL, *in = NULL, *from = NULL;
    char *data = NULL, *ents = NULL, *rels = NULL;
    bool force = false, made_dir = false;
    rt_imported *im = NULL;
    rt_diags *diags = NULL;
    rt_dataset *ds = NULL;
    cli_outputs outs;
    cli_parser parser;
    size_t len = 0, n;
    struct stat st;
    int opt, rc, status = 0;

    cli_outputs_init(&outs);
    cli_parser_init(&parser, "import", options);
    while ((opt = cli_parser_next(&parser, argc, argv)) > 0) {
        switch (opt) {
        case OPT_FROM:
            from = optarg;
            break;
        case OPT_OUTPUT:
            dir = optarg;
            break;
        case OPT_MAP:
            io.map = optarg;
            break;
        case OPT_FORCE:
            force = true;
            break;
        case OPT_HELP:
            print_help(stdout);
            return 0;
        default:
            return EXIT_USAGE;
        }
    }
    if (opt < 0)
        return EXIT_USAGE;
    if (!from)
        return cli_usage_error("import", "--from ftm or --from graphml says what IN is");
    if (rt_import_format_parse(&io.format, from) != 0)
        return cli_usage_error("import", "--from '%s': ftm or graphml", from);
    if (io.map && io.format != RT_IMPORT_GRAPHML)
        return cli_usage_error("import", "--map renames GraphML attributes: use it with --from "
                                         "graphml");
    if (!dir || !*dir)
        return cli_usage_error("import", "-o DIR names the dataset directory to write");
    if (optind + 1 != argc)
        return cli_usage_error("import", optind >= argc ? "IN is missing (a file, or - for stdin)"
                                                        : "one IN only");
    in = argv[optind];
    io.name = strcmp(in, "-") == 0 ? "stdin" : in;
    if ((status = read_input(in, &data, &len)) != 0)
        return status;
    if (stat(dir, &st) == 0) {
        int full = S_ISDIR(st.st_mode) ? holds_files(dir) : -1;
        if (!S_ISDIR(st.st_mode)) {
            free(data);
            return cli_cannot(dir, "cannot write", ENOTDIR);
        }
        if (full != 0 && !force) {
            cli_text shown = CLI_TEXT_INIT;
            fprintf(stderr,
                    "roundtrip: %s: holds files already: --force replaces its entities.csv and "
                    "relationships.csv\n",
                    cli_show(&shown, dir));
            cli_text_free(&shown, 1);
            free(data);
            return EXIT_CANTCREAT;
        }
    }
    if ((status = cli_diags_new(&diags)) != 0)
        goto out;
    rc = rt_import(&im, data, len, &io, diags);
    cli_print_diags(diags, 0);
    n = rt_diags_count(diags);
    if (rc < 0) {
        status = rc == RT_EINVAL && io.map ? EXIT_USAGE : cli_exit_status(rc);
        goto out;
    }
    {
        /* Checked as check would, before anything is written. */
        rt_source e = {"entities.csv", NULL, 0}, r = {"relationships.csv", NULL, 0};
        e.data = rt_imported_entities(im, &e.len);
        r.data = rt_imported_relationships(im, &r.len);
        rc = rt_dataset_load_sources(&ds, &e, &r, diags);
        cli_print_diags(diags, n);
        if (rc < 0) {
            fprintf(stderr,
                    "roundtrip import: the dataset made from %s does not load: nothing "
                    "written\n",
                    io.name);
            status = cli_exit_status(rc);
            goto out;
        }
    }
    if (stat(dir, &st) != 0) {
        if (mkdir(dir, 0777) != 0) {
            status = cli_cannot(dir, "cannot create", errno);
            goto out;
        }
        made_dir = true;
    }
    {
        size_t dl = strlen(dir) + 32;
        ents = malloc(dl);
        rels = malloc(dl);
        if (!ents || !rels) {
            status = cli_cannot(dir, "cannot write", ENOMEM);
            goto out;
        }
        snprintf(ents, dl, "%s/entities.csv", dir);
        snprintf(rels, dl, "%s/relationships.csv", dir);
    }
    {
        size_t elen, rlen;
        const char *e = rt_imported_entities(im, &elen), *r = rt_imported_relationships(im, &rlen);
        cli_outputs_add(&outs, ents, e, elen);
        cli_outputs_add(&outs, rels, r, rlen);
    }
    if ((status = cli_outputs_commit(&outs)) == 0) {
        cli_text shown = CLI_TEXT_INIT;
        fprintf(stderr, "roundtrip import: %zu entities and %zu claims written to %s",
                rt_imported_entity_count(im), rt_imported_claim_count(im), cli_show(&shown, dir));
        if (rt_imported_skipped(im))
            fprintf(stderr, "; %zu records left out (above)", rt_imported_skipped(im));
        fputs("\n", stderr);
        cli_text_free(&shown, 1);
    }
out:
    if (status != 0 && made_dir)
        rmdir(dir);
    cli_outputs_free(&outs);
    free(ents);
    free(rels);
    free(data);
    rt_dataset_free(ds);
    rt_imported_free(im);
    rt_diags_free(diags);
    return status;
}
