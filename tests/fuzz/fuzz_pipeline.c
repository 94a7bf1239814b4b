/*
 * Fuzz the whole path: load, build the money graph, search the loops with a
 * small bound, write every report, and render: DOT always, and SVG, PNG or
 * PDF through Graphviz's layout when the drawing is small (the layout is
 * slow). Input:
 *
 *   ENTITIES \f RELATIONSHIPS [\f OPTIONS]
 *
 * as for fuzz_load, where OPTIONS bytes, all zero when missing, choose:
 *   [0] flags: 1 no consolidation, 2 all cycles, 4 temporal, 8 count too,
 *       16 loops only, 32 and 64 the scenario (range, low, high), 128 count
 *       on two threads
 *   [1] the statuses kept (a bit set of 1 << rt_status; 0: those with money)
 *   [2] as of: 0 none, else year 2020 + b % 8, month b / 8 % 13
 *   [3] minimum amount: 0 none, else 10^(b % 16) dollars
 *   [4] most hops: 0 gives 4, else b % 7 (0 unbounded)
 *   [5] the loop to draw alone (0 all; past the last is an error)
 *   [6] most cycles: 0 gives 1000, else b
 *   [7] b % 4: also render SVG, PNG or PDF (0: DOT alone)
 *   [8..] the diagram's title
 * Each stage's promises (include/roundtrip/graph.h, loops.h, render.h) are
 * checked; the DOT must read back with cgraph, and render the same twice;
 * an SVG must parse as XML with nothing in it that runs or loads; the text
 * reports must show nothing hidden, the Markdown ones no HTML and no link
 * but http(s), and the JSON ones parse; every export must be the same
 * twice, its XML well-formed, its JSON parse, its CSV end in CR LF;
 * counting (count_only, on one thread or two) finds as many loops and
 * cycles as the search that keeps them.
 */
#include <graphviz/cgraph.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <math.h>

#include "fuzz.h"

#define MAX_CYCLES 1000
#define OPTION_BYTES 8
/* The most entities and relationships laid out per input. */
#define LAYOUT_MAX_ENTITIES 16
#define LAYOUT_MAX_RELATIONSHIPS 40

typedef struct options {
    rt_graph_options graph;
    rt_loop_options loops;
    rt_render_options render;
    bool count;                /* count the loops too, and compare */
    rt_render_format laid_out; /* also rendered through a layout; RT_RENDER_DOT: not */
    size_t jobs;               /* threads that count */
    char *title;
} options;

static void read_options(options *o, const uint8_t *b, size_t n)
{
    uint8_t byte[OPTION_BYTES] = {0};
    static const rt_graph_options graph_init = RT_GRAPH_OPTIONS_INIT;
    static const rt_loop_options loops_init = RT_LOOP_OPTIONS_INIT;
    static const rt_render_options render_init = RT_RENDER_OPTIONS_INIT;

    if (n)
        memcpy(byte, b, n < sizeof(byte) ? n : sizeof(byte));
    o->graph = graph_init;
    o->loops = loops_init;
    o->render = render_init;
    o->graph.consolidate = !(byte[0] & 1);
    o->loops.all = byte[0] & 2;
    o->loops.temporal = byte[0] & 4;
    o->count = byte[0] & 8;
    o->jobs = byte[0] & 128 ? 2 : 1;
    o->render.loops_only = byte[0] & 16;
    o->graph.scenario = (rt_scenario)((byte[0] >> 5 & 3) % 3);
    o->graph.filter.statuses = byte[1];
    if (byte[2]) {
        o->graph.filter.as_of.year = (int16_t)(2020 + byte[2] % 8);
        o->graph.filter.as_of.month = (int8_t)(byte[2] / 8 % 13);
    }
    if (byte[3]) {
        o->graph.filter.min_amount = 1;
        for (int i = 0; i < byte[3] % 16; i++)
            o->graph.filter.min_amount *= 10;
    }
    o->loops.cycles.max_len = byte[4] ? byte[4] % 7 : 4;
    o->loops.cycles.max_cycles = byte[6] ? byte[6] : MAX_CYCLES;
    o->render.format = RT_RENDER_DOT;
    o->laid_out = (rt_render_format)(byte[7] % 4);
    o->render.loop = byte[5];
    o->title = NULL;
    if (n > sizeof(byte)) {
        o->title = malloc(n - sizeof(byte) + 1);
        fuzz_check(o->title != NULL);
        memcpy(o->title, b + sizeof(byte), n - sizeof(byte));
        o->title[n - sizeof(byte)] = '\0';
    }
    o->render.title = o->title;
}

