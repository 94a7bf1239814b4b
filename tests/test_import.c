/* roundtrip import: FollowTheMoney streams and GraphML graphs into datasets. */
#include "helpers.h"
#include "run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static rt_imported *import(rt_import_format format, const char *text, const char *map,
                           rt_diags **diags, int want)
{
    rt_import_options io = RT_IMPORT_OPTIONS_INIT;
    rt_imported *im = NULL;

    io.format = format;
    io.name = "in";
    io.map = map;
    assert_int_equal(rt_diags_new(diags), 0);
    assert_int_equal(rt_import(&im, text, strlen(text), &io, *diags), want);
    return im;
}

static const char ftm[] =
    "{\"id\": \"a\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Amazon\"], "
    "\"classification\": [\"investor\", \"retail\"], \"country\": [\"us\"]}}\n"
    "{\"id\": \"w\", \"schema\": \"Company\", \"properties\": {\"name\": [\"AWS\"], "
    "\"parent\": [\"a\"], \"classification\": [\"cloud\"], \"alias\": [\"Amazon Web Services\"]}}\n"
    "{\"id\": \"o\", \"schema\": \"Organization\", \"properties\": {\"name\": [\"OpenAI\"]}}\n"
    "{\"id\": \"o2\", \"schema\": \"LegalEntity\", \"properties\": {\"name\": [\"openai\"], "
    "\"website\": [\"https://openai.com\"]}}\n"
    "{\"id\": \"x1\", \"schema\": \"Ownership\", \"properties\": {\"owner\": [\"a\"], "
    "\"asset\": [\"o\"], \"sharesValue\": [\"50B\"], \"status\": [\"confirmed\"], "
    "\"date\": [\"2026-02-27\"], \"publisher\": [\"OpenAI, press\"], \"recordId\": [\"3\"]}}\n"
    "{\"id\": \"x2\", \"schema\": \"Payment\", \"properties\": {\"payer\": [\"o2\"], "
    "\"beneficiary\": [\"w\"], \"amount\": [\"38000000000\"], \"currency\": [\"USD\"], "
    "\"purpose\": [\"compute\"], \"summary\": [\"talks\"], \"date\": [\"2025-11-03T10:00:00\"], "
    "\"endDate\": [\"2026\"], \"recordId\": [\"2\"]}}\n"
    "{\"id\": \"x3\", \"schema\": \"Debt\", \"properties\": {\"creditor\": [\"a\"], "
    "\"debtor\": [\"o\"], \"amount\": [\"5000000\"], \"currency\": [\"EUR\"]}}\n"
    "{\"id\": \"x4\", \"schema\": \"Directorship\", \"properties\": {\"director\": [\"a\"]}}\n"
    "\n"
    "{\"id\": \"x5\", \"schema\": \"Payment\", \"properties\": {\"payer\": [\"nobody\"], "
    "\"beneficiary\": [\"w\"]}}\n"
    "{\"id\": \"x6\", \"schema\": \"UnknownLink\", \"properties\": {\"subject\": [\"w\"], "
    "\"object\": [\"o\"], \"role\": [\"hosting\"], \"amount\": [\"a lot\"]}}\n";

/* Each schema as the mapping says, hand-checked; claims in recordId order,
 * then in stream order; a name in two parties is one entity. */
static void test_import_ftm_maps_parties_and_money(void **state)
{
    rt_diags *diags;
    rt_imported *im = import(RT_IMPORT_FTM, ftm, NULL, &diags, 0);
    (void)state;
    assert_string_equal(rt_imported_entities(im, NULL),
                        "name,kind,parent,aliases,country,url,note\n"
                        "Amazon,investor,,,US,,\n"
                        "AWS,cloud,Amazon,Amazon Web Services,,,\n"
                        "OpenAI,,,,,https://openai.com,\n");
    assert_string_equal(rt_imported_relationships(im, NULL),
                        "from,to,kind,amount,status,date,end_date,until,source,url,deal,note\n"
                        "OpenAI,AWS,compute,38000000000,talks,2025-11-03,,2026,,,,\n"
                        "Amazon,OpenAI,equity,50B,confirmed,2026-02-27,,,\"OpenAI, press\",,,\n"
                        "Amazon,OpenAI,loan,EUR 5000000,,,,,,,,\n"
                        "AWS,OpenAI,hosting,,,,,,,,,\n");
    assert_int_equal(rt_imported_entity_count(im), 3);
    assert_int_equal(rt_imported_claim_count(im), 4);
    assert_int_equal(rt_imported_skipped(im), 2);
    assert_non_null(find_diag(diags, 8, 0, "a Directorship carries no money"));
    assert_non_null(find_diag(diags, 10, 0, "whose payer is not a party of the input"));
    rt_imported_free(im);
    rt_diags_free(diags);
}

