/*
 * CSV reading on top of libcsv.
 *
 * libcsv reports fields and rows through callbacks but not where they are.
 * We feed it the input in segments that end at each byte that can end a
 * field (the delimiter, CR or LF). A field can only end on the last byte of
 * a segment, so when libcsv calls back we know the field ended there and
 * began just after the previous field's end; the offset gives the line.
 * This costs one libcsv call per field, not per byte.
 */
#include "load/csvread.h"

#include <csv.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "util/alloc.h"
#include "util/diag.h"
#include "util/text.h"

#define SEGMENT_MAX ((size_t)64 * 1024)

typedef struct field_pos {
    size_t off; /* into the row buffer */
    size_t len;
    int line;
} field_pos;

typedef struct reader {
    const char *file;
    const char *buf;
    size_t len;
    rt_diags *diags;
    struct csv_parser parser;
    unsigned char delim;

    size_t seg_end;     /* offset of the last byte of the segment being parsed */
    size_t field_start; /* offset where the next field begins */
    size_t scan_off;    /* line counting: lines before scan_off are counted */
    int scan_line;
    bool has_cr; /* a carriage return is in the file: lines can end in one alone */

    char *rowbuf; /* this row's field bytes, each NUL-terminated */
    size_t rowlen, rowcap;
    field_pos *pos;
    size_t nfields, poscap;
    rt_csv_field *out;
    size_t outcap;
    bool row_bad; /* already reported; do not pass on */

    size_t header_count; /* 0 until the header row is read */
    bool header_failed;  /* the header row was unreadable: skip the file */
    bool stopped;        /* a field was too long: the rest is not read */
    int rc;              /* first fatal error */
    rt_csv_row_cb cb;
    void *payload;
} reader;

bool rt_csv__utf8_valid(const char *s, size_t n, size_t *bad)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    while (i < n) {
        unsigned c = u[i], cp;
        size_t len;

        /* Eight bytes at a time while they are ASCII and not NUL (a zero
         * byte makes v - 0x01..01 borrow into its top bit). */
        if (n - i >= 8) {
            uint64_t v;
            memcpy(&v, u + i, 8);
            if (((v | (v - UINT64_C(0x0101010101010101))) & UINT64_C(0x8080808080808080)) == 0) {
                i += 8;
                continue;
            }
        }
        if (c == 0 || (len = rt_text__char(s + i, n - i, &cp)) == 0)
            goto invalid;
        i += len;
    }
    return true;
invalid:
    *bad = i;
    return false;
}

/* The line of a byte offset. Offsets asked for only grow, so counting is
 * linear over the file; a smaller one restarts from the top. */
static int line_at(reader *r, size_t off)
{
    if (off < r->scan_off) {
        r->scan_off = 0;
        r->scan_line = 1;
    }
    if (!r->has_cr) {
        /* Lines end in \n alone: memchr() finds them many bytes at a time. */
        const char *p = r->buf + r->scan_off, *end = r->buf + (off < r->len ? off : r->len);
        while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
            r->scan_line++;
            p++;
        }
    } else {
        for (size_t i = r->scan_off; i < off && i < r->len; i++) {
            if (r->buf[i] == '\n' ||
                (r->buf[i] == '\r' && (i + 1 >= r->len || r->buf[i + 1] != '\n')))
                r->scan_line++;
        }
    }
    if (off > r->scan_off)
        r->scan_off = off;
    return r->scan_line;
}

/* Skip line breaks and blanks: a field that follows a row end starts past them. */
static size_t skip_breaks(const reader *r, size_t start, size_t limit)
{
    while (start < limit && (r->buf[start] == '\r' || r->buf[start] == '\n' ||
                             r->buf[start] == ' ' || r->buf[start] == '\t'))
        start++;
    return start;
}

static void report(reader *r, int line, int col, const char *fmt, ...) RT_PRINTF(4, 5);

static void report(reader *r, int line, int col, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (rt_diags__addv(r->diags, RT_SEVERITY_ERROR, r->file, line, col, fmt, ap) < 0)
        r->rc = RT_ENOMEM;
    va_end(ap);
}

static void reset_row(reader *r)
{
    r->rowlen = 0;
    r->nfields = 0;
    r->row_bad = false;
}

/* The field being read has passed RT_CSV_FIELD_MAX: report it, and read no
 * further (what follows an open quote cannot be trusted). */
static void too_long(reader *r)
{
    size_t start = skip_breaks(r, r->field_start, r->len);

    report(r, line_at(r, start), (int)r->nfields + 1,
           "field longer than 1 MiB (a spreadsheet cell holds at most 32767 characters; "
           "is a quote left open?); the rest of the file was not read");
    r->stopped = true;
}

