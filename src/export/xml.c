/*
 * libxml2's xmlTextWriter into an rt_buf, for GraphML and GEXF: no XML is
 * made by hand, so what escaping markup needs is libxml2's to get right.
 *
 * libxml2 reports an error (a failed allocation or write) by printing it,
 * unless a handler is set; the handler is per thread, so it is set for the
 * time of one document and the caller's is put back after, and what it
 * gets goes to the caller's diagnostics. xmlInitParser() must run once
 * before libxml2 is used from several threads: pthread_once.
 */
#include "export/xml.h"

#include <libxml/parser.h>
#include <pthread.h>
#include <string.h>

#include "util/diag.h"
#include "util/text.h"

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void init_libxml(void)
{
    xmlInitParser();
}

void rt_export__xml_init(void)
{
    pthread_once(&xml_once, init_libxml);
}

static void on_error(void *ctx, xmlErrorPtr err)
{
    rt_xml *x = ctx;
    size_t n;

    if (!x->diags || !err || !err->message)
        return;
    n = strlen(err->message);
    while (n > 0 && (err->message[n - 1] == '\n' || err->message[n - 1] == ' '))
        n--;
    rt_diags__add(x->diags, RT_SEVERITY_ERROR, NULL, 0, 0, "libxml2: %.*s", (int)n, err->message);
}

static int write_out(void *ctx, const char *buffer, int len)
{
    rt_xml *x = ctx;

    rt_buf__add(x->out, buffer, (size_t)len);
    return x->out->oom ? -1 : len;
}

static int close_out(void *ctx)
{
    (void)ctx;
    return 0;
}

/* The first failure decides: out of memory when our buffer ran out. */
static void failed(rt_xml *x)
{
    if (x->rc == 0)
        x->rc = x->out->oom || x->text.oom ? RT_ENOMEM : RT_ERROR;
}

int rt_export__xml_begin(rt_xml *x, rt_buf *out, rt_diags *diags)
{
    xmlOutputBufferPtr ob;

    memset(x, 0, sizeof(*x));
    x->out = out;
    x->diags = diags;
    rt_export__xml_init();
    x->saved_handler = xmlStructuredError;
    x->saved_context = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(x, on_error);
    ob = xmlOutputBufferCreateIO(write_out, close_out, x, NULL);
    if (!ob) {
        x->rc = RT_ENOMEM;
        return x->rc;
    }
    x->w = xmlNewTextWriter(ob);
    if (!x->w) {
        xmlOutputBufferClose(ob); /* not taken by a writer that failed */
        x->rc = RT_ENOMEM;
        return x->rc;
    }
    if (xmlTextWriterSetIndent(x->w, 1) < 0 ||
        xmlTextWriterSetIndentString(x->w, BAD_CAST "  ") < 0 ||
        xmlTextWriterStartDocument(x->w, NULL, "UTF-8", NULL) < 0)
        failed(x);
    return x->rc;
}

int rt_export__xml_finish(rt_xml *x)
{
    if (x->w) {
        if (x->rc == 0 && (xmlTextWriterEndDocument(x->w) < 0 || xmlTextWriterFlush(x->w) < 0))
            failed(x);
        xmlFreeTextWriter(x->w); /* and the output buffer it writes to */
        x->w = NULL;
    }
    if (x->rc == 0 && x->out->oom)
        x->rc = RT_ENOMEM;
    xmlSetStructuredErrorFunc(x->saved_context, x->saved_handler);
    rt_buf__free(&x->text);
    return x->rc;
}

/* s made XML-safe in x->text, or NULL after a failure. */
static const xmlChar *safe(rt_xml *x, const char *s)
{
    x->text.len = 0;
    if (x->text.data)
        x->text.data[0] = '\0';
    rt_export__xml_safe(&x->text, s);
    if (x->text.oom) {
        failed(x);
        return NULL;
    }
    return BAD_CAST(x->text.data ? x->text.data : "");
}

void rt_export__xml_open(rt_xml *x, const char *name)
{
    if (x->rc == 0 && xmlTextWriterStartElement(x->w, BAD_CAST name) < 0)
        failed(x);
}

void rt_export__xml_close(rt_xml *x)
{
    if (x->rc == 0 && xmlTextWriterEndElement(x->w) < 0)
        failed(x);
}

void rt_export__xml_attr(rt_xml *x, const char *name, const char *value)
{
    const xmlChar *v;

    if (x->rc == 0 && (v = safe(x, value)) != NULL &&
        xmlTextWriterWriteAttribute(x->w, BAD_CAST name, v) < 0)
        failed(x);
}

void rt_export__xml_text(rt_xml *x, const char *text)
{
    const xmlChar *v;

    if (x->rc == 0 && (v = safe(x, text)) != NULL && xmlTextWriterWriteString(x->w, v) < 0)
        failed(x);
}

void rt_export__xml_element(rt_xml *x, const char *name, const char *text)
{
    rt_export__xml_open(x, name);
    rt_export__xml_text(x, text);
    rt_export__xml_close(x);
}

void rt_export__xml_safe(rt_buf *b, const char *s)
{
    static const char replacement[] = "\xef\xbf\xbd"; /* U+FFFD */
    size_t n = strlen(s), len, from = 0;

    for (size_t i = 0; i < n; i += len) {
        unsigned cp = 0;
        bool ok;
        len = rt_text__char(s + i, n - i, &cp);
        ok = len > 0 && (cp >= 0x20 || cp == '\t' || cp == '\n' || cp == '\r') && cp != 0xfffe &&
             cp != 0xffff;
        if (len == 0)
            len = 1;
        if (ok)
            continue;
        rt_buf__add(b, s + from, i - from);
        rt_buf__add(b, replacement, sizeof(replacement) - 1);
        from = i + len;
    }
    rt_buf__add(b, s + from, n - from);
}
