/*
 * The most money that can go round a set of loops at once, each dollar of
 * each hop used once: a linear program (see rt_packing in loops.h) with a
 * column per loop and a row per hop, solved by GLPK's simplex method.
 *
 * Loops share hops (Microsoft -> OpenAI is on many of them), so adding up
 * their circulating amounts counts the dollars of a shared hop once per
 * loop. The packing lets each dollar of a hop go round one loop only; its
 * optimum is at most that sum and at least the largest single loop.
 *
 * GLPK keeps its state in an environment per thread, made by its first
 * call on that thread and freed only by glp_free_env() there: a thread that
 * ends without it leaks the environment (about 30 KB). So the solves run
 * inside an environment of their own when the thread has none, freed when
 * they are done; a caller's own GLPK environment is left as it is.
 */
#include <glpk.h>
#include <math.h>
#include <string.h>

#include "graph/graph_impl.h"
#include "roundtrip/loops.h"
#include "util/alloc.h"

struct rt_packing {
    rt_amount total;
    rt_amount *shares; /* per loop */
    size_t count, counted;
};

/* The amount of every hop of loop l on the claims of `tier` or firmer, in
 * amounts[0 .. length); false when a hop has none in dollars. */
static bool hop_amounts(const rt_graph *g, const rt_loop *l, rt_status tier, rt_amount *amounts)
{
    for (size_t i = 0; i < l->length; i++)
        if (!rt_graph__class_amount(g, rt_graph_arc(g, l->arcs[i]), -1, tier, &amounts[i]))
            return false;
    return true;
}

/*
 * Solve one program: columns are the counted loops (col[i] > 0 for loop i,
 * 1-based), rows the hops used, with capacities cap[row] (1-based).
 * Writes each counted loop's flow into flow[i]. Returns the optimum, or -1
 * when GLPK finds none.
 */
typedef struct program {
    const rt_loops *loops;
    const size_t *col;
    size_t ncols;
    size_t nrows;
    const double *cap; /* by row, 1-based */
    int *ia, *ja;      /* 1-based triplets, nnz of them */
    double *ar;
    size_t nnz;
} program;

static double solve(const program *pr, double *flow)
{
    glp_prob *lp = glp_create_prob();
    glp_smcp parm;
    double optimum = -1;
    size_t n = rt_loops_count(pr->loops);

    glp_set_obj_dir(lp, GLP_MAX);
    if (pr->nrows)
        glp_add_rows(lp, (int)pr->nrows);
    if (pr->ncols)
        glp_add_cols(lp, (int)pr->ncols);
    for (size_t r = 1; r <= pr->nrows; r++)
        glp_set_row_bnds(lp, (int)r, GLP_UP, 0.0, pr->cap[r]);
    for (size_t c = 1; c <= pr->ncols; c++) {
        glp_set_col_bnds(lp, (int)c, GLP_LO, 0.0, 0.0);
        glp_set_obj_coef(lp, (int)c, 1.0);
    }
    glp_load_matrix(lp, (int)pr->nnz, pr->ia, pr->ja, pr->ar);
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF; /* the library never prints */
    parm.presolve = GLP_ON;
    if (glp_simplex(lp, &parm) == 0 && glp_get_status(lp) == GLP_OPT) {
        optimum = glp_get_obj_val(lp);
        for (size_t i = 0; i < n; i++)
            if (pr->col[i])
                flow[i] = glp_get_col_prim(lp, (int)pr->col[i]);
    }
    glp_delete_prob(lp);
    return optimum;
}

