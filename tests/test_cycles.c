/* Cycle search: closed forms on complete digraphs, small graphs by hand, bounds, truncation. */
#include "helpers.h"

#include "analysis/analysis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The cap the bounded search gives its probes in the tests below that set
 * it (rt_bounded__set_probes(); SIZE_MAX: its own). */
static size_t probes = SIZE_MAX;

/* A graph from "A>B,B>C,..." arcs (each an equity relationship), bare file. */
static rt_graph *graph_of(rt_dataset **ds, const char *arcs, bool consolidate)
{
    char rels[65536] = "from,to,kind\n";
    size_t n = strlen(rels);
    const char *p = arcs;
    rt_diags *d;
    rt_graph *g;
    rt_graph_options opts = RT_GRAPH_OPTIONS_INIT;

    while (*p) {
        const char *gt = strchr(p, '>'), *comma = strchr(p, ',');
        size_t end = comma ? (size_t)(comma - p) : strlen(p);
        n += (size_t)snprintf(rels + n, sizeof(rels) - n, "%.*s,%.*s,equity\n", (int)(gt - p), p,
                              (int)(end - (size_t)(gt - p) - 1), gt + 1);
        p += end + (comma ? 1 : 0);
    }
    if (load_strings(ds, &d, NULL, rels) != 0) {
        dump_diags(d);
        fail_msg("cannot load %s", arcs);
    }
    rt_diags_free(d);
    opts.consolidate = consolidate;
    assert_int_equal(rt_graph_build(&g, *ds, &opts, NULL), 0);
    return g;
}

/* K_n on vertices V1..Vn: every ordered pair. */
static rt_graph *complete(rt_dataset **ds, int n)
{
    char arcs[8192] = "";
    size_t len = 0;
    for (int i = 1; i <= n; i++)
        for (int j = 1; j <= n; j++)
            if (i != j)
                len += (size_t)snprintf(arcs + len, sizeof(arcs) - len, "%sV%d>V%d", len ? "," : "",
                                        i, j);
    return graph_of(ds, arcs, true);
}

typedef struct recorder {
    const rt_graph *g;
    char text[65536];
    size_t count;
    int stop_after;
} recorder;

static int record(const size_t *v, const size_t *arcs, size_t len, void *payload)
{
    recorder *r = payload;
    size_t n = strlen(r->text);
    /* The arcs given are the cycle's: arcs[i] runs from v[i] to v[i + 1]. */
    for (size_t i = 0; i < len; i++)
        if (arcs[i] != rt_graph_find_arc(r->g, v[i], v[(i + 1) % len]))
            fail_msg("arc %zu of a cycle is not the arc between its vertices", i);
    for (size_t i = 0; i < len && n < sizeof(r->text) - 16; i++)
        n += (size_t)snprintf(r->text + n, sizeof(r->text) - n, "%s%zu", i ? "-" : "", v[i]);
    if (n < sizeof(r->text) - 2)
        strcat(r->text, ";");
    r->count++;
    return r->stop_after && (int)r->count == r->stop_after ? 1 : 0;
}

static size_t count_cycles(const rt_graph *g, size_t max_len, size_t max_cycles, bool *truncated)
{
    rt_cycle_options o = RT_CYCLE_OPTIONS_INIT;
    rt_cycle_stats st;
    recorder r;
    memset(&r, 0, sizeof(r));
    r.g = g;
    o.max_len = max_len;
    o.max_cycles = max_cycles;
    assert_int_equal(rt_cycles_find(&st, g, &o, record, &r), 0);
    assert_int_equal(st.found, r.count);
    if (truncated)
        *truncated = st.truncated;
    return r.count;
}

/* sum over k = 2..min(L, n) of C(n, k) (k - 1)! */
static size_t closed_form(int n, int bound)
{
    size_t total = 0;
    for (int k = 2; k <= n && k <= bound; k++) {
        size_t c = 1, f = 1;
        for (int i = 0; i < k; i++)
            c = c * (size_t)(n - i) / (size_t)(i + 1);
        for (int i = 2; i < k; i++)
            f *= (size_t)i;
        total += c * f;
    }
    return total;
}

static void test_cycles_complete_digraphs_match_closed_form(void **state)
{
    (void)state;
    for (int n = 2; n <= 7; n++) {
        rt_dataset *ds;
        rt_graph *g = complete(&ds, n);
        for (int bound = 2; bound <= n; bound++)
            if (count_cycles(g, (size_t)bound, 0, NULL) != closed_form(n, bound))
                fail_msg("K_%d with max_len %d: expected %zu cycles", n, bound,
                         closed_form(n, bound));
        /* Unbounded: Johnson's algorithm. */
        assert_int_equal(count_cycles(g, 0, 0, NULL), closed_form(n, n));
        rt_graph_free(g);
        rt_dataset_free(ds);
    }
    assert_int_equal(closed_form(7, 7), 2365); /* the hand count of the formula */
}