static void check_amount(const rt_amount *a)
{
    fuzz_check(a->unit == RT_AMOUNT_UNKNOWN || a->unit == RT_AMOUNT_USD ||
               a->unit == RT_AMOUNT_OTHER);
    if (a->unit == RT_AMOUNT_USD)
        fuzz_check(0 <= a->low && a->low <= a->high);
}

static void check_graph(const rt_graph *g, const rt_dataset *ds, bool consolidate)
{
    size_t nv = rt_graph_vertex_count(g), na = rt_graph_arc_count(g);
    size_t nent = rt_dataset_entity_count(ds), nrel = rt_dataset_relationship_count(ds);
    size_t out_total = 0, ng = rt_graph_group_count(g), prev_size = (size_t)-1;

    fuzz_check(rt_graph_dataset(g) == ds);
    for (size_t v = 0; v < nv; v++) {
        size_t e = rt_graph_vertex_entity(g, v), first, count;
        fuzz_check(e < nent && rt_graph_entity_vertex(g, e) == v);
        if (consolidate)
            fuzz_check(rt_dataset_entity(ds, e)->parent == RT_NONE);
        rt_graph_out_arcs(g, v, &first, &count);
        fuzz_check(first <= na && count <= na - first);
        for (size_t i = first; i < first + count; i++)
            fuzz_check(rt_graph_arc(g, i)->from == v);
        out_total += count;
    }
    fuzz_check(out_total == na);
    for (size_t e = 0; e < nent; e++) {
        size_t v = rt_graph_entity_vertex(g, e);
        fuzz_check(v < nv);
        if (consolidate)
            fuzz_check(v == rt_graph_entity_vertex(g, rt_dataset_entity(ds, e)->root));
    }
    for (size_t i = 0; i < na; i++) {
        const rt_arc *a = rt_graph_arc(g, i);
        fuzz_check(a->from < nv && a->to < nv && a->from != a->to);
        if (i > 0) {
            const rt_arc *p = rt_graph_arc(g, i - 1);
            fuzz_check(p->from < a->from || (p->from == a->from && p->to < a->to));
        }
        fuzz_check(rt_graph_find_arc(g, a->from, a->to) == i);
        fuzz_check(a->relationship_count >= 1);
        fuzz_check(a->classes != 0 && !(a->classes & (1u << RT_CLASS_LINK)));
        fuzz_check(rt_status_carries_money(a->status));
        check_amount(&a->amount);
        for (size_t k = 0; k < a->relationship_count; k++) {
            size_t r = a->relationships[k];
            const rt_relationship *rel;
            fuzz_check(r < nrel && (k == 0 || a->relationships[k - 1] < r));
            rel = rt_dataset_relationship(ds, r);
            fuzz_check(rt_graph_flow(g, r)->kept);
            fuzz_check(rt_rel_kind_class(rel->kind) != RT_CLASS_LINK);
            fuzz_check(rt_graph_entity_vertex(g, rel->from) == a->from &&
                       rt_graph_entity_vertex(g, rel->to) == a->to);
        }
    }
    for (size_t r = 0; r < nrel; r++) {
        const rt_flow *f = rt_graph_flow(g, r);
        const rt_relationship *rel = rt_dataset_relationship(ds, r);
        fuzz_check(f != NULL);
        if (!f->kept)
            continue;
        fuzz_check(f->claim_count >= 1 && f->claim_count <= rel->claim_count);
        check_amount(&f->amount);
        for (size_t k = 0; k < f->claim_count; k++)
            fuzz_check(rt_dataset_claim(ds, f->claims[k])->relationship == r);
    }
    for (size_t i = 0; i < ng; i++) {
        size_t count;
        const size_t *vs = rt_graph_group(g, i, &count);
        fuzz_check(count >= 2 && count <= prev_size);
        for (size_t k = 0; k < count; k++) {
            fuzz_check(vs[k] < nv && (k == 0 || vs[k - 1] < vs[k]));
            fuzz_check(rt_graph_vertex_group(g, vs[k]) == i);
        }
        prev_size = count;
    }
}

