/* Loading datasets: validation of every column, errors with file:line:col, model rules. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/alloc.h"

static const char *ENTITIES = "name,kind,parent,aliases,country\n"
                              "Amazon,investor;chip,,Amazon.com,US\n"
                              "AWS,cloud,Amazon,Amazon Web Services,US\n"
                              "Anthropic,lab,,,US\n"
                              "OpenAI,lab,,,US\n"
                              "Microsoft,investor,,MSFT,US\n"
                              "Azure,cloud,Microsoft,,US\n"
                              "Bedrock Unit,other,AWS,,US\n";

#define REL_HEADER "from,to,kind,amount,status,date,end_date,source,url,deal,note\n"

/* Load ENTITIES with the given relationships; expect RT_EDATA and return diags. */
static rt_diags *expect_failure(const char *rels)
{
    rt_dataset *ds = NULL;
    rt_diags *d = NULL;
    assert_int_equal(load_strings(&ds, &d, ENTITIES, rels), RT_EDATA);
    assert_null(ds);
    assert_true(rt_diags_error_count(d) > 0);
    return d;
}

static rt_dataset *expect_success(const char *entities, const char *rels)
{
    rt_dataset *ds = NULL;
    rt_diags *d = NULL;
    int rc = load_strings(&ds, &d, entities, rels);
    if (rc != 0) {
        dump_diags(d);
        fail_msg("load failed: %s", rt_strerror(rc));
    }
    assert_int_equal(rt_diags_error_count(d), 0);
    rt_diags_free(d);
    return ds;
}

static void test_load_reports_unknown_kind_with_suggestion(void **state)
{
    rt_diags *d = expect_failure(REL_HEADER "Amazon,Anthropic,equitty,8B,confirmed,,,,,,\n");
    (void)state;
    assert_diag(d, 2, 3, "unknown kind 'equitty' (did you mean 'equity'?)");
    assert_string_equal(find_diag(d, 2, 3, "equitty")->file, "relationships.csv");
    rt_diags_free(d);
}

static void test_load_reports_every_problem_not_only_the_first(void **state)
{
    rt_diags *d = expect_failure(REL_HEADER "Amazon,Antropic,equity,8B,confirmed,,,,,,\n"
                                            "Amazon,Anthropic,investment,8B,confirmed,,,,,,\n"
                                            "Amazon,Anthropic,equity,8B,confimed,,,,,,\n"
                                            "Amazon,Anthropic,equity,50B-10B,talks,,,,,,\n"
                                            "Amazon,Anthropic,equity,8B,talks,2025-13,,,,,\n");
    (void)state;
    assert_diag(d, 2, 2, "unknown entity 'Antropic' (did you mean 'Anthropic'?)");
    assert_diag(d, 3, 3, "unknown kind 'investment' (did you mean 'equity'?)");
    assert_diag(d, 4, 5, "unknown status 'confimed' (did you mean 'confirmed'?)");
    assert_diag(d, 5, 4, "reversed range '50B-10B' (did you mean '10B-50B'?)");
    assert_diag(d, 6, 6, "bad date '2025-13'");
    assert_int_equal(rt_diags_error_count(d), 5);
    rt_diags_free(d);
}

static void test_load_reports_bad_amounts_at_their_column(void **state)
{
    rt_diags *d = expect_failure(REL_HEADER "Amazon,Anthropic,equity,-8B,,,,,,,\n"
                                            "Amazon,Anthropic,equity,NaN,,,,,,,\n"
                                            "Amazon,Anthropic,equity,1e999,,,,,,,\n"
                                            "Amazon,Anthropic,equity,\"1,5B\",,,,,,,\n");
    (void)state;
    assert_diag(d, 2, 4, "negative amount");
    assert_diag(d, 3, 4, "'NaN' is not an amount");
    assert_diag(d, 4, 4, "too large");
    assert_diag(d, 5, 4, "did you mean '1.5B'?");
    rt_diags_free(d);
}

static void test_load_reports_bad_and_reversed_dates(void **state)
{
    rt_diags *d = expect_failure(REL_HEADER "Amazon,Anthropic,equity,,,2025-02-30,,,,,\n"
                                            "Amazon,Anthropic,equity,,,2025-09,2024,,,,\n"
                                            "Amazon,Anthropic,equity,,,2025,2025/10/01,,,,\n");
    (void)state;
    assert_diag(d, 2, 6, "2025-02 has 28 days");
    assert_diag(d, 3, 7, "end_date 2024 is before date 2025-09");
    assert_diag(d, 4, 7, "did you mean '2025-10-01'?");
    rt_diags_free(d);
}