static void test_cycles_bounded_and_johnson_agree_in_order(void **state)
{
    rt_dataset *ds;
    rt_graph *g = complete(&ds, 6);
    rt_cycle_options o = RT_CYCLE_OPTIONS_INIT;
    rt_cycle_stats st;
    recorder a, b;
    (void)state;
    memset(&a, 0, sizeof(a));
    memset(&b, 0, sizeof(b));
    a.g = b.g = g;
    o.max_len = 6;
    assert_int_equal(rt_cycles_find(&st, g, &o, record, &a), 0);
    o.max_len = 0;
    assert_int_equal(rt_cycles_find(&st, g, &o, record, &b), 0);
    assert_string_equal(a.text, b.text);
    rt_graph_free(g);
    rt_dataset_free(ds);
}

static void test_cycles_of_small_graphs_by_hand(void **state)
{
    rt_dataset *ds;
    rt_graph *g;
    recorder r;
    rt_cycle_stats st;
    rt_cycle_options o = RT_CYCLE_OPTIONS_INIT;
    (void)state;
    o.max_len = 6; /* the five-cycle below is past the default bound of 4 */

    /* A triangle A>B>C>A: one cycle, from its smallest vertex (A = 0). */
    g = graph_of(&ds, "A>B,B>C,C>A", true);
    memset(&r, 0, sizeof(r));
    r.g = g;
    assert_int_equal(rt_cycles_find(&st, g, &o, record, &r), 0);
    assert_string_equal(r.text, "0-1-2;");
    rt_graph_free(g);
    rt_dataset_free(ds);

    /* Two 2-cycles sharing B, and a tail D that is in no cycle. */
    g = graph_of(&ds, "A>B,B>A,B>C,C>B,C>D", true);
    memset(&r, 0, sizeof(r));
    r.g = g;
    assert_int_equal(rt_cycles_find(&st, g, &o, record, &r), 0);
    assert_string_equal(r.text, "0-1;1-2;");
    assert_int_equal(rt_graph_group_count(g), 1);
    rt_graph_free(g);
    rt_dataset_free(ds);

    /* Parallel relationships are one arc: equity and compute A>B still
     * make one cycle with B>A, not two. */
    {
        rt_diags *d;
        assert_int_equal(
            load_strings(&ds, &d, NULL, "from,to,kind\nA,B,equity\nA,B,compute\nB,A,chips\n"), 0);
        rt_diags_free(d);
        assert_int_equal(rt_graph_build(&g, ds, NULL, NULL), 0);
        assert_int_equal(rt_graph_arc_count(g), 2);
        assert_int_equal(count_cycles(g, 6, 0, NULL), 1);
        rt_graph_free(g);
        rt_dataset_free(ds);
    }

    /* Two triangles joined at A and a chord: A>B>C>A, A>D>E>A, C>D. */
    g = graph_of(&ds, "A>B,B>C,C>A,A>D,D>E,E>A,C>D", true);
    memset(&r, 0, sizeof(r));
    r.g = g;
    assert_int_equal(rt_cycles_find(&st, g, &o, record, &r), 0);
    /* A=0 B=1 C=2 D=3 E=4: A-B-C, A-B-C-D-E, A-D-E */
    assert_string_equal(r.text, "0-1-2;0-1-2-3-4;0-3-4;");
    assert_int_equal(count_cycles(g, 3, 0, NULL), 2);
    assert_int_equal(count_cycles(g, 4, 0, NULL), 2);
    assert_int_equal(count_cycles(g, 5, 0, NULL), 3);
    rt_graph_free(g);
    rt_dataset_free(ds);
}

static void test_cycles_truncate_at_max_cycles(void **state)
{
    rt_dataset *ds;
    rt_graph *g = complete(&ds, 5);
    bool truncated;
    (void)state;
    assert_int_equal(count_cycles(g, 0, 10, &truncated), 10);
    assert_true(truncated);
    assert_int_equal(count_cycles(g, 5, 84, &truncated), 84); /* exactly all of them */
    assert_false(truncated);
    assert_int_equal(count_cycles(g, 5, 83, &truncated), 83);
    assert_true(truncated);
    rt_graph_free(g);
    rt_dataset_free(ds);
}

static void test_cycles_callback_can_stop_the_search(void **state)
{
    rt_dataset *ds;
    rt_graph *g = complete(&ds, 5);
    rt_cycle_options o = RT_CYCLE_OPTIONS_INIT;
    rt_cycle_stats st;
    recorder r;
    (void)state;
    memset(&r, 0, sizeof(r));
    r.g = g;
    r.stop_after = 3;
    assert_int_equal(rt_cycles_find(&st, g, &o, record, &r), 0);
    assert_int_equal(r.count, 3);
    assert_false(st.truncated);
    rt_graph_free(g);
    rt_dataset_free(ds);
}