typedef struct cycle_check {
    const rt_graph *g;
    size_t max_len;
    size_t found;
} cycle_check;

/* Each cycle: distinct vertices, smallest first, arcs joining them in order. */
static int on_cycle(const size_t *vertices, const size_t *arcs, size_t len, void *payload)
{
    cycle_check *cc = payload;
    size_t nv = rt_graph_vertex_count(cc->g);

    fuzz_check(len >= 2 && (cc->max_len == 0 || len <= cc->max_len));
    for (size_t i = 0; i < len; i++) {
        const rt_arc *a = rt_graph_arc(cc->g, arcs[i]);
        fuzz_check(vertices[i] < nv && vertices[i] >= vertices[0]);
        for (size_t k = 0; k < i; k++)
            fuzz_check(vertices[k] != vertices[i]);
        fuzz_check(a->from == vertices[i] && a->to == vertices[(i + 1) % len]);
    }
    cc->found++;
    return 0;
}

static bool has_class(const rt_graph *g, size_t arc, rt_rel_class c)
{
    return rt_graph_arc(g, arc)->classes & (1u << c);
}

static void check_loops(const rt_loops *ls, const rt_graph *g, const options *o,
                        const rt_cycle_stats *cycles)
{
    size_t n = rt_loops_count(ls), nv = rt_graph_vertex_count(g);
    size_t nrel = rt_dataset_relationship_count(rt_graph_dataset(g));
    size_t max_len = o->loops.cycles.max_len;

    fuzz_check(rt_loops_graph(ls) == g);
    fuzz_check(n <= rt_loops_cycles_total(ls));
    /* The same search as rt_cycles_find() on the same graph. */
    fuzz_check(rt_loops_cycles_total(ls) == cycles->found);
    fuzz_check(rt_loops_truncated(ls) == cycles->truncated);
    for (size_t i = 0; i < n; i++) {
        const rt_loop *l = rt_loops_get(ls, i);
        bool stake = false, spend = false;
        fuzz_check(l != NULL && l->length >= 2 && (max_len == 0 || l->length <= max_len));
        for (size_t k = 0; k < l->length; k++) {
            const rt_arc *a = rt_graph_arc(g, l->arcs[k]);
            fuzz_check(l->vertices[k] < nv);
            fuzz_check(a->from == l->vertices[k] && a->to == l->vertices[(k + 1) % l->length]);
            stake |= has_class(g, l->arcs[k], RT_CLASS_STAKE);
            spend |= has_class(g, l->arcs[k], RT_CLASS_SPEND);
            for (size_t j = 0; j < k; j++)
                fuzz_check(l->vertices[j] != l->vertices[k]);
        }
        if (!o->loops.all)
            fuzz_check(stake && spend);
        /* "Equity in, spend back": it starts with a stake when it has one. */
        if (stake)
            fuzz_check(has_class(g, l->arcs[0], RT_CLASS_STAKE));
        check_amount(&l->figures.circulating);
        fuzz_check(l->figures.circulating.unit != RT_AMOUNT_OTHER);
        fuzz_check((unsigned)l->weakest < RT_STATUS_COUNT);
        if (l->figures.has_ratio) {
            fuzz_check(l->ratio_hop < l->length);
            fuzz_check(has_class(g, l->arcs[l->ratio_hop], RT_CLASS_STAKE));
            fuzz_check(isfinite(l->figures.ratio) && isfinite(l->figures.ratio_low) &&
                       isfinite(l->figures.ratio_high));
            fuzz_check(l->figures.ratio_low >= 0 &&
                       l->figures.ratio_low <= l->figures.ratio * (1 + 1e-9) &&
                       l->figures.ratio <= l->figures.ratio_high * (1 + 1e-9));
        }
        if (l->figures.first_date.year && l->figures.last_date.year)
            fuzz_check(rt_date_compare(&l->figures.first_date, &l->figures.last_date) <= 0);
        /* Figures on the loop's own ground; an indirect loop never brings
         * back more than its stake; weaker claims are named as such. */
        fuzz_check(l->direct == (l->length == 2));
        fuzz_check(l->figures.status == l->weakest);
        if (!l->direct && l->figures.has_ratio)
            fuzz_check(l->figures.ratio <= 1.0 && l->figures.ratio_high <= 1.0);
        if (l->has_wider) {
            fuzz_check(l->wider.status > l->weakest);
            check_amount(&l->wider.circulating);
        }
        for (size_t k = 0; k < l->link_count; k++)
            fuzz_check(l->links[k] < nrel);
        /* Firmest first. */
        if (i > 0)
            fuzz_check(rt_loops_get(ls, i - 1)->weakest <= l->weakest);
    }
}

