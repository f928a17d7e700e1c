#ifndef VRBOARD_NCURSES_SHIM_H
#define VRBOARD_NCURSES_SHIM_H
/* The wide-character API needs these before curses.h; SwiftPM drops them from ncursesw.pc. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <signal.h>
#include <ncursesw/curses.h>

/* Globals and macros Swift cannot import, wrapped. */
static inline WINDOW *vr_stdscr(void) { return stdscr; }
static inline int vr_lines(void) { return LINES; }
static inline int vr_cols(void) { return COLS; }
static inline int vr_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t vr_a_bold(void) { return A_BOLD; }
static inline attr_t vr_a_dim(void) { return A_DIM; }
static inline attr_t vr_a_reverse(void) { return A_REVERSE; }
static inline attr_t vr_a_underline(void) { return A_UNDERLINE; }
static inline attr_t vr_a_normal(void) { return A_NORMAL; }
static inline int vr_key_code_yes(void) { return KEY_CODE_YES; }
static inline mmask_t vr_mouse_mask(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline int vr_button1(mmask_t m) { return (m & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0; }
static inline int vr_wheel_up(mmask_t m) { return (m & BUTTON4_PRESSED) != 0; }
static inline int vr_wheel_down(mmask_t m) { return (m & BUTTON5_PRESSED) != 0; }
static inline void vr_set_escdelay(int ms) { set_escdelay(ms); }

/* The C library's width of a character: what curses counts a cell as. */
static inline int vr_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

/* The whole screen repainted at the next refresh (after something else wrote to the terminal). */
static inline void vr_clear_next(void) { clearok(curscr, TRUE); }
/* Where curses believes the terminal's cursor is, after a refresh. */
static inline void vr_cursor(int *y, int *x) { *y = getcury(curscr); *x = getcurx(curscr); }

/* Puts one grapheme (up to 8 wide chars incl. combining marks) at y,x with attributes and a colour pair. */
static inline int vr_put(int y, int x, const wchar_t *wch, attr_t attrs, short pair) {
    cchar_t c;
    if (setcchar(&c, wch, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &c);
}
#endif