static void test_load_reports_empty_names_and_self_payment(void **state)
{
    rt_diags *d = expect_failure(REL_HEADER ",Anthropic,equity,,,,,,,,\n"
                                            "Amazon,,equity,,,,,,,,\n"
                                            "Amazon,Amazon.com,equity,,,,,,,,\n"
                                            "Amazon,Anthropic,,,,,,,,,\n");
    (void)state;
    assert_diag(d, 2, 1, "empty 'from' name");
    assert_diag(d, 3, 2, "empty 'to' name");
    assert_diag(d, 4, 2, "'Amazon' is both from and to");
    assert_diag(d, 5, 3, "missing relationship kind");
    rt_diags_free(d);
}

static void test_load_reports_missing_required_column(void **state)
{
    rt_dataset *ds = NULL;
    rt_diags *d = NULL;
    (void)state;
    assert_int_equal(
        load_strings(&ds, &d, ENTITIES, "from,to,knd,amount\nAmazon,OpenAI,equity,1B\n"), RT_EDATA);
    assert_diag(d, 1, 1, "missing required column 'kind'");
    assert_diag(d, 1, 3, "unknown column 'knd' (did you mean 'kind'?)");
    rt_diags_free(d);
    assert_int_equal(load_strings(&ds, &d, "kind,country\nlab,US\n", REL_HEADER), RT_EDATA);
    assert_diag(d, 1, 1, "missing required column 'name'");
    rt_diags_free(d);
}

static void test_load_warns_once_about_unknown_columns(void **state)
{
    rt_dataset *ds = NULL;
    rt_diags *d = NULL;
    const rt_diag *w;
    (void)state;
    assert_int_equal(load_strings(&ds, &d, ENTITIES,
                                  "from,to,kind,comment,sauce\nAmazon,Anthropic,equity,x,y\n"),
                     0);
    assert_int_equal(rt_diags_count(d), 1);
    w = rt_diags_get(d, 0);
    assert_int_equal(w->severity, RT_SEVERITY_WARNING);
    assert_int_equal(w->line, 1);
    assert_int_equal(w->col, 4);
    assert_string_equal(w->msg,
                        "ignoring unknown columns 'comment', 'sauce' (did you mean 'source'?)");
    rt_dataset_free(ds);
    rt_diags_free(d);
}

static void test_load_matches_columns_by_name_in_any_order(void **state)
{
    rt_dataset *ds = expect_success(ENTITIES, "Note,Amount,Kind,To,From,End Date,Date\n"
                                              "first,8B,equity,Anthropic,Amazon,2030,2024-11\n");
    const rt_claim *c = rt_dataset_claim(ds, 0);
    const rt_relationship *r = rt_dataset_relationship(ds, 0);
    (void)state;
    assert_string_equal(rt_dataset_entity(ds, r->from)->name, "Amazon");
    assert_string_equal(rt_dataset_entity(ds, r->to)->name, "Anthropic");
    assert_int_equal(c->amount.low, INT64_C(8000000000));
    assert_string_equal(c->note, "first");
    assert_int_equal(c->end_date.year, 2030);
    assert_int_equal(c->date.month, 11);
    rt_dataset_free(ds);
}

static void test_load_resolves_parents_to_ultimate_parent(void **state)
{
    rt_dataset *ds = expect_success(ENTITIES, REL_HEADER "Amazon,Anthropic,equity,8B,,,,,,,\n");
    size_t amazon = rt_dataset_find(ds, "Amazon"), aws = rt_dataset_find(ds, "AWS");
    size_t unit = rt_dataset_find(ds, "Bedrock Unit"), azure = rt_dataset_find(ds, "Azure");
    (void)state;
    assert_int_not_equal(amazon, RT_NONE);
    assert_int_equal(rt_dataset_entity(ds, aws)->parent, amazon);
    assert_int_equal(rt_dataset_entity(ds, aws)->root, amazon);
    /* Two levels up: Bedrock Unit -> AWS -> Amazon. */
    assert_int_equal(rt_dataset_entity(ds, unit)->parent, aws);
    assert_int_equal(rt_dataset_entity(ds, unit)->root, amazon);
    assert_int_equal(rt_dataset_entity(ds, azure)->root, rt_dataset_find(ds, "Microsoft"));
    assert_int_equal(rt_dataset_entity(ds, amazon)->root, amazon);
    assert_int_equal(rt_dataset_entity(ds, amazon)->parent, RT_NONE);
    rt_dataset_free(ds);
}

static void test_load_resolves_parent_defined_later_in_the_file(void **state)
{
    rt_dataset *ds = expect_success("name,parent\nAWS,Amazon\nAmazon,\n",
                                    REL_HEADER "Amazon,AWS,services,,,,,,,,\n");
    (void)state;
    assert_int_equal(rt_dataset_entity(ds, 0)->root, 1);
    rt_dataset_free(ds);
}