static void test_import_ftm_says_where_a_line_is_not_json(void **state)
{
    rt_diags *diags;
    (void)state;
    assert_null(import(RT_IMPORT_FTM, "{\"id\": \"a\", \"schema\": \"Company\"}\n{\"id\": \n[1]\n",
                       NULL, &diags, RT_EDATA));
    assert_non_null(find_diag(diags, 2, 0, "not JSON"));
    assert_non_null(find_diag(diags, 3, 1, "not an entity"));
    rt_diags_free(diags);
}

static const char graphml[] =
    "<?xml version=\"1.0\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
    "<key id=\"k0\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
    "<key id=\"k1\" for=\"node\" attr.name=\"kinds\" attr.type=\"string\"/>\n"
    "<key id=\"k2\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n"
    "<key id=\"k3\" for=\"edge\" attr.name=\"amount\" attr.type=\"string\"/>\n"
    "<key id=\"k4\" for=\"edge\" attr.name=\"sources\" attr.type=\"string\"/>\n"
    "<graph edgedefault=\"directed\">\n"
    "<node id=\"n0\"><data key=\"k0\">Microsoft</data><data key=\"k1\">investor;x</data></node>\n"
    "<node id=\"n1\"><data key=\"k0\">OpenAI</data></node>\n"
    "<edge source=\"n0\" target=\"n1\"><data key=\"k2\">equity</data>"
    "<data key=\"k3\">13B</data><data key=\"k4\">10-K;press</data></edge>\n"
    "<edge source=\"n1\" target=\"n0\"><data key=\"k2\">compute</data></edge>\n"
    "<edge source=\"n1\" target=\"n9\"><data key=\"k2\">compute</data></edge>\n"
    "<edge source=\"n1\" target=\"n0\"><data key=\"k2\">gift</data></edge>\n"
    "</graph>\n</graphml>\n";

static void test_import_graphml_reads_mapped_attributes(void **state)
{
    rt_diags *diags;
    rt_imported *im = import(RT_IMPORT_GRAPHML, graphml, "kind=type", &diags, 0);
    (void)state;
    assert_string_equal(rt_imported_entities(im, NULL),
                        "name,kind,parent,aliases,country,url,note\n"
                        "Microsoft,investor,,,,,\n"
                        "OpenAI,,,,,,\n");
    assert_string_equal(rt_imported_relationships(im, NULL),
                        "from,to,kind,amount,status,date,end_date,until,source,url,deal,note\n"
                        "Microsoft,OpenAI,equity,13B,,,,,10-K,,,\n"
                        "OpenAI,Microsoft,compute,,,,,,,,,\n");
    assert_int_equal(rt_imported_skipped(im), 2);
    assert_non_null(find_diag(diags, 13, 0, "target is not a node"));
    assert_non_null(find_diag(diags, 14, 0, "an edge of kind 'gift'"));
    rt_imported_free(im);
    rt_diags_free(diags);

    /* Without the map, "type" is not our kind: every edge is left out. */
    im = import(RT_IMPORT_GRAPHML, graphml, NULL, &diags, 0);
    assert_int_equal(rt_imported_claim_count(im), 0);
    assert_int_equal(rt_imported_skipped(im), 4);
    rt_imported_free(im);
    rt_diags_free(diags);

    /* An end mapped to an attribute that names a node, in any case. */
    im = import(RT_IMPORT_GRAPHML,
                "<graphml><key id=\"l\" for=\"node\" attr.name=\"label\"/>"
                "<key id=\"p\" for=\"edge\" attr.name=\"payer\"/>"
                "<key id=\"k\" for=\"edge\" attr.name=\"kind\"/><graph>"
                "<node id=\"a\"><data key=\"l\">Microsoft</data></node>"
                "<node id=\"b\"><data key=\"l\">OpenAI</data></node>"
                "<edge source=\"b\" target=\"b\"><data key=\"p\">MICROSOFT</data>"
                "<data key=\"k\">equity</data></edge></graph></graphml>",
                "from=payer", &diags, 0);
    assert_non_null(strstr(rt_imported_relationships(im, NULL), "\nMicrosoft,OpenAI,equity,"));
    rt_imported_free(im);
    rt_diags_free(diags);

    assert_null(import(RT_IMPORT_GRAPHML, graphml, "knd=type", &diags, RT_EINVAL));
    assert_non_null(find_diag(diags, 0, 0, "'knd' is not a column roundtrip reads"));
    rt_diags_free(diags);
}

