#ifndef XINFANG_CTERMINAL_H
#define XINFANG_CTERMINAL_H

// The wide-character curses API (get_wch, wadd_wch, setcchar) is only declared
// when _XOPEN_SOURCE_EXTENDED is set before the header is included.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift cannot import function-like macros or, under Swift 6, touch mutable C
// globals such as stdscr, LINES and COLS. Each gets a static inline shim here.

static inline WINDOW *xf_stdscr(void) { return stdscr; }
static inline int xf_lines(void) { return LINES; }
static inline int xf_cols(void) { return COLS; }

static inline int xf_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline unsigned int xf_a_bold(void) { return A_BOLD; }
static inline unsigned int xf_a_reverse(void) { return A_REVERSE; }
static inline unsigned int xf_a_underline(void) { return A_UNDERLINE; }
static inline unsigned int xf_a_dim(void) { return A_DIM; }
static inline unsigned int xf_a_normal(void) { return A_NORMAL; }

static inline int xf_key_f(int n) { return KEY_F(n); }
static inline int xf_key_resize(void) { return KEY_RESIZE; }
static inline int xf_key_code_yes(void) { return KEY_CODE_YES; }
static inline int xf_err(void) { return ERR; }

static inline int xf_key_up(void) { return KEY_UP; }
static inline int xf_key_down(void) { return KEY_DOWN; }
static inline int xf_key_left(void) { return KEY_LEFT; }
static inline int xf_key_right(void) { return KEY_RIGHT; }
static inline int xf_key_ppage(void) { return KEY_PPAGE; }
static inline int xf_key_npage(void) { return KEY_NPAGE; }
static inline int xf_key_home(void) { return KEY_HOME; }
static inline int xf_key_end(void) { return KEY_END; }
static inline int xf_key_enter(void) { return KEY_ENTER; }
static inline int xf_key_backspace(void) { return KEY_BACKSPACE; }
static inline int xf_key_dc(void) { return KEY_DC; }
static inline int xf_key_btab(void) { return KEY_BTAB; }
// Places the hardware cursor (where an input method opens its window).
static inline void xf_move_cursor(int y, int x) { wmove(stdscr, y, x); }

/// Esc acts at once: curses waits this long after an ESC for the rest of a sequence
/// (its default, a second, made Esc feel dead); and Home, End, PgUp, PgDn and Delete are
/// known in every form terminals send them (xterm, screen, tmux, rxvt, the Linux
/// console), whatever the terminfo entry of TERM lists.
static inline void xf_keys_for_every_terminal(int escape_delay_ms) {
    set_escdelay(escape_delay_ms);
    define_key("\033[1~", KEY_HOME); define_key("\033[7~", KEY_HOME);
    define_key("\033[H", KEY_HOME); define_key("\033OH", KEY_HOME);
    define_key("\033[4~", KEY_END); define_key("\033[8~", KEY_END);
    define_key("\033[F", KEY_END); define_key("\033OF", KEY_END);
    define_key("\033[5~", KEY_PPAGE); define_key("\033[6~", KEY_NPAGE);
    define_key("\033[3~", KEY_DC);
    // Bracketed paste: the terminal wraps pasted text in these (once asked to, below).
    define_key("\033[200~", KEY_MAX + 1); define_key("\033[201~", KEY_MAX + 2);
}
static inline int xf_key_paste_start(void) { return KEY_MAX + 1; }
static inline int xf_key_paste_end(void) { return KEY_MAX + 2; }
// Asks the terminal to mark pasted text (xterm's mode 2004), or stops asking.
static inline void xf_bracketed_paste(int on) {
    fputs(on ? "\033[?2004h" : "\033[?2004l", stdout);
    fflush(stdout);
}
static inline int xf_escape_delay(void) { return get_escdelay(); }

/// get_wch waits at most this many milliseconds (so the loop can follow the log).
static inline void xf_timeout(int ms) { wtimeout(stdscr, ms); }

/// Some multiplexers change the window size without sending SIGWINCH. Called on
/// every poll: if the terminal's size differs from curses' idea of it, resize.
#include <sys/ioctl.h>
#include <unistd.h>
static inline int xf_poll_resize(void) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0
        && (ws.ws_row != LINES || ws.ws_col != COLS)) {
        resizeterm(ws.ws_row, ws.ws_col);
        return 1;
    }
    return 0;
}

/// False once the terminal is gone (its window closed, the session killed): reads
/// then fail at once, and the console must stop instead of spinning.
static inline int xf_terminal_alive(void) {
    struct winsize ws;
    return ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0 && getppid() != 1;
}

static inline int xf_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int xf_getmaxx(WINDOW *w) { return getmaxx(w); }

/// Reads one key or character; returns KEY_CODE_YES for a function key, OK
/// for a character, ERR on timeout.
static inline int xf_get_wch(wint_t *out) { return get_wch(out); }

/// Puts one grapheme (up to 5 code points) at (y, x) with the given attributes and colour pair.
static inline int xf_put_cell(int y, int x, const wchar_t *chars, unsigned int attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, chars, (attr_t)attrs, pair, NULL) == ERR) return ERR;
    return mvadd_wch(y, x, &cell);
}

/// The display width of a code point as the C library sees it (-1 for control characters).
static inline int xf_wcwidth(wchar_t c) { return wcwidth(c); }

static inline void xf_setlocale_from_environment(void) { setlocale(LC_ALL, ""); }

/// The character set of the current LC_CTYPE ("UTF-8", "ANSI_X3.4-1968", …).
#include <langinfo.h>
static inline const char *xf_codeset(void) { return nl_langinfo(CODESET); }

/// The name of the current LC_CTYPE locale ("C", "C.UTF-8", …), or "" if unknown.
static inline const char *xf_ctype_locale(void) {
    const char *name = setlocale(LC_CTYPE, NULL);
    return name ? name : "";
}

/// Switches LC_CTYPE (only: messages, collation and numbers stay as they were) to
/// `name`; 1 if the system has that locale.
static inline int xf_set_ctype(const char *name) { return setlocale(LC_CTYPE, name) != NULL; }

// SIGTERM, SIGINT and SIGHUP only set a flag; the run loop sees it within one poll
// and restores the terminal. No work is done in the handler.
#include <signal.h>
static volatile sig_atomic_t xf_stop_requested = 0;
static void xf_on_stop_signal(int sig) { (void)sig; xf_stop_requested = 1; }
static inline void xf_install_stop_handlers(void) {
    struct sigaction sa;
    sa.sa_handler = xf_on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}
static inline int xf_stop_was_requested(void) { return xf_stop_requested; }

#endif
