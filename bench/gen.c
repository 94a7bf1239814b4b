/*
 * roundtrip-gen: write a synthetic dataset of money flows for the benchmark.
 *
 * usage: roundtrip-gen [--seed N] [--rich] [--rows R] [-o FILE] SHAPE ARGS
 *
 * The output is a relationships CSV that `roundtrip check` accepts, one row
 * per arc (R rows per arc with --rows), arcs in order of (from, to) by number.
 * It is the same, byte for byte, on every machine: the random numbers come
 * from our own generator (xoshiro256**, seeded through splitmix64; Blackman
 * and Vigna, "Scrambled linear pseudorandom number generators", 2021), drawn
 * as 64-bit integers only, never floating point, and reduced to a range
 * without bias by rejection. The arcs come from one stream; the columns of
 * --rich from a second one (the first after xoshiro's jump, 2^128 draws on),
 * so a seed gives the same graph with and without --rich.
 *
 * Shapes (vertices are 0 .. N-1; no self-loops, no parallel arcs):
 *   gnm N M         M distinct arcs drawn uniformly from the N(N-1) possible.
 *                   Arcs are drawn until M are distinct; when M is more than
 *                   half of N(N-1), the N(N-1) - M missing arcs are drawn
 *                   instead.
 *   gnp N D         each ordered pair u != v, in order, is an arc with
 *                   probability D / (N-1), so D is the mean out-degree. D is a
 *                   decimal with at most 6 places; the test is exact integer
 *                   arithmetic in millionths.
 *   scale-free N M  growth by preferential attachment (Price's model, directed).
 *                   Vertex 0 starts alone. Each new vertex t = 1 .. N-1 sends
 *                   min(M, t) arcs to distinct earlier vertices, each drawn
 *                   with probability proportional to its in-degree + 1
 *                   (duplicates are drawn again); then one earlier vertex,
 *                   drawn the same way, sends an arc to t. That last arc is
 *                   the money coming back: a big supplier backs a newcomer who
 *                   spends with big suppliers, so the graph has cycles. The
 *                   degrees used for vertex t are those before t came. It has
 *                   N - 1 + sum of min(M, t) arcs: about N(M + 1).
 *   complete N      all N(N-1) arcs.
 *
 * Bare rows (the default) are `V<u>,V<v>,equity` under the header from,to,kind.
 * Rich rows, for loading and rendering, name entities `Company <u>` and have
 * the header from,to,kind,amount,status,date,source,url,note: a kind drawn per
 * arc from equity, compute, chips, loan and services, and per row an amount
 * (1M to 999M, or 1B to 99.9B in tenths: 262M, 1.5B), a status (confirmed,
 * reported, talks, rumored), a calendar date from 2018-01-01 to 2026-12-31, a
 * source `Wire 1` to `Wire 99`, the url https://example.com/n/<row> and the
 * quoted note "deal <row>, synthetic". Rows are numbered from 1.
 *
 * Exit status: 0 success, 64 usage error, 71 out of memory, 73 cannot write.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EX_USAGE 64
#define EX_OSERR 71
#define EX_CANTCREAT 73

#define MAX_VERTICES 1000000000ULL /* names fit in 32 bits */

static const char *prog = "roundtrip-gen";

/* ---- random numbers ---------------------------------------------------- */

