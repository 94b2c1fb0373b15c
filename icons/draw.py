#!/usr/bin/env python3
"""Draws Tenet's app icon and writes every size the platforms want.

A checklist on the accent-blue tile of the UI (#0969da): two ruled lines and
a bold check mark. Pure Python (no imaging library), so anyone can redraw it:
shapes are signed-distance functions, antialiased by coverage.

    python3 icons/draw.py    # writes icons/*.png, icon.ico, icon.icns
"""
import math
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
TILE = (9, 105, 218)        # accent #0969da
INK = (255, 255, 255)


def rounded_box(x, y, half, radius):
    qx, qy = abs(x) - half + radius, abs(y) - half + radius
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    return outside + min(max(qx, qy), 0.0) - radius


def segment(x, y, ax, ay, bx, by):
    px, py, vx, vy = x - ax, y - ay, bx - ax, by - ay
    t = max(0.0, min(1.0, (px * vx + py * vy) / (vx * vx + vy * vy)))
    return math.hypot(px - vx * t, py - vy * t)


def shapes(u, v):
    """Signed distances (unit square -0.5..0.5) of the tile and the ink."""
    tile = rounded_box(u, v, 0.46, 0.11)
    check = min(segment(u, v, -0.29, -0.10, -0.19, 0.00),
                segment(u, v, -0.19, 0.00, 0.00, -0.21)) - 0.05
    rule1 = segment(u, v, 0.10, -0.09, 0.29, -0.09) - 0.035
    rule2 = segment(u, v, -0.29, 0.13, 0.29, 0.13) - 0.035
    rule3 = segment(u, v, -0.29, 0.28, 0.10, 0.28) - 0.035
    return tile, min(check, rule1, rule2, rule3)


def render(size):
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            u, v = (i + 0.5) / size - 0.5, (j + 0.5) / size - 0.5
            tile, ink = shapes(u, v)
            a = max(0.0, min(1.0, 0.5 - tile * size))
            k = max(0.0, min(1.0, 0.5 - ink * size)) * a
            rgb = [round(t * (1 - k) + w * k) for t, w in zip(TILE, INK)]
            row += bytes(rgb + [round(255 * a)])
        rows.append(bytes(row))
    return png(size, b"".join(rows))


def png(size, raw):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def ico(images):
    """Windows .ico holding PNG entries (Vista and later read them)."""
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    body = b""
    for size, data in images:
        dim = 0 if size >= 256 else size
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(body))
        body += data
    return out + body


def icns(images):
    """macOS .icns with PNG entries: ic07 128, ic08 256, ic09 512."""
    kinds = {128: b"ic07", 256: b"ic08", 512: b"ic09"}
    body = b"".join(kinds[s] + struct.pack(">I", 8 + len(d)) + d for s, d in images if s in kinds)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main():
    sizes = {s: render(s) for s in (16, 24, 32, 48, 64, 128, 256, 512)}
    files = {"32x32.png": sizes[32], "128x128.png": sizes[128],
             "128x128@2x.png": sizes[256], "icon.png": sizes[512],
             "icon.ico": ico([(s, sizes[s]) for s in (16, 24, 32, 48, 64, 256)]),
             "icon.icns": icns([(s, sizes[s]) for s in (128, 256, 512)])}
    for name, data in files.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