static void test_cycles_consolidation_creates_a_loop(void **state)
{
    rt_dataset *ds;
    rt_diags *d;
    rt_graph *g;
    rt_graph_options opts = RT_GRAPH_OPTIONS_INIT;
    (void)state;
    assert_int_equal(load_strings(&ds, &d,
                                  "name,kind,parent\nAmazon,investor,\nAWS,cloud,Amazon\n"
                                  "Anthropic,lab,\n",
                                  "from,to,kind\nAmazon,Anthropic,equity\nAnthropic,AWS,compute\n"
                                  "AWS,Amazon,services\n"),
                     0);
    rt_diags_free(d);
    /* Consolidated: Amazon -> Anthropic -> Amazon; AWS -> Amazon is internal. */
    assert_int_equal(rt_graph_build(&g, ds, &opts, NULL), 0);
    assert_int_equal(rt_graph_vertex_count(g), 2);
    assert_int_equal(count_cycles(g, 6, 0, NULL), 1);
    {
        size_t n;
        const size_t *internal = rt_graph_internal(g, &n);
        assert_int_equal(n, 1);
        assert_int_equal(rt_dataset_relationship(ds, internal[0])->kind, RT_REL_SERVICES);
    }
    rt_graph_free(g);
    /* As written: Amazon -> Anthropic -> AWS -> Amazon, a 3-cycle. */
    opts.consolidate = false;
    assert_int_equal(rt_graph_build(&g, ds, &opts, NULL), 0);
    assert_int_equal(rt_graph_vertex_count(g), 3);
    assert_int_equal(count_cycles(g, 6, 0, NULL), 1);
    assert_int_equal(count_cycles(g, 2, 0, NULL), 0);
    rt_graph_free(g);
    rt_dataset_free(ds);
}

/* A random digraph on V0..V{n-1} as "A>B,..." arcs: each ordered pair with
 * `percent` chance, from a linear congruential generator (the same every
 * run for the same seed). Returns the text's length (0: no arcs). */
static size_t random_arcs(char *arcs, size_t cap, int n, int percent, unsigned long *seed)
{
    size_t len = 0;
    arcs[0] = '\0';
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            *seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
            if (i != j && (int)((*seed >> 33) % 100) < percent)
                len += (size_t)snprintf(arcs + len, cap - len, "%sV%d>V%d", len ? "," : "", i, j);
        }
    return len;
}

/* Random digraphs (a fixed seed, so the same every run): Johnson's search and
 * the bounded search with a bound no cycle can reach are two independent
 * implementations and must emit the same cycles in the same order. */
static void test_cycles_two_searches_agree_on_random_graphs(void **state)
{
    unsigned long seed = 12345;
    (void)state;
    for (int round = 0; round < 40; round++) {
        char arcs[8192];
        int n = 4 + round % 7;
        size_t len = random_arcs(arcs, sizeof(arcs), n, 35, &seed);
        rt_dataset *ds;
        rt_graph *g;
        rt_cycle_options o = RT_CYCLE_OPTIONS_INIT;
        rt_cycle_stats st;
        recorder *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));

        assert_non_null(a);
        assert_non_null(b);
        if (len == 0) {
            free(a);
            free(b);
            continue;
        }
        g = graph_of(&ds, arcs, true);
        a->g = b->g = g;
        o.max_len = (size_t)n;
        assert_int_equal(rt_cycles_find(&st, g, &o, record, a), 0);
        o.max_len = 0;
        assert_int_equal(rt_cycles_find(&st, g, &o, record, b), 0);
        if (strcmp(a->text, b->text) != 0)
            fail_msg("searches disagree on %s", arcs);
        rt_graph_free(g);
        rt_dataset_free(ds);
        free(a);
        free(b);
    }
}

/* Keep cycles of even length: something to count besides all of them. */
static bool even(const size_t *v, const size_t *arcs, size_t len, const void *ctx)
{
    (void)v;
    (void)arcs;
    (void)ctx;
    return len % 2 == 0;
}

typedef struct tally {
    size_t cycles, even;
} tally;

static int tally_cycle(const size_t *v, const size_t *arcs, size_t len, void *payload)
{
    tally *t = payload;
    (void)v;
    (void)arcs;
    t->cycles++;
    t->even += len % 2 == 0;
    return 0;
}

/* Counting on threads gives, for any number of threads, the counts of the
 * one-thread search: all cycles, or the first max_cycles of them, and of
 * those the ones a predicate keeps; cut anywhere, even inside one start. */
static void test_cycles_counts_are_the_same_on_any_number_of_threads(void **state)
{
    unsigned long seed = 777;
    (void)state;
    for (int round = 0; round < 12; round++) {
        char arcs[8192];
        rt_dataset *ds;
        rt_graph *g;

        if (random_arcs(arcs, sizeof(arcs), 5 + round % 5, 45, &seed) == 0)
            continue;
        g = graph_of(&ds, arcs, true);
        for (size_t max_len = 0; max_len <= 3; max_len += 3) {
            rt_cycle_options o = RT_CYCLE_OPTIONS_INIT;
            rt_cycle_stats st;
            tally all = {0, 0};
            size_t cuts[6];
            o.max_len = max_len;
            o.max_cycles = 0;
            assert_int_equal(rt_cycles_find(&st, g, &o, tally_cycle, &all), 0);
            cuts[0] = 0, cuts[1] = 1, cuts[2] = 7, cuts[3] = all.cycles > 1 ? all.cycles - 1 : 1;
            cuts[4] = all.cycles, cuts[5] = all.cycles + 1;
            for (size_t c = 0; c < 6; c++) {
                tally want = {0, 0};
                o.max_cycles = cuts[c];
                assert_int_equal(rt_cycles_find(&st, g, &o, tally_cycle, &want), 0);
                for (size_t jobs = 1; jobs <= 4; jobs++) {
                    rt_cycle_count got;
                    assert_int_equal(
                        rt_cycles__count(&got, g, &o,
                                         &(rt_count_options){.jobs = jobs, .keep = even}),
                        0);
                    if (got.cycles != want.cycles || got.kept != want.even ||
                        got.truncated != st.truncated)
                        fail_msg("%s, max_len %zu, max_cycles %zu, %zu jobs: counted %zu (%zu "
                                 "even, truncated %d), not %zu (%zu, %d)",
                                 arcs, max_len, cuts[c], jobs, got.cycles, got.kept, got.truncated,
                                 want.cycles, want.even, st.truncated);
                }
            }
        }
        rt_graph_free(g);
        rt_dataset_free(ds);
    }
}

