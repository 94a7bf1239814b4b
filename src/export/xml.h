/*
 * libxml2's xmlTextWriter for the XML exports (GraphML, GEXF): it writes
 * into an rt_buf, indented, and every call after the first failure does
 * nothing, so a writer checks once at the end (as rt_buf's oom). libxml2
 * escapes the markup; text from the data is first made into characters
 * XML can hold.
 */
#ifndef RT_EXPORT_XML_H
#define RT_EXPORT_XML_H

#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>

#include "roundtrip/error.h"
#include "util/buf.h"

typedef struct rt_xml {
    xmlTextWriterPtr w;
    rt_buf *out;
    rt_buf text; /* scratch: the last value made XML-safe */
    rt_diags *diags;
    int rc; /* 0 until something fails: RT_ENOMEM or RT_ERROR */
    xmlStructuredErrorFunc saved_handler;
    void *saved_context;
} rt_xml;

/* libxml2 made ready once per process, before any thread uses it (its own
 * rule); roundtrip import's GraphML reader calls it too. */
void rt_export__xml_init(void);

/*
 * Start a document (<?xml version="1.0" encoding="UTF-8"?>) written into
 * `out`. libxml2's errors, which it would print, are recorded in diags
 * (NULL: dropped) until rt_export__xml_finish(): its handler is this
 * thread's while the document is written, and the caller's is put back
 * then. Returns 0, or an error after which finish() still must be called.
 */
int rt_export__xml_begin(rt_xml *x, rt_buf *out, rt_diags *diags);

/* End every open element and the document, free the writer and put the
 * error handler back. Returns 0, RT_ENOMEM or RT_ERROR. */
int rt_export__xml_finish(rt_xml *x);

/* <name ...>; then attributes until the first child or text. */
void rt_export__xml_open(rt_xml *x, const char *name);
void rt_export__xml_close(rt_xml *x);

/* name="value" on the element just opened; value from the data. */
void rt_export__xml_attr(rt_xml *x, const char *name, const char *value);

/* Text content from the data. */
void rt_export__xml_text(rt_xml *x, const char *text);

/* <name>text</name>. */
void rt_export__xml_element(rt_xml *x, const char *name, const char *text);

/*
 * Append s to b with what XML 1.0 cannot hold in any form (C0 controls but
 * tab, line feed and carriage return; U+FFFE and U+FFFF) and any byte that
 * is not UTF-8 written as U+FFFD, as the diagrams draw such bytes. The
 * loader lets none of these through but U+FFFE and U+FFFF; this makes
 * sure. O(length).
 */
void rt_export__xml_safe(rt_buf *b, const char *s);

#endif
