/*
 * igraph's default error handler aborts the process (igraph_error.h: "The
 * default error handler is igraph_error_handler_abort") and its warnings go
 * to stderr. A library must do neither: ours records the reason, frees
 * igraph's temporary memory as its documentation requires of a handler
 * that returns, and lets the igraph function return its error code.
 */
#include "graph/igraph.h"

#include <igraph.h>
#include <stdio.h>

static char reason[256];

static void on_error(const char *why, const char *file, int line, igraph_error_t err)
{
    snprintf(reason, sizeof(reason), "igraph: %s (%s, %s:%d)", why, igraph_strerror(err), file,
             line);
    IGRAPH_FINALLY_FREE();
}

static void on_warning(const char *why, const char *file, int line)
{
    (void)why;
    (void)file;
    (void)line;
}

static igraph_error_handler_t *saved_error;
static igraph_warning_handler_t *saved_warning;

void rt_igraph__install(void)
{
    reason[0] = '\0';
    saved_error = igraph_set_error_handler(on_error);
    saved_warning = igraph_set_warning_handler(on_warning);
}

void rt_igraph__restore(void)
{
    /* A program that uses igraph itself keeps its own handlers. */
    igraph_set_error_handler(saved_error);
    igraph_set_warning_handler(saved_warning);
}

const char *rt_igraph__reason(void)
{
    return reason;
}