/* The most that goes round at once uses no hop's dollars twice, and lies
 * between the largest loop and the sum of the loops it counts. */
static void check_packing(const rt_loops *ls, const rt_graph *g)
{
    rt_packing *p = NULL;
    size_t n = rt_loops_count(ls), narcs = rt_graph_arc_count(g);
    double *used = calloc(narcs + 1, sizeof(double)), sum = 0, most = 0;

    fuzz_check(used != NULL);
    fuzz_check(rt_packing_compute(&p, ls, RT_STATUS_RUMORED) == RT_OK);
    for (size_t i = 0; i < n; i++) {
        const rt_loop *l = rt_loops_get(ls, i);
        const rt_amount *sh = rt_packing_share(p, i);
        if (sh->unit != RT_AMOUNT_USD)
            continue;
        fuzz_check(sh->low <= sh->high);
        for (size_t k = 0; k < l->length; k++)
            used[l->arcs[k]] += (double)sh->high;
        sum += (double)l->figures.circulating.high;
        if ((double)l->figures.circulating.high > most)
            most = (double)l->figures.circulating.high;
    }
    for (size_t a = 0; a < narcs; a++)
        if (used[a] > 0)
            fuzz_check(used[a] <= (double)rt_graph_arc(g, a)->amount.high * (1 + 1e-9) + (double)n);
    if (rt_packing_counted(p) > 0) {
        double total = (double)rt_packing_total(p)->high;
        fuzz_check(total >= most * (1 - 1e-9) - 1 && total <= sum * (1 + 1e-9) + 1);
    }
    rt_packing_free(p);
    free(used);
}

static void check_render(const rt_loops *ls, const options *o)
{
    char *dot = NULL, *again = NULL;
    size_t len = 0, len2 = 0;
    rt_diags *diags = NULL;
    Agraph_t *back;
    int rc;

    fuzz_check(rt_diags_new(&diags) == RT_OK);
    rc = rt_render(&dot, &len, ls, &o->render, diags);
    if (o->render.loop > rt_loops_count(ls)) {
        fuzz_check(rc == RT_EINVAL && dot == NULL);
        goto out;
    }
    if (rc != RT_OK)
        for (size_t i = 0; i < rt_diags_count(diags); i++)
            fprintf(stderr, "render: %s\n", rt_diags_get(diags, i)->msg);
    fuzz_check(rc == RT_OK && dot != NULL);
    fuzz_check(len == strlen(dot));
    /* The same input gives the same bytes. */
    fuzz_check(rt_render(&again, &len2, ls, &o->render, diags) == RT_OK);
    fuzz_check(len2 == len && memcmp(dot, again, len) == 0);
    /* Text from the input is escaped: the DOT reads back. */
    back = agmemread(dot);
    if (!back)
        fprintf(stderr, "the DOT does not read back:\n%s\n", dot);
    fuzz_check(back != NULL);
    agclose(back);
out:
    rt_render_free(dot);
    rt_render_free(again);
    rt_diags_free(diags);
}