/* A ring of k diamonds: hub Hi branches to Ai and Bi, which both lead to
 * H(i+1 mod k). Its only cycles go once round the ring, choosing a branch
 * in each diamond: 2^k of them (for k >= 2; each diamond alone holds none). */
static rt_graph *diamond_ring(rt_dataset **ds, int k)
{
    char *arcs = malloc(65536);
    size_t len = 0;
    rt_graph *g;

    assert_non_null(arcs);
    for (int i = 0; i < k; i++)
        len += (size_t)snprintf(arcs + len, 65536 - len, "%sH%d>A%d,H%d>B%d,A%d>H%d,B%d>H%d",
                                i ? "," : "", i, i, i, i, i, (i + 1) % k, i, (i + 1) % k);
    g = graph_of(ds, arcs, true);
    free(arcs);
    return g;
}

static rt_cycle_count count_budget(const rt_graph *g, size_t max_cycles, size_t jobs,
                                   bool enumerate, size_t budget)
{
    rt_cycle_options o = RT_CYCLE_OPTIONS_INIT;
    rt_cycle_count got;
    o.max_len = 0;
    o.max_cycles = max_cycles;
    rt_count_options co = RT_COUNT_OPTIONS_INIT;
    co.jobs = jobs;
    co.enumerate = enumerate;
    co.contract_budget = budget;
    assert_int_equal(rt_cycles__count(&got, g, &o, &co), 0);
    return got;
}

static rt_cycle_count count_all(const rt_graph *g, size_t max_cycles, size_t jobs)
{
    return count_budget(g, max_cycles, jobs, false, 0);
}

/* Counting by visiting every cycle, never on the contracted graph. */
static rt_cycle_count count_visiting(const rt_graph *g, size_t max_cycles, size_t jobs)
{
    return count_budget(g, max_cycles, jobs, true, 0);
}

/* Counting every cycle contracts the graph: 2^40 cycles, far too many to
 * visit, are counted exactly; a limit still cuts the count; a count past
 * the largest size_t is the largest, marked as cut. */
static void test_cycles_count_of_a_diamond_ring_is_two_to_the_k(void **state)
{
    rt_dataset *ds;
    rt_graph *g;
    rt_cycle_count got;
    (void)state;

    g = diamond_ring(&ds, 40);
    for (size_t jobs = 1; jobs <= 3; jobs++) {
        got = count_all(g, 0, jobs);
        assert_true(got.cycles == (size_t)1 << 40);
        assert_true(got.kept == got.cycles);
        assert_false(got.truncated);
        assert_true(got.contracted);
    }
    got = count_all(g, 1000, 2);
    assert_int_equal(got.cycles, 1000);
    assert_true(got.truncated);
    got = count_all(g, ((size_t)1 << 40) + 1, 2);
    assert_true(got.cycles == (size_t)1 << 40);
    assert_false(got.truncated);
    rt_graph_free(g);
    rt_dataset_free(ds);

    g = diamond_ring(&ds, 70);
    got = count_all(g, 0, 2);
    assert_true(got.cycles == SIZE_MAX);
    assert_true(got.truncated);
    /* Past the largest limit too. */
    got = count_all(g, SIZE_MAX, 2);
    assert_true(got.cycles == SIZE_MAX);
    assert_true(got.truncated);
    rt_graph_free(g);
    rt_dataset_free(ds);

    /* Visiting every cycle agrees where it can finish. */
    g = diamond_ring(&ds, 12);
    got = count_visiting(g, 0, 2);
    assert_int_equal(got.cycles, 4096);
    assert_false(got.contracted);
    got = count_all(g, 0, 2);
    assert_int_equal(got.cycles, 4096);
    assert_true(got.contracted);
    rt_graph_free(g);
    rt_dataset_free(ds);
}

/* On random digraphs, sparse ones (mostly chains, which contract) and
 * denser ones, the contracted count equals the cycles rt_cycles_find()
 * reports, on any number of threads, cut anywhere. */