int rt_packing_compute(rt_packing **out, const rt_loops *loops, rt_status tier)
{
    const rt_graph *g;
    size_t n, narcs, hops = 0;
    size_t *col = NULL, *row = NULL;
    double *cap_low = NULL, *cap_high = NULL, *flow_low = NULL, *flow_high = NULL;
    rt_amount *amounts = NULL;
    program pr;
    rt_packing *p = NULL;
    int rc = RT_ENOMEM;

    if (!out || !loops || (unsigned)tier >= RT_STATUS_COUNT || rt_loops_options(loops)->count_only)
        return RT_EINVAL;
    *out = NULL;
    g = rt_loops_graph(loops);
    n = rt_loops_count(loops);
    narcs = rt_graph_arc_count(g);
    memset(&pr, 0, sizeof(pr));
    for (size_t i = 0; i < n; i++)
        hops += rt_loops_get(loops, i)->length;
    p = rt__calloc(1, sizeof(*p));
    col = rt__calloc(n + 1, sizeof(*col));
    row = rt__calloc(narcs + 1, sizeof(*row));
    cap_low = rt__calloc(hops + 1, sizeof(double));
    cap_high = rt__calloc(hops + 1, sizeof(double));
    flow_low = rt__calloc(n + 1, sizeof(double));
    flow_high = rt__calloc(n + 1, sizeof(double));
    amounts = rt__calloc(hops + 1, sizeof(*amounts));
    pr.ia = rt__calloc(hops + 1, sizeof(int));
    pr.ja = rt__calloc(hops + 1, sizeof(int));
    pr.ar = rt__calloc(hops + 1, sizeof(double));
    if (!p || !col || !row || !cap_low || !cap_high || !flow_low || !flow_high || !amounts ||
        !pr.ia || !pr.ja || !pr.ar)
        goto out;
    p->count = n;
    p->shares = rt__calloc(n + 1, sizeof(*p->shares));
    if (!p->shares)
        goto out;
    rc = RT_EINVAL;
    if (hops >= (size_t)INT32_MAX)
        goto out; /* GLPK numbers rows, columns and entries with int */

    /* Columns, rows and their capacities; a hop's amount at this tier is
     * the same on every loop through it. */
    for (size_t i = 0; i < n; i++) {
        const rt_loop *l = rt_loops_get(loops, i);
        if (l->weakest > tier || !hop_amounts(g, l, tier, amounts))
            continue;
        col[i] = ++pr.ncols;
        for (size_t k = 0; k < l->length; k++) {
            size_t a = l->arcs[k];
            if (!row[a]) {
                row[a] = ++pr.nrows;
                cap_low[pr.nrows] = (double)amounts[k].low;
                cap_high[pr.nrows] = (double)amounts[k].high;
            }
            pr.nnz++;
            pr.ia[pr.nnz] = (int)row[a];
            pr.ja[pr.nnz] = (int)col[i];
            pr.ar[pr.nnz] = 1.0;
        }
    }
    pr.loops = loops;
    pr.col = col;
    p->counted = pr.ncols;
    if (pr.ncols > 0) {
        double low, high;
        int env = glp_init_env(); /* 0: made now, 1: the thread had one */
        if (env != 0 && env != 1) {
            rc = RT_ENOMEM;
            goto out;
        }
        pr.cap = cap_low;
        low = solve(&pr, flow_low);
        pr.cap = cap_high;
        high = solve(&pr, flow_high);
        if (env == 0)
            glp_free_env();
        rc = RT_ERROR;
        if (low < 0 || high < 0)
            goto out;
        p->total =
            (rt_amount){RT_AMOUNT_USD, rt_graph__dollars(low), rt_graph__dollars(high), NULL};
        for (size_t i = 0; i < n; i++)
            if (col[i])
                p->shares[i] = (rt_amount){RT_AMOUNT_USD, rt_graph__dollars(flow_low[i]),
                                           rt_graph__dollars(flow_high[i]), NULL};
    }
    rc = RT_OK;
out:
    rt__free(col);
    rt__free(row);
    rt__free(cap_low);
    rt__free(cap_high);
    rt__free(flow_low);
    rt__free(flow_high);
    rt__free(amounts);
    rt__free(pr.ia);
    rt__free(pr.ja);
    rt__free(pr.ar);
    if (rc < 0) {
        rt_packing_free(p);
        return rc;
    }
    *out = p;
    return RT_OK;
}

void rt_packing_free(rt_packing *p)
{
    if (!p)
        return;
    rt__free(p->shares);
    rt__free(p);
}

const rt_amount *rt_packing_total(const rt_packing *p)
{
    return &p->total;
}

size_t rt_packing_counted(const rt_packing *p)
{
    return p->counted;
}

const rt_amount *rt_packing_share(const rt_packing *p, size_t loop)
{
    static const rt_amount unknown = {RT_AMOUNT_UNKNOWN, 0, 0, NULL};

    return loop < p->count ? &p->shares[loop] : &unknown;
}