/* Fail on anything in an SVG through which it could run script or load
 * markup: <script>, <foreignObject>, on* handlers, links but http(s). */
static void check_inert(xmlNodePtr node)
{
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        fuzz_check(xmlStrcasecmp(node->name, BAD_CAST "script") != 0);
        fuzz_check(xmlStrcasecmp(node->name, BAD_CAST "foreignObject") != 0);
        for (xmlAttrPtr a = node->properties; a; a = a->next) {
            xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
            fuzz_check(xmlStrncasecmp(a->name, BAD_CAST "on", 2) != 0);
            if (xmlStrcasecmp(a->name, BAD_CAST "href") == 0)
                fuzz_check(v && (xmlStrncmp(v, BAD_CAST "https://", 8) == 0 ||
                                 xmlStrncmp(v, BAD_CAST "http://", 7) == 0));
            xmlFree(v);
        }
        check_inert(node->children);
    }
}

/* A small drawing laid out by Graphviz: an SVG parses and is inert, a PNG
 * or a PDF is one; never an empty result. */
static void check_laid_out(const rt_loops *ls, const options *o)
{
    static const char *const magic[] = {"", "<?xml", "\x89PNG", "%PDF"};
    const rt_dataset *ds = rt_graph_dataset(rt_loops_graph(ls));
    rt_render_options ro = o->render;
    char *out = NULL;
    size_t len = 0;
    int rc;

    if (o->laid_out == RT_RENDER_DOT || o->render.loop > rt_loops_count(ls) ||
        rt_dataset_entity_count(ds) > LAYOUT_MAX_ENTITIES ||
        rt_dataset_relationship_count(ds) > LAYOUT_MAX_RELATIONSHIPS)
        return;
    ro.format = o->laid_out;
    rc = rt_render(&out, &len, ls, &ro, NULL);
    fuzz_check(rc == RT_OK && out != NULL && len > strlen(magic[ro.format]));
    fuzz_check(memcmp(out, magic[ro.format], strlen(magic[ro.format])) == 0);
    if (ro.format == RT_RENDER_SVG) {
        xmlDocPtr doc = xmlReadMemory(out, (int)len, "x.svg", NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        if (!doc)
            fprintf(stderr, "the SVG is not well-formed XML:\n%s\n", out);
        fuzz_check(doc != NULL);
        check_inert(xmlDocGetRootElement(doc));
        xmlFreeDoc(doc);
    }
    rt_render_free(out);
}

/* A report in each format: text shows nothing hidden, Markdown holds no
 * HTML and no link but http(s), JSON parses; each the same twice. */
static void check_report(int rc, char *report, rt_format format, const char *image,
                         const char *again)
{
    fuzz_check(rc == RT_OK && report != NULL);
    fuzz_check(strcmp(report, again) == 0);
    if (format == RT_FORMAT_JSON) {
        json_error_t err;
        json_t *root = json_loads(report, 0, &err);
        if (!root)
            fprintf(stderr, "the JSON does not parse: %s\n", err.text);
        fuzz_check(root != NULL);
        json_decref(root);
    } else if (format == RT_FORMAT_MARKDOWN) {
        fuzz_check_markdown(report, image);
    } else {
        const char *bad = fuzz_hidden(report);
        if (bad)
            fprintf(stderr, "hidden byte 0x%02x in the report: %.40s\n", (unsigned char)*bad, bad);
        fuzz_check(bad == NULL);
    }
}

static void check_reports(const rt_loops *ls, const rt_graph *g)
{
    static const rt_format formats[] = {RT_FORMAT_TEXT, RT_FORMAT_SUMMARY, RT_FORMAT_MARKDOWN,
                                        RT_FORMAT_JSON};
    rt_exposures *x = NULL;
    rt_diff *d = NULL;

    fuzz_check(rt_exposures_compute(&x, g, RT_SORT_PAGERANK, NULL) == RT_OK);
    fuzz_check(rt_diff_compute(&d, ls, ls) == RT_OK);
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
        rt_report_options ro = RT_REPORT_OPTIONS_INIT;
        char *a = NULL, *b = NULL;
        int rc;
        ro.format = formats[i];
        ro.image = formats[i] == RT_FORMAT_MARKDOWN ? "loops (1).svg" : NULL;
        fuzz_check(rt_report_loops(&b, ls, &ro) == RT_OK);
        rc = rt_report_loops(&a, ls, &ro);
        check_report(rc, a, ro.format, "loops%20%281%29.svg", b);
        rt_report_free(a);
        rt_report_free(b);
        if (formats[i] == RT_FORMAT_SUMMARY)
            continue; /* the other reports have no summary */
        ro.image = NULL;
        fuzz_check(rt_report_exposures(&b, x, &ro) == RT_OK);
        rc = rt_report_exposures(&a, x, &ro);
        check_report(rc, a, ro.format, NULL, b);
        rt_report_free(a);
        rt_report_free(b);
        fuzz_check(rt_report_diff(&b, d, &ro) == RT_OK);
        rc = rt_report_diff(&a, d, &ro);
        check_report(rc, a, ro.format, NULL, b);
        rt_report_free(a);
        rt_report_free(b);
    }
    rt_diff_free(d);
    rt_exposures_free(x);
}