static void test_cycles_contracted_count_equals_the_cycles_found(void **state)
{
    unsigned long seed = 4242;
    (void)state;
    for (int round = 0; round < 60; round++) {
        char arcs[32768];
        /* Dense rounds on few vertices, sparse ones (1.2 to 2.4 arcs per
         * vertex) on up to 24. */
        int n = round % 3 == 2 ? 5 + round % 5 : 6 + round % 19;
        int percent = round % 3 == 2 ? 35 : 100 * (12 + round % 13) / 10 / n;
        rt_dataset *ds;
        rt_graph *g;
        rt_cycle_options o = RT_CYCLE_OPTIONS_INIT;
        rt_cycle_stats st;
        tally all = {0, 0};

        if (random_arcs(arcs, sizeof(arcs), n, percent < 1 ? 1 : percent, &seed) == 0)
            continue;
        g = graph_of(&ds, arcs, true);
        o.max_len = 0;
        o.max_cycles = 0;
        assert_int_equal(rt_cycles_find(&st, g, &o, tally_cycle, &all), 0);
        for (size_t jobs = 1; jobs <= 3; jobs++) {
            size_t cuts[] = {0, 1, all.cycles / 2 + 1, all.cycles, all.cycles + 1};
            for (size_t c = 0; c < sizeof(cuts) / sizeof(cuts[0]); c++) {
                rt_cycle_count got = count_all(g, cuts[c], jobs);
                size_t want = cuts[c] && cuts[c] < all.cycles ? cuts[c] : all.cycles;
                if (got.cycles != want || got.kept != want ||
                    got.truncated != (cuts[c] && cuts[c] < all.cycles))
                    fail_msg("%s, max_cycles %zu, %zu jobs: counted %zu (truncated %d), not %zu",
                             arcs, cuts[c], jobs, got.cycles, got.truncated, want);
            }
        }
        /* A contraction stopped anywhere leaves a graph with the same count. */
        for (size_t budget = 1; budget < 40; budget += 3) {
            rt_cycle_count got;
            got = count_budget(g, 0, 1, false, budget);
            if (got.cycles != all.cycles)
                fail_msg("%s, contraction stopped after %zu arcs: counted %zu, not %zu", arcs,
                         budget, got.cycles, all.cycles);
        }
        rt_graph_free(g);
        rt_dataset_free(ds);
    }
}

/* What a search reported of its progress. */
typedef struct progress_log {
    size_t calls, last_done, last_cycles, total, bad;
    const char *phase;
} progress_log;

static void log_progress(const rt_progress *p, void *payload)
{
    progress_log *l = payload;

    /* Neither figure goes back, and nothing is done past the total. */
    if ((l->calls && (p->done < l->last_done || p->cycles < l->last_cycles)) || p->done > p->total)
        l->bad++;
    l->calls++;
    l->last_done = p->done;
    l->last_cycles = p->cycles;
    l->total = p->total;
    l->phase = p->phase;
}

/* Progress on K8 (16064 cycles; C(8,k)(k-1)! of each length k): listing,
 * counting on 1 and 3 threads, and counting cut by max_cycles. */
static void test_cycles_progress_reaches_the_total(void **state)
{
    rt_dataset *ds;
    rt_graph *g = complete(&ds, 8);
    (void)state;

    for (int mode = 0; mode < 4; mode++) {
        rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
        progress_log log = {0};
        rt_loops *loops;
        size_t want = mode == 3 ? 10000 : 16064;

        lo.all = true;
        lo.cycles.max_len = 0;
        lo.cycles.max_cycles = mode == 3 ? 10000 : 0;
        lo.count_only = mode > 0;
        lo.jobs = mode == 2 ? 3 : 1;
        lo.progress = log_progress;
        lo.progress_payload = &log;
        lo.progress_ms = 0; /* after every start */
        assert_int_equal(rt_loops_find(&loops, g, &lo), 0);
        assert_int_equal(rt_loops_cycles_total(loops), want);
        /* One thread alone calls after each start, and once more at the
         * end; with several, the calling thread reports after its own
         * starts, and counting cut short takes fewer starts. */
        if (mode <= 1 && log.calls < 9)
            fail_msg("mode %d: %zu progress calls", mode, log.calls);
        assert_true(log.calls >= 1);
        assert_int_equal(log.bad, 0);
        assert_int_equal(log.total, 8);
        assert_int_equal(log.last_done, 8);
        assert_int_equal(log.last_cycles, want);
        assert_string_equal(log.phase, mode == 0 ? "searching" : "counting");
        rt_loops_free(loops);
    }
    rt_graph_free(g);
    rt_dataset_free(ds);
}

/* Keep the cycles of the recorder's text that have at most `bound` vertices. */
static void keep_short(const char *text, size_t bound, char *out, size_t outlen)
{
    size_t n = 0;
    out[0] = '\0';
    while (*text) {
        const char *end = strchr(text, ';');
        size_t hops = 1;
        for (const char *p = text; p < end; p++)
            hops += *p == '-';
        if (hops <= bound)
            n += (size_t)snprintf(out + n, outlen - n, "%.*s;", (int)(end - text), text);
        text = end + 1;
    }
}

/* The bounded search at every bound 1 .. n, listing and counting (on one
 * thread and on two), against Johnson's cycles of at most that many hops,
 * in the same order. False when Johnson's cycles are too many to record. */
