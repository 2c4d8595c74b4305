#ifndef RETAKE_COACH_CLIBEDIT_SHIM_H
#define RETAKE_COACH_CLIBEDIT_SHIM_H

// libedit's native API. Its variadic entry points (el_set, el_get and
// history) cannot be called from Swift, so each use the line editor makes is
// wrapped in a small inline function here.
#include <stdio.h>
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <histedit.h>

/// Takes the locale from the environment; when its characters are not
/// UTF-8 (`LANG=C`), reads them as UTF-8 all the same, or libedit drops
/// every non-ASCII key typed.
static inline void rc_set_locale(void) {
    setlocale(LC_ALL, "");
    if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0) setlocale(LC_CTYPE, "C.UTF-8");
}

/// An editor that reads the terminal on standard input and shows the line
/// on standard output, or with `on_terminal` on the terminal itself.
/// libedit edits only when its output descriptor is a terminal, so the
/// terminal's own descriptor (0) stands for it: with standard output piped
/// (`| tee`), lines are still edited, and what the editor shows goes down
/// the pipe in order with the rest of the output. Its stream is unbuffered,
/// as the program writes to standard output's descriptor directly.
static inline EditLine *rc_el_init(const char *program, int on_terminal) {
    FILE *out = on_terminal ? fopen("/dev/tty", "w") : NULL;
    if (out == NULL) out = stdout;
    setvbuf(out, NULL, _IONBF, 0);
    return el_init_fd(program, stdin, out, stderr, 0, 0, 2);
}

/// Writes `text` where the editor shows the line.
static inline void rc_el_write(EditLine *el, const char *text) {
    FILE *out = NULL;
    if (el_get(el, EL_GETFP, 1, &out) == 0 && out != NULL) fputs(text, out);
}

/// libedit's listing of completions in columns to the terminal's width, as
/// its own TAB shows them; exported by libedit, though the header that
/// declares it (filecomplete.h) is not installed. `matches[0]` is not
/// listed, `count` counts it, `width` is the longest match; the matches are
/// sorted in place.
void fn_display_match_list(EditLine *, char **matches, size_t count, size_t width,
                           const char *(*append)(const char *));

static inline const char *rc_nothing_after(const char *match) {
    (void)match;
    return "";
}

static inline void rc_el_list(EditLine *el, char **matches, size_t count, size_t width) {
    fn_display_match_list(el, matches, count, width, rc_nothing_after);
}

static inline int rc_el_set_prompt(EditLine *el, char *(*prompt)(EditLine *)) {
    return el_set(el, EL_PROMPT, prompt);
}

static inline int rc_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

static inline int rc_el_set_signal(EditLine *el, int handle) {
    return el_set(el, EL_SIGNAL, handle);
}

static inline int rc_el_set_history(EditLine *el, History *history_) {
    return el_set(el, EL_HIST, history, history_);
}

static inline int rc_el_add_function(EditLine *el, const char *name, const char *help,
                                     unsigned char (*function)(EditLine *, int)) {
    return el_set(el, EL_ADDFN, name, help, function);
}

static inline int rc_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, NULL);
}

/// Turns a terminal mode flag on or off while editing, e.g. "-isig".
static inline int rc_el_setty(EditLine *el, const char *flag) {
    return el_set(el, EL_SETTY, "-d", flag, NULL);
}

static inline int rc_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *rc_el_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}

static inline History *rc_history_init(int size) {
    History *h = history_init();
    HistEvent event;
    if (h) {
        history(h, &event, H_SETSIZE, size);
        history(h, &event, H_SETUNIQUE, 1);
    }
    return h;
}

static inline int rc_history_enter(History *h, const char *line) {
    HistEvent event;
    return history(h, &event, H_ENTER, line);
}

static inline int rc_history_load(History *h, const char *file) {
    HistEvent event;
    return history(h, &event, H_LOAD, file);
}

static inline int rc_history_save(History *h, const char *file) {
    HistEvent event;
    return history(h, &event, H_SAVE, file);
}

#endif