static void test_load_finds_entities_by_alias_and_any_case(void **state)
{
    rt_dataset *ds = expect_success(ENTITIES, REL_HEADER
                                    "amazon.com,ANTHROPIC,equity,4B,confirmed,2023-09,,,,,\n"
                                    "Anthropic,Amazon Web Services,compute,,,,,,,,\n");
    const rt_relationship *r0 = rt_dataset_relationship(ds, 0);
    const rt_relationship *r1 = rt_dataset_relationship(ds, 1);
    (void)state;
    assert_string_equal(rt_dataset_entity(ds, r0->from)->name, "Amazon");
    assert_string_equal(rt_dataset_entity(ds, r0->to)->name, "Anthropic");
    assert_string_equal(rt_dataset_entity(ds, r1->to)->name, "AWS");
    assert_int_equal(rt_dataset_find(ds, "msft"), rt_dataset_find(ds, "Microsoft"));
    assert_int_equal(rt_dataset_find(ds, "Nobody"), RT_NONE);
    assert_int_equal(rt_dataset_entity(ds, rt_dataset_find(ds, "Amazon"))->kinds,
                     RT_ENTITY_INVESTOR | RT_ENTITY_CHIP);
    rt_dataset_free(ds);
}

static void test_load_reports_entity_errors(void **state)
{
    rt_dataset *ds = NULL;
    rt_diags *d = NULL;
    (void)state;
    assert_int_equal(load_strings(&ds, &d,
                                  "name,kind,parent,aliases\n"
                                  "Amazon,investor,,AMZN\n"
                                  "amazon,clod,,\n"
                                  ",lab,,\n"
                                  "AWS,cloud,Amazn,\n"
                                  "Azure,cloud,,amzn\n"
                                  "AMZN,other,,\n"
                                  "Self,other,Self,\n",
                                  REL_HEADER),
                     RT_EDATA);
    assert_diag(d, 3, 1, "duplicate entity 'amazon' (first defined on line 2)");
    assert_diag(d, 3, 2, "unknown entity kind 'clod' (did you mean 'cloud'?)");
    assert_diag(d, 4, 1, "empty entity name");
    assert_diag(d, 5, 3, "unknown parent 'Amazn' (did you mean 'Amazon'?)");
    assert_diag(d, 6, 4, "alias 'amzn' is already an alias of 'Amazon' (line 2)");
    assert_diag(d, 7, 1, "entity name 'AMZN' is already an alias of 'Amazon' (line 2)");
    assert_diag(d, 8, 3, "entity 'Self' cannot be its own parent");
    rt_diags_free(d);
}

static void test_load_reports_parent_chain_that_loops(void **state)
{
    rt_dataset *ds = NULL;
    rt_diags *d = NULL;
    (void)state;
    assert_int_equal(load_strings(&ds, &d,
                                  "name,parent\n"
                                  "Top,\n"
                                  "A,C\n"
                                  "B,A\n"
                                  "C,B\n"
                                  "D,A\n",
                                  REL_HEADER "Top,D,equity,,,,,,,,\n"),
                     RT_EDATA);
    assert_diag(d, 3, 2, "parent chain loops: ");
    assert_int_equal(rt_diags_error_count(d), 1); /* reported once, not per member */
    rt_diags_free(d);
}

static void test_load_groups_claims_into_relationships(void **state)
{
    rt_dataset *ds = expect_success(ENTITIES, REL_HEADER
                                    "Amazon,OpenAI,equity,10B,talks,2025-12,,Financial Times,,a,\n"
                                    "OpenAI,AWS,compute,38B,confirmed,2025-11,2032,Amazon,,,\n"
                                    "Amazon,OpenAI,equity,50B,talks,2026-01,,WSJ,,a,\n"
                                    "Amazon,OpenAI,equity,100B,denied,2026-01,,Rumor mill,,,\n"
                                    "Amazon,OpenAI,chips,,talks,,,FT,,,\n");
    const rt_relationship *r;
    const rt_claim *c;
    (void)state;
    assert_int_equal(rt_dataset_relationship_count(ds), 3);
    assert_int_equal(rt_dataset_claim_count(ds), 5);
    r = rt_dataset_relationship(ds, 0);
    assert_int_equal(r->kind, RT_REL_EQUITY);
    assert_int_equal(r->claim_count, 3);
    /* The amount spans the claims that carry money; the denied $100B does not. */
    assert_int_equal(r->amount.unit, RT_AMOUNT_USD);
    assert_int_equal(r->amount.low, INT64_C(10000000000));
    assert_int_equal(r->amount.high, INT64_C(50000000000));
    assert_true(r->conflicting);
    assert_int_equal(r->status, RT_STATUS_TALKS);
    /* Claims are contiguous per relationship, in file order, with their lines. */
    c = rt_dataset_claim(ds, r->first_claim);
    assert_int_equal(c->line, 2);
    assert_string_equal(c->source, "Financial Times");
    assert_string_equal(c->deal, "a");
    assert_int_equal(rt_dataset_claim(ds, r->first_claim + 1)->line, 4);
    assert_int_equal(rt_dataset_claim(ds, r->first_claim + 2)->line, 5);
    assert_int_equal(rt_dataset_claim(ds, r->first_claim + 2)->status, RT_STATUS_DENIED);
    r = rt_dataset_relationship(ds, 1);
    assert_int_equal(r->status, RT_STATUS_CONFIRMED);
    assert_false(r->conflicting);
    assert_int_equal(rt_dataset_claim(ds, r->first_claim)->relationship, 1);
    r = rt_dataset_relationship(ds, 2);
    assert_int_equal(r->amount.unit, RT_AMOUNT_UNKNOWN);
    rt_dataset_free(ds);
}