static bool check_bounded_is_johnson_filtered(const rt_graph *g, const char *what)
{
    size_t n = rt_graph_vertex_count(g);
    rt_cycle_options o = RT_CYCLE_OPTIONS_INIT;
    rt_cycle_stats st;
    recorder *all = calloc(1, sizeof(*all)), *some = calloc(1, sizeof(*some));
    char *want = malloc(sizeof(all->text));
    bool checked;

    assert_non_null(all);
    assert_non_null(some);
    assert_non_null(want);
    all->g = g;
    o.max_len = 0;
    o.max_cycles = 0;
    assert_int_equal(rt_cycles__find(&st, g, &o, record, all, NULL, probes), 0);
    for (size_t bound = 1; bound <= n && strlen(all->text) < sizeof(all->text) - 64; bound++) {
        size_t expect = 0;
        memset(some, 0, sizeof(*some));
        some->g = g;
        o.max_len = bound;
        assert_int_equal(rt_cycles__find(&st, g, &o, record, some, NULL, probes), 0);
        keep_short(all->text, bound, want, sizeof(all->text));
        if (strcmp(want, some->text) != 0)
            fail_msg("bound %zu on %s: bounded search differs from Johnson's", bound, what);
        for (const char *p = want; *p; p++)
            expect += *p == ';';
        for (size_t jobs = 1; jobs <= 2; jobs++) {
            rt_cycle_count cnt;
            assert_int_equal(rt_cycles__count(&cnt, g, &o, &(rt_count_options){.jobs = jobs}), 0);
            if (cnt.cycles != expect || cnt.truncated)
                fail_msg("bound %zu on %s, %zu jobs: counted %zu, Johnson has %zu", bound, what,
                         jobs, cnt.cycles, expect);
        }
    }
    checked = strlen(all->text) < sizeof(all->text) - 64;
    free(all);
    free(some);
    free(want);
    return checked;
}

static void assert_bounded_is_johnson_filtered(const rt_graph *g, const char *what)
{
    if (!check_bounded_is_johnson_filtered(g, what))
        fail_msg("%s has too many cycles to check", what);
}

/* Arcs a push's probes may look at (rt_bounded__set_probes()): the
 * default, none, and few enough to cut most probes short. */
static const size_t probe_caps[] = {SIZE_MAX, 0, 3};

/* Random digraphs, sparse to dense (a fixed seed: the same every run). */
static void test_cycles_bounded_search_is_exact_at_every_bound(void **state)
{
    unsigned long seed = 777;
    int checked = 0;
    (void)state;
    for (int round = 0; round < 60; round++) {
        char arcs[8192];
        int n = 5 + round % 6, percent = 15 + 10 * (round % 5);
        rt_dataset *ds;
        rt_graph *g;

        if (random_arcs(arcs, sizeof(arcs), n, percent, &seed) == 0)
            continue;
        g = graph_of(&ds, arcs, true);
        /* The probes alone (mostly), the BFS alone, and the BFS after
         * probes cut short: each way must decide the same. */
        for (size_t i = 0; i < sizeof(probe_caps) / sizeof(probe_caps[0]); i++) {
            probes = probe_caps[i];
            checked += check_bounded_is_johnson_filtered(g, arcs);
        }
        probes = SIZE_MAX;
        rt_graph_free(g);
        rt_dataset_free(ds);
    }
    assert_true(checked >= 3 * 50); /* most graphs' cycles fit the recorder */
}

/*
 * The bounded search's work, in arcs examined (rt_cycle_stats), must stay
 * within C (c + 1) k (n + e) for c cycles seen, bound k, n vertices and e
 * arcs: the bound of bounded.c, with room for the reach and the checks.
 * Gupta and Suzumura's blocking, as it was, did exponential work on these
 * families (issue 16, point 14).
 */
#define WORK_C 4

/* S <-> X; X pays the first of `layers` layers of four; consecutive layers
 * complete; every layer vertex pays X. S = 0, X = 1. Every cycle through S
 * is S-X-S: the rest only comes back through X. */
static rt_graph *layered(rt_dataset **ds, int layers)
{
    char *arcs = malloc(65536);
    size_t len = 0;
    rt_graph *g;

    assert_non_null(arcs);
    len += (size_t)snprintf(arcs + len, 65536 - len, "S>X,X>S");
    for (int j = 0; j < 4; j++)
        len += (size_t)snprintf(arcs + len, 65536 - len, ",X>L0_%d", j);
    for (int i = 0; i + 1 < layers; i++)
        for (int a = 0; a < 4; a++)
            for (int b = 0; b < 4; b++)
                len += (size_t)snprintf(arcs + len, 65536 - len, ",L%d_%d>L%d_%d", i, a, i + 1, b);
    for (int i = 0; i < layers; i++)
        for (int a = 0; a < 4; a++)
            len += (size_t)snprintf(arcs + len, 65536 - len, ",L%d_%d>X", i, a);
    g = graph_of(ds, arcs, true);
    free(arcs);
    return g;
}

/* A chain of t diamonds D_i > A_i, B_i > D_{i+1}. Closed (NetworkX #8737):
 * D_t > D_0, so every cycle has 2t + 1 hops. Hung off X: S <-> X, X > D_0,
 * and every chain vertex pays X, so the chain is full of paths of equal
 * length that cannot come back to S. */