/* An external entity is neither fetched nor read; bad XML says where. */
static void test_import_graphml_reads_no_outside_file(void **state)
{
    static const char xxe[] =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        "<graphml><key id=\"k\" for=\"node\" attr.name=\"name\"/>\n<graph>\n"
        "<node id=\"n\"><data key=\"k\">A&x;</data></node>\n</graph></graphml>\n";
    rt_diags *diags;
    rt_imported *im = import(RT_IMPORT_GRAPHML, xxe, NULL, &diags, 0);
    (void)state;
    assert_null(strstr(rt_imported_entities(im, NULL), "root"));
    rt_imported_free(im);
    rt_diags_free(diags);
    assert_null(
        import(RT_IMPORT_GRAPHML, "<graphml>\n<graph>\n<node>\n</graph>", NULL, &diags, RT_EDATA));
    assert_non_null(find_diag(diags, 4, 0, "not XML"));
    rt_diags_free(diags);
    assert_null(import(RT_IMPORT_GRAPHML, "<gexf/>", NULL, &diags, RT_EDATA));
    assert_non_null(find_diag(diags, 1, 1, "not GraphML"));
    rt_diags_free(diags);
}

/* The command: a directory made, both files or neither, a full directory
 * kept unless --force, and the dataset loads. */
static void test_import_command_writes_a_dataset(void **state)
{
    char dir[] = "/tmp/rt-import-XXXXXX", in[300], out[300], path[340];
    run_result r;
    FILE *f;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(in, sizeof(in), "%s/in.ftm", dir);
    snprintf(out, sizeof(out), "%s/ds", dir);
    assert_non_null(f = fopen(in, "w"));
    fputs(ftm, f);
    assert_int_equal(fclose(f), 0);
    r = run("import", "--from", "ftm", in, "-o", out, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "3 entities and 4 claims written to"));
    assert_non_null(strstr(r.err, "in.ftm:8: warning: a Directorship carries no money"));
    done(&r);
    r = run("check", out, NULL);
    assert_int_equal(r.status, 0);
    done(&r);
    r = run("import", "--from", "ftm", in, "-o", out, NULL);
    assert_int_equal(r.status, 73);
    assert_non_null(strstr(r.err, "holds files already: --force"));
    done(&r);
    r = run("import", "--from", "ftm", "--force", in, "-o", out, NULL);
    assert_int_equal(r.status, 0);
    done(&r);
    r = run("import", "--from", "ftm", "missing.ftm", "-o", out, NULL);
    assert_int_equal(r.status, 66);
    done(&r);
    r = run("import", "--from", "csv", in, "-o", out, NULL);
    assert_int_equal(r.status, 64);
    done(&r);
    r = run("import", "--from", "ftm", "--map", "kind=type", in, "-o", out, NULL);
    assert_int_equal(r.status, 64);
    done(&r);
    /* Bad input: exit 65, and no directory made. */
    snprintf(path, sizeof(path), "%s/new", dir);
    assert_non_null(f = fopen(in, "w"));
    fputs("{\"id\":\n", f);
    assert_int_equal(fclose(f), 0);
    r = run("import", "--from", "ftm", in, "-o", path, NULL);
    assert_int_equal(r.status, 65);
    assert_non_null(strstr(r.err, "in.ftm:1:"));
    done(&r);
    assert_int_not_equal(access(path, F_OK), 0);
    snprintf(path, sizeof(path), "%s/entities.csv", out);
    unlink(path);
    snprintf(path, sizeof(path), "%s/relationships.csv", out);
    unlink(path);
    rmdir(out);
    unlink(in);
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_import_ftm_maps_parties_and_money),
        cmocka_unit_test(test_import_ftm_says_where_a_line_is_not_json),
        cmocka_unit_test(test_import_graphml_reads_mapped_attributes),
        cmocka_unit_test(test_import_graphml_reads_no_outside_file),
        cmocka_unit_test(test_import_command_writes_a_dataset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
