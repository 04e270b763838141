"""Long lines of wide characters: CJK (3 bytes each in UTF-8) or emoji (4 bytes each)."""

import sys

char = {"cjk": "\u4e2d", "emoji": "\U0001f600"}[sys.argv[1]]
for i in range(40):
    print(f"{i:02d}" + char * 60_000)