static rt_graph *diamonds(rt_dataset **ds, int t, bool hung)
{
    char *arcs = malloc(65536);
    size_t len = 0;
    rt_graph *g;

    assert_non_null(arcs);
    if (hung)
        len += (size_t)snprintf(arcs + len, 65536 - len, "S>X,X>S,X>D0,");
    for (int i = 0; i < t; i++)
        len += (size_t)snprintf(arcs + len, 65536 - len, "D%d>A%d,D%d>B%d,A%d>D%d,B%d>D%d,", i, i,
                                i, i, i, i + 1, i, i + 1);
    for (int i = 0; hung && i <= t; i++)
        len += (size_t)snprintf(arcs + len, 65536 - len, i < t ? "D%d>X,A%d>X,B%d>X," : "D%d>X", i,
                                i, i);
    if (!hung)
        snprintf(arcs + len, 65536 - len, "D%d>D0", t);
    g = graph_of(ds, arcs, true);
    free(arcs);
    return g;
}

typedef struct work {
    size_t arcs;   /* examined by rt_cycles_find() */
    size_t cycles; /* it saw: reported, and the one past max_cycles */
    size_t counted_arcs;
    size_t counted;
} work;

/* The work of finding and of counting g's cycles of at most k hops (the
 * first max_cycles), checked against the bound. */
static work measure(const rt_graph *g, size_t k, size_t max_cycles, const char *what)
{
    rt_cycle_options o = RT_CYCLE_OPTIONS_INIT;
    rt_cycle_stats st;
    rt_cycle_count cnt;
    recorder *r = calloc(1, sizeof(*r));
    size_t size = rt_graph_vertex_count(g) + rt_graph_arc_count(g);
    work w;

    assert_non_null(r);
    r->g = g;
    o.max_len = k;
    o.max_cycles = max_cycles;
    assert_int_equal(rt_cycles_find(&st, g, &o, record, r), 0);
    w.arcs = st.arcs_examined;
    w.cycles = st.found + st.truncated;
    assert_int_equal(rt_cycles__count(&cnt, g, &o, &(rt_count_options){.jobs = 1}), 0);
    assert_int_equal(cnt.cycles, st.found);
    assert_int_equal(cnt.truncated, st.truncated);
    w.counted_arcs = cnt.arcs_examined;
    w.counted = cnt.cycles + cnt.truncated;
    if (w.arcs > WORK_C * (w.cycles + 1) * k * size)
        fail_msg("%s, k %zu: %zu arcs examined for %zu cycles, past %d (c + 1) k (n + e) = %zu",
                 what, k, w.arcs, w.cycles, WORK_C, WORK_C * (w.cycles + 1) * k * size);
    if (w.counted_arcs > WORK_C * (w.counted + 1) * k * size)
        fail_msg("%s, k %zu: counting examined %zu arcs for %zu cycles, past %zu", what, k,
                 w.counted_arcs, w.counted, WORK_C * (w.counted + 1) * k * size);
    print_message("# %s, k %zu: n + e = %zu, %zu cycles, %zu arcs examined (counting: %zu)\n", what,
                  k, size, w.cycles, w.arcs, w.counted_arcs);
    free(r);
    return w;
}

/* Doubling a family's size multiplies the work by a polynomial factor: at
 * most 2^4 (k and n + e both double; the rest is room), where exponential
 * work multiplies it by about 2^k or 4^k. */
static void assert_polynomial(size_t small, size_t large, const char *what)
{
    if (large > (size_t)16 * (small + 1))
        fail_msg("%s: doubling the size took the work from %zu to %zu arcs", what, small, large);
}

static void test_cycles_bounded_search_is_polynomial_on_layered_graphs(void **state)
{
    size_t prev = 0;
    (void)state;
    for (int layers = 4; layers <= 16; layers *= 2) {
        rt_dataset *ds;
        rt_graph *g = layered(&ds, layers);
        char what[64];
        size_t k = (size_t)layers + 2; /* X, every layer, back to X */
        work w;
        snprintf(what, sizeof(what), "%d layers of four", layers);
        /* loops --all --count --max-cycles 1: S finds S-X-S and nothing
         * else, and must not search every path of the layers to know it. */
        w = measure(g, k, 1, what);
        assert_int_equal(w.cycles, 2); /* S-X-S, then one from X */
        if (prev)
            assert_polynomial(prev, w.arcs, what);
        prev = w.arcs;
        /* Every bound below, too. */
        for (size_t b = 2; b < k; b++)
            measure(g, b, 1, what);
        rt_graph_free(g);
        rt_dataset_free(ds);
    }
}

static void test_cycles_bounded_search_is_polynomial_on_diamond_chains(void **state)
{
    (void)state;
    for (int hung = 0; hung <= 1; hung++) {
        size_t prev = 0;
        for (int t = 5; t <= 20; t *= 2) {
            rt_dataset *ds;
            rt_graph *g = diamonds(&ds, t, hung);
            char what[64];
            size_t k = 2 * (size_t)t + (size_t)hung * 3;
            work w;
            snprintf(what, sizeof(what), "%s chain of %d diamonds", hung ? "hung" : "closed", t);
            w = measure(g, k, 1, what);
            /* Closed: every cycle is one hop too long. Hung: S-X-S first. */
            assert_int_equal(w.cycles, hung ? 2 : 0);
            if (prev)
                assert_polynomial(prev, w.arcs, what);
            prev = w.arcs;
            rt_graph_free(g);
            rt_dataset_free(ds);
        }
    }
}