static void test_load_relationship_status_is_strongest_claim(void **state)
{
    rt_dataset *ds =
        expect_success(ENTITIES, REL_HEADER "Microsoft,OpenAI,equity,100B,superseded,,,,,,\n"
                                            "Microsoft,OpenAI,equity,13B,rumored,,,,,,\n"
                                            "Microsoft,OpenAI,equity,,,,,,,,\n");
    const rt_relationship *r = rt_dataset_relationship(ds, 0);
    (void)state;
    /* An empty status means reported, which is stronger than rumored. */
    assert_int_equal(r->status, RT_STATUS_REPORTED);
    /* The superseded $100B carries no money: the amount is the $13B alone. */
    assert_int_equal(r->amount.low, INT64_C(13000000000));
    assert_int_equal(r->amount.high, INT64_C(13000000000));
    assert_false(r->conflicting);
    rt_dataset_free(ds);
}

static void test_load_keeps_other_units_out_of_usd(void **state)
{
    rt_dataset *ds =
        expect_success(ENTITIES, REL_HEADER "OpenAI,AWS,chips,6 GW,,,,,,d,\n"
                                            "Amazon,OpenAI,equity,160M shares,,,,,,d,\n");
    const rt_relationship *r = rt_dataset_relationship(ds, 0);
    (void)state;
    assert_int_equal(r->amount.unit, RT_AMOUNT_OTHER);
    assert_string_equal(r->amount.text, "6 GW");
    assert_int_equal(rt_dataset_relationship(ds, 1)->amount.unit, RT_AMOUNT_OTHER);
    rt_dataset_free(ds);
}

/* Claims of many relationships interleaved: each relationship's claims come
 * out contiguous and in file order (the sort moves claims in place). */
static void test_load_orders_interleaved_claims_in_file_order(void **state)
{
    static const char *const pairs[] = {"a,b", "b,c", "c,a", "a,c"};
    char rels[4096];
    size_t len, per[4] = {0};
    rt_dataset *ds;
    (void)state;

    len = (size_t)snprintf(rels, sizeof(rels), "from,to,kind,note\n");
    /* Row i (line i + 2) goes to pair (i * i + i / 3) % 4: 0 1 0 2 1 2 2 3
     * 2 0 3 ..., no run the sort could rely on. */
    for (int i = 0; i < 40; i++) {
        int r = (i * i + i / 3) % 4;
        len += (size_t)snprintf(rels + len, sizeof(rels) - len, "%s,equity,row %d\n", pairs[r], i);
    }
    ds = expect_success(NULL, rels);
    assert_int_equal(rt_dataset_claim_count(ds), 40);
    assert_int_equal(rt_dataset_relationship_count(ds), 4);
    for (size_t r = 0; r < 4; r++) {
        const rt_relationship *rel = rt_dataset_relationship(ds, r);
        int last = 0;
        for (size_t k = 0; k < rel->claim_count; k++) {
            const rt_claim *c = rt_dataset_claim(ds, rel->first_claim + k);
            char want[32];
            assert_int_equal(c->relationship, r);
            assert_true(c->line > last);
            last = c->line;
            snprintf(want, sizeof(want), "row %d", c->line - 2);
            assert_string_equal(c->note, want);
        }
        if (r > 0)
            assert_int_equal(rel->first_claim, rt_dataset_relationship(ds, r - 1)->first_claim +
                                                   rt_dataset_relationship(ds, r - 1)->claim_count);
        per[r] = rel->claim_count;
    }
    assert_int_equal(per[0] + per[1] + per[2] + per[3], 40);
    /* Lower-case names are their own keys; the names still resolve. */
    assert_int_equal(rt_dataset_find(ds, "A"), 0);
    assert_int_equal(rt_dataset_find(ds, "c"), 2);
    rt_dataset_free(ds);
}

static void test_load_bare_relationships_imply_entities(void **state)
{
    rt_dataset *ds = expect_success(NULL, "from,to,kind\n"
                                          "Amazon,Anthropic,equity\n"
                                          "anthropic,AWS,compute\n"
                                          "Caf\xc3\xa9 AI,Amazon,services\n");
    (void)state;
    assert_int_equal(rt_dataset_entity_count(ds), 4);
    assert_null(rt_dataset_entities_file(ds));
    /* The first spelling names the entity; later spellings find it. */
    assert_string_equal(rt_dataset_entity(ds, 1)->name, "Anthropic");
    assert_int_equal(rt_dataset_entity(ds, 1)->kinds, 0);
    assert_int_equal(rt_dataset_entity(ds, 1)->line, 0);
    assert_int_equal(rt_dataset_relationship(ds, 1)->from, 1);
    assert_int_equal(rt_dataset_entity(ds, 3)->root, 3);
    assert_string_equal(rt_dataset_entity(ds, 3)->name, "Caf\xc3\xa9 AI");
    rt_dataset_free(ds);
}