static void on_field(void *data, size_t len, void *payload)
{
    reader *r = payload;
    const char *s = data ? data : "";
    size_t start = r->field_start, bad;
    field_pos *pos;
    char *rowbuf;

    if (r->rc || r->stopped)
        return;
    if (len > RT_CSV_FIELD_MAX) {
        too_long(r);
        return;
    }
    start = skip_breaks(r, start, r->seg_end);
    r->field_start = r->seg_end + 1;

    /* libcsv trims unquoted fields; trim quoted ones too. */
    while (len > 0 && (s[0] == ' ' || s[0] == '\t')) {
        s++;
        len--;
    }
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;

    pos = rt__grow(r->pos, &r->poscap, r->nfields + 1, sizeof(*pos));
    if (!pos) {
        r->rc = RT_ENOMEM;
        return;
    }
    r->pos = pos;
    rowbuf = rt__grow(r->rowbuf, &r->rowcap, r->rowlen + len + 1, 1);
    if (!rowbuf) {
        r->rc = RT_ENOMEM;
        return;
    }
    r->rowbuf = rowbuf;
    memcpy(r->rowbuf + r->rowlen, s, len);
    r->rowbuf[r->rowlen + len] = '\0';
    pos[r->nfields] = (field_pos){r->rowlen, len, line_at(r, start)};
    r->rowlen += len + 1;
    r->nfields++;

    /* Once the header is unreadable no row is checked (header_unreadable()). */
    if (!r->row_bad && !r->header_failed && !rt_csv__utf8_valid(s, len, &bad)) {
        report(r, pos[r->nfields - 1].line, (int)r->nfields,
               s[bad] == '\0' ? "NUL byte in field (the file is binary or UTF-16; save it "
                                "as CSV UTF-8)"
                              : "invalid UTF-8 in field (save the file as CSV UTF-8)");
        r->row_bad = true;
    }
}

/* Without a header the columns are unknown: say so once, and check no row. */
static void header_unreadable(reader *r, int line)
{
    r->header_failed = true;
    report(r, line, 1, "cannot read the header row, so the rows of this file were not checked");
}

static bool row_is_empty(const reader *r)
{
    for (size_t i = 0; i < r->nfields; i++)
        if (r->pos[i].len > 0)
            return false;
    return true;
}

static void on_row(int c, void *payload)
{
    reader *r = payload;
    rt_csv_field *out;
    int line;

    (void)c;
    if (r->rc || r->stopped)
        return;
    r->field_start = r->seg_end + 1;
    if (r->header_count == 0 && r->row_bad && !r->header_failed)
        header_unreadable(r, r->pos[0].line);
    if (r->nfields == 0 || r->row_bad || r->header_failed ||
        (r->header_count > 0 && row_is_empty(r)))
        goto done;
    line = r->pos[0].line;
    if (r->header_count == 0) {
        r->header_count = r->nfields;
    } else if (r->nfields != r->header_count) {
        bool more = r->nfields > r->header_count;
        /* Point at the first extra field, or the first missing one. */
        report(r, line, more ? (int)r->header_count + 1 : (int)r->nfields + 1,
               "expected %zu fields like the header, found %zu%s", r->header_count, r->nfields,
               more ? " (quote fields that contain the delimiter)" : "");
        goto done;
    }
    out = rt__grow(r->out, &r->outcap, r->nfields, sizeof(*out));
    if (!out) {
        r->rc = RT_ENOMEM;
        return;
    }
    r->out = out;
    for (size_t i = 0; i < r->nfields; i++)
        out[i] = (rt_csv_field){r->rowbuf + r->pos[i].off, r->pos[i].len, r->pos[i].line};
    r->rc = r->cb(&(rt_csv_row){out, r->nfields, line}, r->payload);
done:
    reset_row(r);
}

/* Choose the delimiter from the header line: commas, or else semicolons or
 * tabs (spreadsheets in locales with a decimal comma export with ';'). */
static unsigned char detect_delimiter(const char *s, size_t n)
{
    size_t commas = 0, semis = 0, tabs = 0;

    for (size_t i = 0; i < n && s[i] != '\n' && s[i] != '\r'; i++) {
        commas += s[i] == ',';
        semis += s[i] == ';';
        tabs += s[i] == '\t';
    }
    if (commas == 0 && semis > 0)
        return ';';
    if (commas == 0 && tabs > 0)
        return '\t';
    return ',';
}

static int is_space_char(unsigned char c)
{
    return c == ' ';
}

static void *csv_realloc(void *p, size_t n)
{
    return rt__realloc(p, n);
}