/* The families of the work tests, small enough for Johnson's search to
 * list every cycle: the bounded search finds exactly his short ones. */
static void test_cycles_bounded_search_is_exact_on_layers_and_diamonds(void **state)
{
    rt_dataset *ds;
    rt_graph *g;
    (void)state;
    for (int layers = 1; layers <= 3; layers++) {
        g = layered(&ds, layers);
        assert_bounded_is_johnson_filtered(g, "layers of four");
        rt_graph_free(g);
        rt_dataset_free(ds);
    }
    for (int t = 1; t <= 4; t++)
        for (int hung = 0; hung <= 1; hung++) {
            g = diamonds(&ds, t, hung);
            assert_bounded_is_johnson_filtered(g, hung ? "a hung diamond chain" : "a diamond ring");
            rt_graph_free(g);
            rt_dataset_free(ds);
        }
}

/* The cycles a search emits, by length, and a hash of their sequence. */
typedef struct by_length {
    size_t by_len[24];
    uint64_t hash;
} by_length;

static int add_by_length(const size_t *vertices, const size_t *arcs, size_t len, void *payload)
{
    by_length *t = payload;
    (void)arcs;
    t->by_len[len < 23 ? len : 23]++;
    for (size_t i = 0; i < len; i++)
        t->hash = (t->hash ^ vertices[i]) * 1099511628211u;
    t->hash = (t->hash ^ 0xff) * 1099511628211u;
    return 0;
}

static by_length by_length_of(const rt_graph *g, size_t k)
{
    rt_cycle_options o = RT_CYCLE_OPTIONS_INIT;
    rt_cycle_stats st;
    by_length t = {.hash = 14695981039346656037u};

    o.max_len = k;
    o.max_cycles = 0;
    assert_int_equal(rt_cycles__find(&st, g, &o, add_by_length, &t, NULL, probes), 0);
    return t;
}

/* Sparse random digraphs of 40 to 120 vertices (mean out-degree about
 * 2.4), with ways back long enough for probes to be cut short, locks to
 * serve pushes below theirs and to lapse: at every bound up to 16, the
 * same cycles in the same order whichever way the successors are decided,
 * the BFS alone being the search checked against Johnson's above; and on
 * the smallest, where Johnson's search can list every cycle, his count of
 * each length. */
static void test_cycles_bounded_search_is_exact_on_larger_sparse_graphs(void **state)
{
    unsigned long seed = 4242;
    (void)state;
    for (int round = 0; round < 8; round++) {
        static char arcs[65536];
        int n = 40 + 40 * (round % 3), percent = 240 / n;
        by_length all = {.hash = 0};
        rt_dataset *ds;
        rt_graph *g;

        random_arcs(arcs, sizeof(arcs), n, percent, &seed);
        g = graph_of(&ds, arcs, true);
        if (n == 40)
            all = by_length_of(g, 0);
        for (size_t k = 2; k <= 16; k++) {
            by_length want;
            probes = 0;
            want = by_length_of(g, k);
            for (size_t len = 2; n == 40 && len <= k; len++)
                if (want.by_len[len] != all.by_len[len])
                    fail_msg("round %d, bound %zu: %zu cycles of %zu hops, Johnson has %zu", round,
                             k, want.by_len[len], len, all.by_len[len]);
            for (size_t i = 0; i < sizeof(probe_caps) / sizeof(probe_caps[0]); i++) {
                by_length got;
                probes = probe_caps[i];
                got = by_length_of(g, k);
                if (memcmp(got.by_len, want.by_len, sizeof(got.by_len)) != 0 ||
                    got.hash != want.hash)
                    fail_msg("round %d, bound %zu, probe cap %zu: not the cycles of the BFS", round,
                             k, probe_caps[i]);
            }
        }
        probes = SIZE_MAX;
        rt_graph_free(g);
        rt_dataset_free(ds);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cycles_complete_digraphs_match_closed_form),
        cmocka_unit_test(test_cycles_progress_reaches_the_total),
        cmocka_unit_test(test_cycles_bounded_and_johnson_agree_in_order),
        cmocka_unit_test(test_cycles_of_small_graphs_by_hand),
        cmocka_unit_test(test_cycles_truncate_at_max_cycles),
        cmocka_unit_test(test_cycles_callback_can_stop_the_search),
        cmocka_unit_test(test_cycles_consolidation_creates_a_loop),
        cmocka_unit_test(test_cycles_two_searches_agree_on_random_graphs),
        cmocka_unit_test(test_cycles_counts_are_the_same_on_any_number_of_threads),
        cmocka_unit_test(test_cycles_count_of_a_diamond_ring_is_two_to_the_k),
        cmocka_unit_test(test_cycles_contracted_count_equals_the_cycles_found),
        cmocka_unit_test(test_cycles_bounded_search_is_exact_at_every_bound),
        cmocka_unit_test(test_cycles_bounded_search_is_polynomial_on_layered_graphs),
        cmocka_unit_test(test_cycles_bounded_search_is_polynomial_on_diamond_chains),
        cmocka_unit_test(test_cycles_bounded_search_is_exact_on_layers_and_diamonds),
        cmocka_unit_test(test_cycles_bounded_search_is_exact_on_larger_sparse_graphs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
