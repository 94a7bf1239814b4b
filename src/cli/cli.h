/* The command line: one function per subcommand, listed in main.c. */
#ifndef RT_CLI_H
#define RT_CLI_H

#include <stdio.h>

#include <roundtrip/roundtrip.h>

#include "options.h"

/* sysexits(3) codes: the documented exit statuses of roundtrip. */
enum {
    EXIT_USAGE = 64,
    EXIT_DATAERR = 65,
    EXIT_NOINPUT = 66,
    EXIT_SOFTWARE = 70,
    EXIT_OSERR = 71,
    EXIT_CANTCREAT = 73,
};

/* The return value of cmd_foo() is the exit status (git's builtin.h). */
int cmd_check(int argc, char **argv);
int cmd_loops(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_entities(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);

/* The exit status for a library error code (RT_EDATA -> 65 and so on). */
int cli_exit_status(int rc);

/* Print diagnostics from index `from` on to stderr, compiler style:
 * "file:line:col: message" and "file:line:col: warning: message". */
void cli_print_diags(const rt_diags *diags, size_t from);

/* Report a usage error for `cmd` on stderr and return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The one DATASET operand after the options, in *path; 0 or EXIT_USAGE. */
int cli_dataset_operand(const char *cmd, int argc, char **argv, const char **path);

/* A new diagnostics list in *out; 0, or EXIT_OSERR after saying so. */
int cli_diags_new(rt_diags **out);

/* Prepare the process for writing outputs, first thing in main(): the
 * handler that removes temporary files on SIGHUP, SIGINT, SIGQUIT, SIGTERM
 * and SIGPIPE, SIGXFSZ ignored, and closed standard descriptors held so
 * that no file takes their number (writing to them still fails). */
void cli_process_init(void);

/* The outputs of one run, written together by cli_outputs_commit(), and the
 * datasets the run reads, which no output may overwrite. Any number of
 * outputs (a note and a diagram per loop). */
#define CLI_DATASETS_MAX 2

typedef struct cli_output {
    const char *path; /* "-" for stdout */
    const char *data;
    size_t len;
} cli_output;

typedef struct cli_outputs {
    const char *datasets[CLI_DATASETS_MAX];
    size_t dataset_count;
    cli_output *outputs; /* malloc'd */
    size_t count, cap;
    bool oom; /* an output could not be added: the commit refuses */
} cli_outputs;

/* An empty set; cli_outputs_commit() or cli_outputs_free() frees it. */
void cli_outputs_init(cli_outputs *set);

/* Drop the outputs not committed (the data stays its owners'). */
void cli_outputs_free(cli_outputs *set);

/* A dataset path of the run, as given to rt_dataset_load(). */
void cli_outputs_input(cli_outputs *set, const char *dataset);

/* Add an output. `path` and `data` are borrowed until the commit. Out of
 * memory, the set remembers it and its commit writes nothing. */
void cli_outputs_add(cli_outputs *set, const char *path, const char *data, size_t len);

/* Write every output, whole, or none: files through temporary files renamed
 * over them only once all are complete, stdout, descriptors, devices and
 * pipes as they are. Refuses an output that is a file of a dataset or the
 * same as another output. Returns 0, or EXIT_CANTCREAT / EXIT_OSERR after
 * saying why, with every file as it was; the set is empty (and freed) after. */
int cli_outputs_commit(cli_outputs *set);

/* The set of one output: data to path, which must not be a file of
 * `dataset` (NULL: no dataset). */
int cli_write_output(const char *path, const char *data, size_t len, const char *dataset);

/* Say "roundtrip: PATH: WHAT: why" for errno `e` on stderr; EXIT_CANTCREAT
 * (EXIT_OSERR for ENOMEM). */
int cli_cannot(const char *path, const char *what, int e);

/* The path of `target` relative to the directory of `from_file` ("-" or
 * NULL: the current directory), for a link in a report. Both directories
 * must exist: NULL with errno set otherwise, and *missing the path
 * (from_file or target) whose directory does not; *missing is NULL when
 * memory ran out. malloc'd. */
char *cli_relative_link(const char *from_file, const char *target, const char **missing);

/* Load `path`, build its graph and, when `loops` is not NULL, find its
 * loops, with a progress line on a terminal (pipeline.c); print the
 * diagnostics and a warning if the search was truncated. Returns the exit
 * status. */
int cli_find_loops(const char *cmd, const char *path, const rt_graph_options *go,
                   const rt_loop_options *lo, rt_diags *diags, rt_dataset **ds, rt_graph **g,
                   rt_loops **loops);

/* Text from the data or a path, shown as the text reports show it
 * (rt_text_show()): in a scratch buffer that grows as needed. */
typedef struct cli_text {
    char *data;
    size_t cap;
} cli_text;

#define CLI_TEXT_INIT                                                                              \
    {                                                                                              \
        NULL, 0                                                                                    \
    }

/* s shown in t's buffer (valid until t is used again); an ellipsis when out
 * of memory, never s itself. */
const char *cli_show(cli_text *t, const char *s);

/* Free the buffers of n scratch texts. */
void cli_text_free(cli_text *t, size_t n);

#endif