static void test_load_accepts_spreadsheet_export(void **state)
{
    /* BOM, CRLF, semicolons, quoted fields with the delimiter, quotes and a newline. */
    rt_dataset *ds =
        expect_success("\xef\xbb\xbfname;kind;note\r\nAmazon;investor;\"Seattle; WA\"\r\n"
                       "Anthropic;lab;\"say \"\"Claude\"\"\r\ntwo lines\"\r\n",
                       "\xef\xbb\xbf"
                       "from;to;kind;amount\r\nAmazon;Anthropic;equity;\"8,000,000,000\"\r\n");
    (void)state;
    assert_string_equal(rt_dataset_entity(ds, 0)->note, "Seattle; WA");
    assert_string_equal(rt_dataset_entity(ds, 1)->note, "say \"Claude\"\r\ntwo lines");
    assert_int_equal(rt_dataset_claim(ds, 0)->amount.low, INT64_C(8000000000));
    rt_dataset_free(ds);
}

static void test_load_reports_structural_errors_with_lines(void **state)
{
    rt_diags *d = expect_failure(REL_HEADER "Amazon,Anthropic,equity,8B,,,,,,,\n"
                                            "Amazon,Anthropic,equity,8B\n"
                                            "Amazon,\"Anthropic,equity,8B,,,,,,,\n");
    (void)state;
    assert_diag(d, 3, 5, "expected 11 fields like the header, found 4");
    assert_diag(d, 4, 2, "unterminated quoted field");
    rt_diags_free(d);
}

static void test_load_reports_encoding_errors(void **state)
{
    rt_diags *d = expect_failure(REL_HEADER "Amazon,Anthropic,equity,8B,,,,Soci\xe9t\xe9,,,\n");
    (void)state;
    assert_diag(d, 2, 8, "invalid UTF-8");
    rt_diags_free(d);
}

static void test_load_reports_empty_files(void **state)
{
    rt_dataset *ds = NULL;
    rt_diags *d = NULL;
    (void)state;
    assert_int_equal(load_strings(&ds, &d, "", ""), RT_EDATA);
    assert_non_null(find_diag(d, 1, 1, "empty file"));
    assert_string_equal(rt_diags_get(d, 0)->file, "entities.csv");
    assert_string_equal(rt_diags_get(d, 1)->file, "relationships.csv");
    rt_diags_free(d);
}

static void test_load_warns_about_a_header_without_rows(void **state)
{
    rt_dataset *ds = NULL;
    rt_diags *d = NULL;
    const rt_diag *w;
    (void)state;
    assert_int_equal(load_strings(&ds, &d, ENTITIES, REL_HEADER), 0);
    assert_int_equal(rt_dataset_relationship_count(ds), 0);
    assert_int_equal(rt_diags_count(d), 1);
    w = rt_diags_get(d, 0);
    assert_int_equal(w->severity, RT_SEVERITY_WARNING);
    assert_string_equal(w->file, "relationships.csv");
    assert_string_equal(w->msg, "no relationships in the file");
    rt_dataset_free(ds);
    rt_diags_free(d);
}

static void test_load_from_directory_and_missing_paths(void **state)
{
    rt_dataset *ds = NULL;
    rt_diags *d = NULL;
    (void)state;
    assert_int_equal(rt_diags_new(&d), 0);
    assert_int_equal(rt_dataset_load(&ds, test_data("no-such-dataset"), d), RT_ENOTFOUND);
    assert_null(ds);
    assert_non_null(find_diag(d, 0, 0, "no such dataset"));
    rt_diags_free(d);

    /* A directory missing relationships.csv is missing input, not bad data. */
    assert_int_equal(rt_diags_new(&d), 0);
    assert_int_equal(rt_dataset_load(&ds, test_data("only-entities"), d), RT_ENOTFOUND);
    assert_non_null(find_diag(d, 0, 0, "no such file (a dataset directory holds"));
    assert_non_null(strstr(rt_diags_get(d, 0)->file, "only-entities/relationships.csv"));
    rt_diags_free(d);

    assert_int_equal(rt_diags_new(&d), 0);
    assert_int_equal(rt_dataset_load(&ds, test_data("tiny"), d), 0);
    assert_int_equal(rt_dataset_entity_count(ds), 3);
    assert_non_null(strstr(rt_dataset_relationships_file(ds), "tiny/relationships.csv"));
    rt_dataset_free(ds);
    rt_diags_free(d);

    /* A bare relationships file. */
    assert_int_equal(rt_diags_new(&d), 0);
    assert_int_equal(rt_dataset_load(&ds, test_data("tiny/relationships.csv"), d), 0);
    assert_int_equal(rt_dataset_entity_count(ds), 3);
    assert_null(rt_dataset_entities_file(ds));
    rt_dataset_free(ds);
    rt_diags_free(d);
}

