#!/usr/bin/env python3
"""Turn a `tmux capture-pane -e -p` dump (text with ANSI SGR codes) into a PNG, cell for cell."""
import re
import sys
import unicodedata

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
SIZE = 16
BG, FG = (30, 30, 36), (214, 214, 214)
PALETTE = [
    (30, 30, 36), (204, 64, 64), (78, 170, 84), (214, 160, 40), (60, 110, 200), (170, 90, 170), (64, 170, 190), (210, 210, 210),
    (110, 110, 120), (240, 100, 100), (120, 210, 120), (240, 210, 90), (110, 150, 240), (210, 130, 210), (110, 210, 230), (250, 250, 250),
]


def colour256(n):
    if n < 16:
        return PALETTE[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    v = 8 + (n - 232) * 10
    return (v, v, v)


def width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def parse(text, cols, rows):
    grid = [[(" ", None, None, False, False, False, False)] * cols for _ in range(rows)]
    for y, line in enumerate(text.split("\n")[:rows]):
        fg = bg = None
        bold = dim = rev = ul = False
        x = 0
        for tok in re.split(r"(\x1b\[[0-9;]*m)", line):
            if tok.startswith("\x1b["):
                codes = [int(c) if c else 0 for c in tok[2:-1].split(";")] or [0]
                i = 0
                while i < len(codes):
                    c = codes[i]
                    if c == 0:
                        fg = bg = None; bold = dim = rev = ul = False
                    elif c == 1: bold = True
                    elif c == 2: dim = True
                    elif c == 4: ul = True
                    elif c == 7: rev = True
                    elif c == 22: bold = dim = False
                    elif c == 24: ul = False
                    elif c == 27: rev = False
                    elif 30 <= c <= 37: fg = PALETTE[c - 30]
                    elif 90 <= c <= 97: fg = PALETTE[c - 90 + 8]
                    elif 40 <= c <= 47: bg = PALETTE[c - 40]
                    elif 100 <= c <= 107: bg = PALETTE[c - 100 + 8]
                    elif c == 39: fg = None
                    elif c == 49: bg = None
                    elif c in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
                        if c == 38: fg = colour256(codes[i + 2])
                        else: bg = colour256(codes[i + 2])
                        i += 2
                    i += 1
                continue
            for ch in tok:
                w = width(ch)
                if w == 0:
                    continue
                if x < cols:
                    grid[y][x] = (ch, fg, bg, bold, dim, rev, ul)
                    if w == 2 and x + 1 < cols:
                        grid[y][x + 1] = ("", fg, bg, bold, dim, rev, ul)
                x += w
    return grid


def main():
    src, out, cols, rows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    text = open(src, encoding="utf-8").read()
    regular, bold_font = ImageFont.truetype(FONT, SIZE), ImageFont.truetype(BOLD, SIZE)
    cw = int(regular.getlength("M"))
    ch = int(SIZE * 1.25)
    pad = 12
    img = Image.new("RGB", (cols * cw + 2 * pad, rows * ch + 2 * pad), BG)
    d = ImageDraw.Draw(img)
    for y, row in enumerate(parse(text, cols, rows)):
        for x, (c, fg, bg, bold, dim, rev, ul) in enumerate(row):
            f, b = fg or FG, bg or BG
            if rev:
                f, b = (bg or BG), (fg or FG)
            if dim:
                f = tuple((v + bc) // 2 for v, bc in zip(f, b))
            px, py = pad + x * cw, pad + y * ch
            if b != BG:
                span = 2 if c and width(c) == 2 else 1
                d.rectangle([px, py, px + cw * span - 1, py + ch - 1], fill=b)
            if c.strip():
                if c in "─│┌┐└┘├┤┬┴┼┃":
                    draw_box(d, c, px, py, cw, ch, f)
                else:
                    d.text((px, py + 1), c, font=bold_font if bold else regular, fill=f)
            if ul:
                d.line([px, py + ch - 2, px + cw - 1, py + ch - 2], fill=f)
    img.save(out)


def draw_box(d, c, px, py, cw, ch, f):
    """Box-drawing lines joined across cells, as a terminal draws them."""
    mx, my = px + cw // 2, py + ch // 2
    w = 3 if c == "┃" else 1
    left, right, up, down = c in "─┐┘┤┬┴┼", c in "─┌└├┬┴┼", c in "│┃└┘├┤┴┼", c in "│┃┌┐├┤┬┼"
    if left: d.line([px, my, mx, my], fill=f, width=1)
    if right: d.line([mx, my, px + cw, my], fill=f, width=1)
    if up: d.line([mx, py, mx, my], fill=f, width=w)
    if down: d.line([mx, my, mx, py + ch], fill=f, width=w)


if __name__ == "__main__":
    main()
