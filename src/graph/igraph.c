/*
 * igraph's default error handler aborts the process (igraph_error.h: "The
 * default error handler is igraph_error_handler_abort") and its warnings go
 * to stderr. A library must do neither: ours records the reason, frees
 * igraph's temporary memory as its documentation requires of a handler
 * that returns, and lets the igraph function return its error code.
 *
 * igraph 0.10.2 as Debian builds it is not thread-safe (igraph_threading.h:
 * IGRAPH_THREAD_SAFE is 0): its handlers, and the FINALLY stack its
 * functions clean up with, are process globals. So the library calls
 * igraph only between rt_igraph__install() and rt_igraph__restore(), which
 * hold one lock: two threads may analyse at once, and take turns in
 * igraph. The reason of the last error is a buffer guarded by the same
 * lock. These three, the lock, the reason and the saved handlers, are the
 * library's only global state besides Graphviz's (render.c); they are on
 * the allow list of tests/no-global-state.sh.
 */
#include "graph/igraph.h"

#include <igraph.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t igraph_lock = PTHREAD_MUTEX_INITIALIZER;
static char reason[256];
static igraph_error_handler_t *saved_error;
static igraph_warning_handler_t *saved_warning;

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

void rt_igraph__install(void)
{
    pthread_mutex_lock(&igraph_lock);
    reason[0] = '\0';
    saved_error = igraph_set_error_handler(on_error);
    saved_warning = igraph_set_warning_handler(on_warning);
}

void rt_igraph__restore(void)
{
    /* A program that uses igraph itself keeps its own handlers. */
    igraph_set_error_handler(saved_error);
    igraph_set_warning_handler(saved_warning);
    pthread_mutex_unlock(&igraph_lock);
}

const char *rt_igraph__reason(void)
{
    return reason;
}