/* Each export: the same bytes twice; GraphML and GEXF well-formed XML,
 * node-link JSON that parses, CSV that ends its last row in CR LF, and a
 * FollowTheMoney stream of JSON objects that roundtrip import makes into
 * a dataset that loads. */
static void check_exports(const rt_loops *ls)
{
    for (int f = 0; f < RT_EXPORT_FORMAT_COUNT; f++) {
        rt_export_options eo = RT_EXPORT_OPTIONS_INIT;
        char *a = NULL, *b = NULL;
        size_t alen = 0, blen = 0;
        eo.format = (rt_export_format)f;
        fuzz_check(rt_export(&a, &alen, ls, &eo, NULL) == RT_OK && a && alen == strlen(a));
        fuzz_check(rt_export(&b, &blen, ls, &eo, NULL) == RT_OK);
        fuzz_check(alen == blen && memcmp(a, b, alen) == 0);
        if (eo.format == RT_EXPORT_GRAPHML || eo.format == RT_EXPORT_GEXF) {
            xmlDocPtr doc =
                xmlReadMemory(a, (int)alen, "export.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
            if (!doc)
                fprintf(stderr, "the %s is not well-formed XML:\n%s\n",
                        rt_export_format_name(eo.format), a);
            fuzz_check(doc != NULL);
            xmlFreeDoc(doc);
        } else if (eo.format == RT_EXPORT_JSON_GRAPH) {
            json_error_t err;
            json_t *root = json_loads(a, 0, &err);
            if (!root)
                fprintf(stderr, "the node-link JSON does not parse: %s\n", err.text);
            fuzz_check(root != NULL);
            json_decref(root);
        } else if (eo.format == RT_EXPORT_FTM) {
            rt_import_options io = RT_IMPORT_OPTIONS_INIT;
            rt_imported *im = NULL;
            rt_dataset *back = NULL;
            rt_source e = {"entities.csv", NULL, 0}, r = {"relationships.csv", NULL, 0};
            fuzz_check(rt_import(&im, a, alen, &io, NULL) == RT_OK);
            e.data = rt_imported_entities(im, &e.len);
            r.data = rt_imported_relationships(im, &r.len);
            rt_diags *why = NULL;
            fuzz_check(rt_diags_new(&why) == RT_OK);
            if (rt_dataset_load_sources(&back, &e, &r, why) != RT_OK) {
                fprintf(stderr, "the FtM export does not come back as a dataset:\n%s\n%s%s\n", a,
                        e.data, r.data);
                for (size_t i = 0; i < rt_diags_count(why); i++)
                    fprintf(stderr, "%d:%d: %s\n", rt_diags_get(why, i)->line,
                            rt_diags_get(why, i)->col, rt_diags_get(why, i)->msg);
            }
            rt_diags_free(why);
            fuzz_check(back != NULL);
            rt_dataset_free(back);
            rt_imported_free(im);
        } else {
            fuzz_check(alen >= 2 && memcmp(a + alen - 2, "\r\n", 2) == 0);
        }
        rt_export_free(a);
        rt_export_free(b);
    }
}

/* Counting, on one thread or two, gives the loops and cycles of the search
 * that keeps them; and counted loops cannot be drawn. */
static void check_count(const rt_loops *kept, const rt_graph *g, const options *o)
{
    rt_loop_options opts = o->loops;
    rt_render_options render = o->render;
    rt_loops *ls = NULL;
    char *out = NULL;
    size_t len = 0;

    opts.count_only = true;
    opts.jobs = o->jobs;
    fuzz_check(rt_loops_find(&ls, g, &opts) == RT_OK);
    fuzz_check(rt_loops_count(ls) == rt_loops_count(kept));
    fuzz_check(rt_loops_cycles_total(ls) == rt_loops_cycles_total(kept));
    fuzz_check(rt_loops_truncated(ls) == rt_loops_truncated(kept));
    fuzz_check(rt_loops_count(ls) == 0 || rt_loops_get(ls, 0) == NULL);
    render.loop = 0;
    fuzz_check(rt_render(&out, &len, ls, &render, NULL) == RT_EINVAL && out == NULL);
    {
        rt_export_options eo = RT_EXPORT_OPTIONS_INIT;
        fuzz_check(rt_export(&out, &len, ls, &eo, NULL) == RT_EINVAL && out == NULL);
    }
    rt_loops_free(ls);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_files f = fuzz_split(data, size);
    const char *sep = f.relationships.len
                          ? memchr(f.relationships.data, FUZZ_SEPARATOR, f.relationships.len)
                          : NULL;
    rt_diags *diags = NULL;
    rt_dataset *ds = NULL;
    rt_graph *g = NULL;
    rt_loops *ls = NULL;
    rt_cycle_stats stats;
    cycle_check cc;
    options o;

    if (sep) {
        size_t rel_len = (size_t)(sep - f.relationships.data);
        read_options(&o, (const uint8_t *)sep + 1, f.relationships.len - rel_len - 1);
        f.relationships.len = rel_len;
    } else {
        read_options(&o, NULL, 0);
    }
    fuzz_check(rt_diags_new(&diags) == RT_OK);
    ds = fuzz_load_checked(&f, diags);
    if (!ds)
        goto out;
    fuzz_check(rt_graph_build(&g, ds, &o.graph, diags) == RT_OK);
    check_graph(g, ds, o.graph.consolidate);

    cc.g = g;
    cc.max_len = o.loops.cycles.max_len;
    cc.found = 0;
    fuzz_check(rt_cycles_find(&stats, g, &o.loops.cycles, on_cycle, &cc) == RT_OK);
    fuzz_check(stats.found == cc.found && stats.found <= o.loops.cycles.max_cycles);

    fuzz_check(rt_loops_find(&ls, g, &o.loops) == RT_OK);
    check_loops(ls, g, &o, &stats);
    if (!o.loops.count_only)
        check_packing(ls, g);
    if (o.count)
        check_count(ls, g, &o);
    check_render(ls, &o);
    if (!o.loops.count_only) {
        check_laid_out(ls, &o);
        check_reports(ls, g);
        check_exports(ls);
    }
out:
    rt_loops_free(ls);
    rt_graph_free(g);
    rt_dataset_free(ds);
    rt_diags_free(diags);
    free(o.title);
    return 0;
}
