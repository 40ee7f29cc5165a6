#ifndef XINFANG_CTERMINAL_H
#define XINFANG_CTERMINAL_H

// The wide-character curses API (get_wch, wadd_wch, setcchar) is only declared
// when _XOPEN_SOURCE_EXTENDED is set before the header is included.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
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

#endif