static int parser_init(reader *r)
{
    if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return RT_ENOMEM;
    csv_set_delim(&r->parser, r->delim);
    /* libcsv's own test (no call per byte) is space or tab, as wanted; with
     * tabs as delimiters, only a space is a blank. */
    csv_set_space_func(&r->parser, r->delim == '\t' ? is_space_char : NULL);
    csv_set_realloc_func(&r->parser, csv_realloc);
    csv_set_free_func(&r->parser, rt__free);
    return RT_OK;
}

/* After a quoting error libcsv's state is lost: report, then start again at
 * the next line. Returns the offset to go on from. */
static size_t recover(reader *r, size_t err)
{
    int line = line_at(r, err);
    size_t next = err, start = skip_breaks(r, r->field_start, err);

    /* Whether the field opened with a quote tells which mistake this is. */
    if (r->buf[start] == '"')
        report(r, line, (int)r->nfields + 1,
               "unexpected character after a closing quote (inside a quoted field, write a "
               "quote as \"\")");
    else
        report(r, line, (int)r->nfields + 1,
               "unexpected '\"' inside an unquoted field (quote the whole field and double "
               "the quotes inside it: \"say \"\"hi\"\"\")");
    if (r->header_count == 0 && !r->header_failed)
        header_unreadable(r, line);
    while (next < r->len && r->buf[next] != '\n' && r->buf[next] != '\r')
        next++;
    csv_free(&r->parser);
    reset_row(r);
    if (parser_init(r) < 0)
        r->rc = RT_ENOMEM;
    r->field_start = next;
    return next;
}

int rt_csv__read(const char *file, const char *data, size_t len, rt_diags *diags, rt_csv_row_cb cb,
                 void *payload)
{
    reader r = {0};
    size_t i = 0;
    const unsigned char *u = (const unsigned char *)data;

    r.file = file;
    r.buf = data;
    r.len = len;
    r.has_cr = len > 0 && memchr(data, '\r', len) != NULL;
    r.diags = diags;
    r.cb = cb;
    r.payload = payload;
    r.scan_line = 1;

    if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff))) {
        report(&r, 1, 1, "file is UTF-16 encoded (save it as CSV UTF-8)");
        return r.rc;
    }
    if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
        i = 3;
    {
        size_t k = i;
        while (k < len && (data[k] == ' ' || data[k] == '\t' || data[k] == '\r' || data[k] == '\n'))
            k++;
        if (k == len) {
            report(&r, 1, 1, "empty file (expected a header row naming the columns)");
            return r.rc;
        }
    }
    r.delim = detect_delimiter(data + i, len - i);
    r.field_start = i;
    if (parser_init(&r) < 0)
        return RT_ENOMEM;

    while (i < len && !r.rc && !r.stopped) {
        size_t j = i, n;
        /* Segments are also cut every SEGMENT_MAX bytes: no field ends inside
         * such a cut, and libcsv's block size can grow between calls. */
        while (j < len && j - i < SEGMENT_MAX && data[j] != (char)r.delim && data[j] != '\n' &&
               data[j] != '\r')
            j++;
        if (j < len)
            j++;
        r.seg_end = j - 1;
        /* Quotes and the terminator may come on top of the field's bytes;
         * on_field() checks the exact length. */
        if (j - r.field_start > RT_CSV_FIELD_MAX + 3) {
            too_long(&r);
            break;
        }
        /* libcsv grows a field's buffer by a fixed block; make the block the
         * buffer's size so growth doubles and a huge field costs linear time. */
        if (csv_get_buffer_size(&r.parser) > 128)
            csv_set_blk_size(&r.parser, csv_get_buffer_size(&r.parser));
        n = csv_parse(&r.parser, data + i, j - i, on_field, on_row, &r);
        if (r.rc)
            break;
        if (n != j - i) {
            if (csv_error(&r.parser) != CSV_EPARSE) {
                r.rc = RT_ENOMEM;
                break;
            }
            i = recover(&r, i + n);
            continue;
        }
        i = j;
    }
    if (!r.rc && !r.stopped) {
        r.seg_end = len;
        if (csv_fini(&r.parser, on_field, on_row, &r) != 0 && !r.rc) {
            if (csv_error(&r.parser) == CSV_EPARSE)
                report(&r, line_at(&r, skip_breaks(&r, r.field_start, len)), (int)r.nfields + 1,
                       "unterminated quoted field: its opening quote is never closed");
            else
                r.rc = RT_ENOMEM;
        }
    }
    csv_free(&r.parser);
    rt__free(r.rowbuf);
    rt__free(r.pos);
    rt__free(r.out);
    return r.rc;
}