/* A pipe has no size to read ahead of time: its buffer grows as it reads.
 * 20,000 rows (over 300 KB) take it through several rounds of growth. */
static void test_load_reads_a_pipe_of_unknown_size(void **state)
{
    char dir[] = "/tmp/rt-test-fifo-XXXXXX", path[64];
    rt_dataset *ds = NULL;
    rt_diags *d = NULL;
    int status;
    pid_t pid;
    (void)state;

    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/relationships.csv", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        FILE *f = fopen(path, "w");
        if (!f)
            _exit(1);
        fputs("from,to,kind,note\n", f);
        for (int i = 0; i < 20000; i++)
            fprintf(f, "Entity %d,Entity %d,equity,row %d of a long pipe\n", i, i + 1, i);
        _exit(fclose(f) == 0 ? 0 : 1);
    }
    assert_int_equal(rt_diags_new(&d), 0);
    assert_int_equal(rt_dataset_load(&ds, path, d), 0);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(rt_dataset_claim_count(ds), 20000);
    assert_int_equal(rt_dataset_entity_count(ds), 20001);
    assert_string_equal(rt_dataset_claim(ds, 19999)->note, "row 19999 of a long pipe");
    assert_int_equal(rt_dataset_claim(ds, 19999)->line, 20001);
    rt_dataset_free(ds);
    rt_diags_free(d);
    unlink(path);
    rmdir(dir);
}

/* What a load that ran without RT_ENOMEM must have given (n: the
 * allocation that was made to fail). */
typedef void (*load_check_fn)(long n, int rc, const rt_dataset *ds, const rt_diags *d);

/*
 * Load the dataset at path (or without a path, the sources es and rs) with
 * its 1st, 2nd, ... allocation failing, until one runs with no failure.
 * Each run must end in RT_ENOMEM with no dataset, or (where the failed
 * allocation was retried, as libcsv does with a smaller buffer) pass
 * check(). Returns the runs that ended in RT_ENOMEM. Leaks are checked by
 * the sanitizer build.
 */
static long fail_each_allocation(const char *path, const rt_source *es, const rt_source *rs,
                                 load_check_fn check)
{
    long enomem = 0;

    for (long n = 1; n < 100000; n++) {
        rt_dataset *ds = NULL;
        rt_diags *d;
        bool failed;
        int rc;

        if (rt_diags_new(&d) != 0)
            fail_msg("cannot allocate diagnostics");
        rt__alloc_fail_after(n);
        rc = path ? rt_dataset_load(&ds, path, d) : rt_dataset_load_sources(&ds, es, rs, d);
        rt__alloc_fail_after(0);
        failed = rt__alloc_failed();
        if (rc == RT_ENOMEM) {
            assert_true(failed);
            assert_null(ds);
            enomem++;
        } else {
            check(n, rc, ds, d);
        }
        rt_dataset_free(ds);
        rt_diags_free(d);
        if (!failed)
            break;
    }
    return enomem;
}

/* The one data error, reported exactly as without failures. */
static void one_data_error(long n, int rc, const rt_dataset *ds, const rt_diags *d)
{
    if (rc != RT_EDATA)
        fail_msg("allocation %ld failed and the load returned %d", n, rc);
    assert_null(ds);
    assert_int_equal(rt_diags_error_count(d), 1);
    assert_non_null(find_diag(d, 5, 2, "did you mean 'Anthropic'?"));
}

static void test_load_survives_every_allocation_failure(void **state)
{
    const char *rels = REL_HEADER "Amazon,OpenAI,equity,10B,talks,2025-12,,Financial Times,,a,\n"
                                  "OpenAI,AWS,compute,38B,confirmed,2025-11,2032,Amazon,,,\n"
                                  "Amazon,OpenAI,equity,50B,talks,2026-01,,WSJ,,a,\n"
                                  "Amazon,Antropic,equity,1B,talks,2026-01,,WSJ,,a,\n";
    rt_source es = {"entities.csv", ENTITIES, strlen(ENTITIES)};
    rt_source rs = {"relationships.csv", rels, strlen(rels)};
    (void)state;
    /* Many failures: the hook really ran through the loader. */
    assert_true(fail_each_allocation(NULL, &es, &rs, one_data_error) > 20);
}

static void tiny_loaded(long n, int rc, const rt_dataset *ds, const rt_diags *d)
{
    (void)n;
    (void)d;
    assert_int_equal(rc, 0);
    assert_int_equal(rt_dataset_entity_count(ds), 3);
}

/* From disk: reading a dataset directory fails cleanly at every allocation,
 * the file buffers (of a regular file's size) included. */