typedef struct rng {
    uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* xoshiro256** 1.0 (https://prng.di.unimi.it/xoshiro256starstar.c). */
static uint64_t next(rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static void seed_rng(rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

/* Advance by 2^128 draws: a second stream that never meets the first. */
static void jump(rng *r)
{
    static const uint64_t JUMP[] = {0x180ec6d33cfd0abaULL, 0xd5a61266f0c9392cULL,
                                    0xa9582618e03fc9aaULL, 0x39abdc4529b1661cULL};
    uint64_t t[4] = {0, 0, 0, 0};
    for (int i = 0; i < 4; i++)
        for (int b = 0; b < 64; b++) {
            if (JUMP[i] & (UINT64_C(1) << b))
                for (int j = 0; j < 4; j++)
                    t[j] ^= r->s[j];
            next(r);
        }
    memcpy(r->s, t, sizeof t);
}

/* Uniform in [0, n), n > 0: rejection of the low 2^64 mod n values, no bias. */
static uint64_t below(rng *r, uint64_t n)
{
    uint64_t threshold = (0 - n) % n;
    for (;;) {
        uint64_t x = next(r);
        if (x >= threshold)
            return x % n;
    }
}

/* ---- output ------------------------------------------------------------ */

static const char *const kinds[] = {"equity", "compute", "chips", "loan", "services"};
static const char *const statuses[] = {"confirmed", "reported", "talks", "rumored"};

typedef struct writer {
    FILE *f;
    bool rich;
    uint64_t rows_per_arc;
    uint64_t row; /* rows written so far */
    rng attr;     /* the stream of the --rich columns */
} writer;

static int days_in(unsigned year, unsigned month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

static void write_header(writer *w)
{
    fputs(w->rich ? "from,to,kind,amount,status,date,source,url,note\n" : "from,to,kind\n", w->f);
}

/* One row per claim: the kind is the arc's, the rest is drawn per row. */
static void emit(writer *w, uint64_t u, uint64_t v)
{
    if (!w->rich) {
        fprintf(w->f, "V%" PRIu64 ",V%" PRIu64 ",equity\n", u, v);
        w->row++;
        return;
    }
    const char *kind = kinds[below(&w->attr, 5)];
    for (uint64_t k = 0; k < w->rows_per_arc; k++) {
        uint64_t i = ++w->row;
        char amount[16];
        if (below(&w->attr, 3) == 0) { /* billions, one decimal: 1.5B, 12B */
            unsigned tenths = 10 + (unsigned)below(&w->attr, 990);
            if (tenths % 10)
                snprintf(amount, sizeof amount, "%u.%uB", tenths / 10, tenths % 10);
            else
                snprintf(amount, sizeof amount, "%uB", tenths / 10);
        } else {
            snprintf(amount, sizeof amount, "%uM", 1 + (unsigned)below(&w->attr, 999));
        }
        const char *status = statuses[below(&w->attr, 4)];
        unsigned year = 2018 + (unsigned)below(&w->attr, 9);
        unsigned month = 1 + (unsigned)below(&w->attr, 12);
        unsigned day = 1 + (unsigned)below(&w->attr, (uint64_t)days_in(year, month));
        unsigned wire = 1 + (unsigned)below(&w->attr, 99);
        fprintf(w->f,
                "Company %" PRIu64 ",Company %" PRIu64 ",%s,%s,%s,%04u-%02u-%02u,Wire %u,"
                "https://example.com/n/%" PRIu64 ",\"deal %" PRIu64 ", synthetic\"\n",
                u, v, kind, amount, status, year, month, day, wire, i, i);
    }
}

/* ---- arcs as 64-bit keys: from << 32 | to, so sorting keys sorts arcs ---- */

#define KEY(u, v) ((uint64_t)(u) << 32 | (uint64_t)(v))
#define EMPTY UINT64_MAX /* never a key: vertices are below 2^30 */

typedef struct keyset {
    uint64_t *slot;
    uint64_t mask;
    uint64_t count;
} keyset;

static uint64_t mix(uint64_t x)
{
    return splitmix64(&x);
}

static int keyset_init(keyset *s, uint64_t capacity)
{
    uint64_t n = 16;
    while (n < 2 * capacity)
        n *= 2;
    s->slot = malloc(n * sizeof *s->slot);
    if (!s->slot)
        return -1;
    for (uint64_t i = 0; i < n; i++)
        s->slot[i] = EMPTY;
    s->mask = n - 1;
    s->count = 0;
    return 0;
}

/* Returns true if key was new. */
static bool keyset_add(keyset *s, uint64_t key)
{
    uint64_t i = mix(key) & s->mask;
    while (s->slot[i] != EMPTY) {
        if (s->slot[i] == key)
            return false;
        i = (i + 1) & s->mask;
    }
    s->slot[i] = key;
    s->count++;
    return true;
}

static int cmp_key(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Moves the keys to the front of the slot array, sorted; returns it. */
static uint64_t *keyset_sorted(keyset *s)
{
    uint64_t n = 0;
    for (uint64_t i = 0; i <= s->mask; i++)
        if (s->slot[i] != EMPTY)
            s->slot[n++] = s->slot[i];
    qsort(s->slot, (size_t)n, sizeof *s->slot, cmp_key);
    return s->slot;
}

/* ---- shapes ------------------------------------------------------------ */

static int gen_gnm(writer *w, rng *r, uint64_t n, uint64_t m)
{
    uint64_t total = n * (n - 1);
    bool complement = m > total / 2;
    uint64_t draw = complement ? total - m : m;
    keyset s;
    if (keyset_init(&s, draw) < 0)
        return EX_OSERR;
    while (s.count < draw) {
        uint64_t u = below(r, n), v = below(r, n - 1);
        keyset_add(&s, KEY(u, v < u ? v : v + 1));
    }
    uint64_t *keys = keyset_sorted(&s);
    if (!complement) {
        for (uint64_t i = 0; i < m; i++)
            emit(w, keys[i] >> 32, keys[i] & 0xffffffffu);
    } else {
        uint64_t next_missing = 0;
        for (uint64_t u = 0; u < n; u++)
            for (uint64_t v = 0; v < n; v++) {
                if (u == v)
                    continue;
                if (next_missing < draw && keys[next_missing] == KEY(u, v)) {
                    next_missing++;
                    continue;
                }
                emit(w, u, v);
            }
    }
    free(s.slot);
    return 0;
}

static int gen_gnp(writer *w, rng *r, uint64_t n, uint64_t millionths)
{
    uint64_t range = (n - 1) * 1000000;
    for (uint64_t u = 0; u < n; u++)
        for (uint64_t v = 0; v < n; v++)
            if (u != v && below(r, range) < millionths)
                emit(w, u, v);
    return 0;
}

static int gen_complete(writer *w, uint64_t n)
{
    for (uint64_t u = 0; u < n; u++)
        for (uint64_t v = 0; v < n; v++)
            if (u != v)
                emit(w, u, v);
    return 0;
}

static int gen_scale_free(writer *w, rng *r, uint64_t n, uint64_t m)
{
    /* pool holds each vertex once, plus once more per arc into it, so a
     * uniform draw from pool[0 .. len) picks v with weight in-degree(v) + 1. */
    uint64_t max_arcs = (n - 1) * (m + 1);
    uint64_t *arcs = malloc(max_arcs * sizeof *arcs);
    uint32_t *pool = malloc((n + max_arcs) * sizeof *pool);
    uint32_t *picked = malloc(n * sizeof *picked); /* picked[s] == t: t chose s */
    int err = 0;
    if (!arcs || !pool || !picked) {
        err = EX_OSERR;
        goto out;
    }
    uint64_t narcs = 0, len = 0;
    pool[len++] = 0;
    picked[0] = 0;
    for (uint64_t t = 1; t < n; t++) {
        uint64_t first = narcs;
        picked[t] = 0;
        if (t <= m) {
            for (uint64_t s = 0; s < t; s++)
                arcs[narcs++] = KEY(t, s);
        } else {
            for (uint64_t k = 0; k < m;) {
                uint32_t s = pool[below(r, len)];
                if (picked[s] == t)
                    continue;
                picked[s] = (uint32_t)t;
                arcs[narcs++] = KEY(t, s);
                k++;
            }
        }
        uint32_t backer = pool[below(r, len)];
        arcs[narcs++] = KEY(backer, t);
        for (uint64_t i = first; i < narcs - 1; i++)
            pool[len++] = (uint32_t)(arcs[i] & 0xffffffffu);
        pool[len++] = (uint32_t)t; /* its + 1 */
        pool[len++] = (uint32_t)t; /* the backer's arc */
    }
    qsort(arcs, (size_t)narcs, sizeof *arcs, cmp_key);
    for (uint64_t i = 0; i < narcs; i++)
        emit(w, arcs[i] >> 32, arcs[i] & 0xffffffffu);
out:
    free(picked);
    free(pool);
    free(arcs);
    return err;
}

/* ---- command line ------------------------------------------------------ */

static void print_help(FILE *f)
{
    fprintf(f,
            "usage: roundtrip-gen [--seed N] [--rich] [--rows R] [-o FILE] SHAPE ARGS\n"
            "\n"
            "Write a synthetic relationships CSV for the benchmark: the same bytes for the\n"
            "same arguments on every machine. Vertices are 0 .. N-1, with no self-loops and no\n"
            "parallel arcs; rows come in order of (from, to).\n"
            "\n"
            "Shapes:\n"
            "  gnm N M          M distinct arcs drawn uniformly (M <= N(N-1))\n"
            "  gnp N D          each ordered pair an arc with probability D/(N-1)\n"
            "                   (D: mean out-degree, at most 6 decimals)\n"
            "  scale-free N M   preferential attachment: each new vertex sends min(M, t) arcs\n"
            "                   to earlier vertices drawn by in-degree + 1, and one earlier\n"
            "                   vertex drawn the same way sends an arc back to it\n"
            "  complete N       all N(N-1) arcs\n"
            "\n"
            "Options:\n"
            "      --seed N     seed of the generator (default 1)\n"
            "      --rich       realistic rows: from,to,kind,amount,status,date,source,url,note\n"
            "                   with entities 'Company <n>'; without it, bare rows\n"
            "                   'V<u>,V<v>,equity' under the header from,to,kind\n"
            "      --rows R     with --rich: R claims (rows) per relationship (default 1)\n"
            "  -o, --output FILE  write to FILE instead of stdout\n"
            "  -h, --help       show this help\n"
            "\n"
            "Exit status: 0 success, 64 usage error, 71 out of memory, 73 cannot write.\n"
            "\n"
            "Examples:\n"
            "  roundtrip-gen --seed 7 gnm 400 580 > sparse.csv\n"
            "  roundtrip-gen --rich -o rich.csv gnm 5000 10000\n");
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", prog);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'roundtrip-gen --help'.\n");
    return EX_USAGE;
}

/* A whole decimal number in [lo, hi]; false on anything else. */
static bool parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
    if (*s < '0' || *s > '9')
        return false; /* strtoull would take spaces, signs and "-1" */
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 10);
    if (errno || *end || x < lo || x > hi)
        return false;
    *out = x;
    return true;
}

/* A decimal like 2.6 as millionths (2600000), exactly; false if malformed. */
static bool parse_millionths(const char *s, uint64_t *out)
{
    uint64_t whole = 0, frac = 0;
    int places = 0;
    const char *p = s;
    if (*p < '0' || *p > '9')
        return false;
    for (; *p >= '0' && *p <= '9'; p++) {
        whole = whole * 10 + (uint64_t)(*p - '0');
        if (whole > MAX_VERTICES)
            return false;
    }
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return false;
        for (; *p >= '0' && *p <= '9'; p++) {
            if (++places > 6)
                return false;
            frac = frac * 10 + (uint64_t)(*p - '0');
        }
    }
    if (*p)
        return false;
    for (; places < 6; places++)
        frac *= 10;
    *out = whole * 1000000 + frac;
    return true;
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        {"seed", required_argument, NULL, 's'}, {"rich", no_argument, NULL, 'r'},
        {"rows", required_argument, NULL, 'R'}, {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0},
    };
    uint64_t seed = 1, rows = 1;
    bool rich = false, rows_given = false;
    const char *output = NULL;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
        switch (c) {
        case 's':
            if (!parse_u64(optarg, 0, UINT64_MAX, &seed))
                return usage_error("bad seed '%s' (a whole number below 2^64)", optarg);
            break;
        case 'r':
            rich = true;
            break;
        case 'R':
            if (!parse_u64(optarg, 1, 1000000, &rows))
                return usage_error("bad --rows '%s' (1 to 1000000)", optarg);
            rows_given = true;
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            print_help(stdout);
            return 0;
        case ':':
            return usage_error("option '%s' needs a value", argv[optind - 1]);
        default:
            return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (rows_given && !rich)
        return usage_error("%s needs --rich", "--rows");
    if (optind >= argc)
        return usage_error("%s", "no shape given (gnm, gnp, scale-free or complete)");

    const char *shape = argv[optind];
    char **args = argv + optind + 1;
    int nargs = argc - optind - 1;
    static const char *const shapes[][2] = {{"gnm", "gnm N M"},
                                            {"gnp", "gnp N D"},
                                            {"scale-free", "scale-free N M"},
                                            {"complete", "complete N"}};
    const char *synopsis = NULL;
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        if (strcmp(shape, shapes[i][0]) == 0)
            synopsis = shapes[i][1];
    if (!synopsis)
        return usage_error("unknown shape '%s' (gnm, gnp, scale-free or complete)", shape);
    int want = strcmp(shape, "complete") == 0 ? 1 : 2;
    if (nargs != want)
        return usage_error("expected %s", synopsis);

    uint64_t n, a = 0;
    if (!parse_u64(args[0], 2, MAX_VERTICES, &n))
        return usage_error("bad N '%s' (2 to 1000000000 vertices)", args[0]);
    if (strcmp(shape, "gnm") == 0) {
        if (!parse_u64(args[1], 0, n * (n - 1), &a))
            return usage_error("bad M '%s' (0 to N(N-1) arcs)", args[1]);
    } else if (strcmp(shape, "gnp") == 0) {
        if (!parse_millionths(args[1], &a) || a > (n - 1) * 1000000)
            return usage_error("bad D '%s' (a mean out-degree from 0 to N-1, at most 6 "
                               "decimals)",
                               args[1]);
    } else if (strcmp(shape, "scale-free") == 0) {
        if (!parse_u64(args[1], 1, n - 1, &a))
            return usage_error("bad M '%s' (1 to N-1 arcs per new vertex)", args[1]);
    }

    writer w = {.f = stdout, .rich = rich, .rows_per_arc = rows, .row = 0};
    if (output && !(w.f = fopen(output, "w"))) {
        fprintf(stderr, "%s: cannot create %s: %s\n", prog, output, strerror(errno));
        return EX_CANTCREAT;
    }
    rng r;
    seed_rng(&r, seed);
    w.attr = r;
    jump(&w.attr);

    write_header(&w);
    int err;
    if (strcmp(shape, "gnm") == 0)
        err = gen_gnm(&w, &r, n, a);
    else if (strcmp(shape, "gnp") == 0)
        err = gen_gnp(&w, &r, n, a);
    else if (strcmp(shape, "scale-free") == 0)
        err = gen_scale_free(&w, &r, n, a);
    else
        err = gen_complete(&w, n);

    bool bad = ferror(w.f) != 0;
    if (output)
        bad |= fclose(w.f) != 0;
    else
        bad |= fflush(w.f) != 0;
    if (err == EX_OSERR)
        fprintf(stderr, "%s: out of memory\n", prog);
    else if (bad) {
        fprintf(stderr, "%s: cannot write %s\n", prog, output ? output : "stdout");
        err = EX_CANTCREAT;
    }
    if (err && output)
        remove(output);
    return err;
}