static void test_load_from_disk_survives_every_allocation_failure(void **state)
{
    (void)state;
    assert_true(fail_each_allocation(test_data("tiny"), NULL, NULL, tiny_loaded) > 5);
}

static void bare_file_loaded(long n, int rc, const rt_dataset *ds, const rt_diags *d)
{
    (void)n;
    (void)d;
    assert_int_equal(rc, 0);
    assert_int_equal(rt_dataset_entity_count(ds), 3);
    assert_int_equal(rt_dataset_relationship_count(ds), 3);
    assert_string_equal(rt_dataset_claim(ds, 1)->note, "three");
    assert_string_equal(rt_dataset_entity(ds, 1)->name, "anthropic");
}

/* The same for a bare file, whose names become entities as they come, and
 * whose claims come in no order of relationship. */
static void test_load_bare_file_survives_every_allocation_failure(void **state)
{
    const char *rels = "from,to,kind,note\n"
                       "Amazon,anthropic,equity,one\n"
                       "anthropic,AWS,compute,two\n"
                       "AMAZON,Anthropic,equity,three\n"
                       "aws,amazon,services,\n";
    rt_source rs = {"relationships.csv", rels, strlen(rels)};
    (void)state;
    assert_true(fail_each_allocation(NULL, NULL, &rs, bare_file_loaded) > 5);
}

static void test_load_bad_header_row_does_not_shift_the_columns(void **state)
{
    rt_dataset *ds = NULL;
    rt_diags *d = NULL;
    (void)state;
    assert_int_equal(load_strings(&ds, &d, ENTITIES, "fr\"om,to,kind\nAmazon,Anthropic,equity\n"),
                     RT_EDATA);
    assert_diag(d, 1, 1, "unexpected '\"'");
    assert_diag(d, 1, 1, "header row");
    /* The data row must not be taken for the header. */
    assert_null(find_diag(d, 0, 0, "missing required column"));
    assert_null(find_diag(d, 0, 0, "ignoring unknown"));
    rt_diags_free(d);
}

static void test_load_broken_entities_header_does_not_flood(void **state)
{
    rt_dataset *ds = NULL;
    rt_diags *d = NULL;
    (void)state;
    assert_int_equal(load_strings(&ds, &d, "nam,kind\nAmazon,investor\n",
                                  REL_HEADER "Amazon,Anthropic,equity,8B,,,,,,,\n"
                                             "Amazon,Anthropic,equitty,8B,,,,,,,\n"),
                     RT_EDATA);
    assert_diag(d, 1, 1, "missing required column 'name'");
    assert_null(find_diag(d, 0, 0, "unknown entity"));
    /* The other columns of relationships.csv are still checked. */
    assert_diag(d, 3, 3, "unknown kind 'equitty'");
    rt_diags_free(d);

    /* Rows that cannot be checked are still rows: no "no relationships". */
    assert_int_equal(load_strings(&ds, &d, "nam,kind\nAmazon,investor\n",
                                  REL_HEADER "Amazon,Anthropic,equity,8B,,,,,,,\n"),
                     RT_EDATA);
    assert_diag(d, 1, 1, "missing required column 'name'");
    assert_null(find_diag(d, 0, 0, "no relationships"));
    rt_diags_free(d);
}

static void test_load_checks_rows_when_a_required_column_is_missing(void **state)
{
    rt_dataset *ds = NULL;
    rt_diags *d = NULL;
    (void)state;
    assert_int_equal(load_strings(&ds, &d, ENTITIES, "from,to,kin,amount\nAmazon,C,equity,-1B\n"),
                     RT_EDATA);
    assert_diag(d, 1, 1, "missing required column 'kind'");
    assert_diag(d, 2, 2, "unknown entity 'C'");
    assert_diag(d, 2, 4, "negative amount");
    rt_diags_free(d);
}

static void test_load_messages_escape_line_breaks_in_input(void **state)
{
    rt_diags *d = expect_failure(REL_HEADER "Amazon,\"Open\nAI\",equity,,,,,,,,\n");
    (void)state;
    assert_diag(d, 2, 2, "unknown entity 'Open\\nAI'");
    for (size_t i = 0; i < rt_diags_count(d); i++)
        assert_null(strchr(rt_diags_get(d, i)->msg, '\n'));
    rt_diags_free(d);
}

static void test_load_messages_show_invisible_characters(void **state)
{
    /* A byte order mark left mid-file by joining two exports, a
     * non-breaking space, a zero-width space: each is named. */
    rt_diags *d = expect_failure(REL_HEADER "\xef\xbb\xbf"
                                            "Amazon,Anthropic,equity,,,,,,,,\n"
                                            "Amazon,Anthr\xc2\xa0opic,equity,,,,,,,,\n"
                                            "Amazon,Anthropic\xe2\x80\x8b,equity,,,,,,,,\n");
    (void)state;
    assert_diag(d, 2, 1, "unknown entity '\\u{feff}Amazon' (did you mean 'Amazon'?)");
    assert_diag(d, 3, 2, "unknown entity 'Anthr\\u{00a0}opic' (did you mean 'Anthropic'?)");
    assert_diag(d, 4, 2, "unknown entity 'Anthropic\\u{200b}' (did you mean 'Anthropic'?)");
    rt_diags_free(d);
}

static void test_load_messages_shorten_long_input(void **state)
{
    char rels[2048], name[400];
    rt_diags *d;
    (void)state;
    memset(name, 'A', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    snprintf(rels, sizeof(rels), REL_HEADER "%s,Anthropic,equity,,,%s,,,,,\n", name, name);
    d = expect_failure(rels);
    assert_diag(d, 2, 1, "\xe2\x80\xa6'");
    assert_diag(d, 2, 6, "(write YYYY, YYYY-MM or YYYY-MM-DD)"); /* the reason survives */
    for (size_t i = 0; i < rt_diags_count(d); i++)
        assert_true(strlen(rt_diags_get(d, i)->msg) < 200);
    rt_diags_free(d);
}

static void test_load_end_date_of_coarser_precision_covers_its_period(void **state)
{
    rt_dataset *ds =
        expect_success(ENTITIES, REL_HEADER "OpenAI,AWS,compute,,,2025-09,2025,,,,\n"
                                            "OpenAI,AWS,compute,,,2025-09-30,2025-09,,,,\n");
    rt_diags *d;
    (void)state;
    rt_dataset_free(ds);
    d = expect_failure(REL_HEADER "OpenAI,AWS,compute,,,2025-09,2025-08-31,,,,\n");
    assert_diag(d, 2, 7, "end_date 2025-08-31 is before date 2025-09");
    rt_diags_free(d);
}

static void test_load_stores_a_repeated_alias_once(void **state)
{
    rt_dataset *ds = expect_success("name,aliases\nAmazon,AMZN;amzn;Amazon;Amazon.com\nOpenAI,\n",
                                    "from,to,kind\nAMZN,OpenAI,equity\n");
    const rt_entity *e = rt_dataset_entity(ds, 0);
    (void)state;
    assert_int_equal(e->alias_count, 2);
    assert_string_equal(e->aliases[0], "AMZN");
    assert_string_equal(e->aliases[1], "Amazon.com");
    rt_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_reports_unknown_kind_with_suggestion),
        cmocka_unit_test(test_load_reports_every_problem_not_only_the_first),
        cmocka_unit_test(test_load_reports_bad_amounts_at_their_column),
        cmocka_unit_test(test_load_reports_bad_and_reversed_dates),
        cmocka_unit_test(test_load_reports_empty_names_and_self_payment),
        cmocka_unit_test(test_load_reports_missing_required_column),
        cmocka_unit_test(test_load_warns_once_about_unknown_columns),
        cmocka_unit_test(test_load_matches_columns_by_name_in_any_order),
        cmocka_unit_test(test_load_resolves_parents_to_ultimate_parent),
        cmocka_unit_test(test_load_resolves_parent_defined_later_in_the_file),
        cmocka_unit_test(test_load_finds_entities_by_alias_and_any_case),
        cmocka_unit_test(test_load_reports_entity_errors),
        cmocka_unit_test(test_load_reports_parent_chain_that_loops),
        cmocka_unit_test(test_load_groups_claims_into_relationships),
        cmocka_unit_test(test_load_relationship_status_is_strongest_claim),
        cmocka_unit_test(test_load_keeps_other_units_out_of_usd),
        cmocka_unit_test(test_load_orders_interleaved_claims_in_file_order),
        cmocka_unit_test(test_load_bare_relationships_imply_entities),
        cmocka_unit_test(test_load_accepts_spreadsheet_export),
        cmocka_unit_test(test_load_reports_structural_errors_with_lines),
        cmocka_unit_test(test_load_reports_encoding_errors),
        cmocka_unit_test(test_load_reports_empty_files),
        cmocka_unit_test(test_load_warns_about_a_header_without_rows),
        cmocka_unit_test(test_load_from_directory_and_missing_paths),
        cmocka_unit_test(test_load_reads_a_pipe_of_unknown_size),
        cmocka_unit_test(test_load_survives_every_allocation_failure),
        cmocka_unit_test(test_load_bare_file_survives_every_allocation_failure),
        cmocka_unit_test(test_load_from_disk_survives_every_allocation_failure),
        cmocka_unit_test(test_load_bad_header_row_does_not_shift_the_columns),
        cmocka_unit_test(test_load_broken_entities_header_does_not_flood),
        cmocka_unit_test(test_load_checks_rows_when_a_required_column_is_missing),
        cmocka_unit_test(test_load_messages_escape_line_breaks_in_input),
        cmocka_unit_test(test_load_messages_show_invisible_characters),
        cmocka_unit_test(test_load_messages_shorten_long_input),
        cmocka_unit_test(test_load_end_date_of_coarser_precision_covers_its_period),
        cmocka_unit_test(test_load_stores_a_repeated_alias_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
