"""Every screen, theme and language a lecture meets, for the demos with the longest lines
and the most lanes: one shot each, with what_fits() (take.py) saying whether any code
line, printed line or lane label is clipped, then contact sheets to look at them all.

    xvfb-run -a -s "-screen 0 1920x1080x24" python resources/screenshots/matrix.py --out DIR
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
from pathlib import Path

from take import take

SIZES = ((1280, 720), (1600, 1000), (1920, 1080))
THEMES = ("light", "dark", "high-contrast")
LANGUAGES = ("en", "zh_CN")
DEMOS = (("fork-pids", {}, 1.0), ("fork-twice", {}, 0.45),
         ("pool-async", {"pool_size": "8", "tasks": "16"}, 1.5))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--zoom", type=float, default=1.3, help="presenter view's zoom")
    options = parser.parse_args()
    results = []
    for demo_id, params, after in DEMOS:
        for size in SIZES:
            for theme in THEMES:
                for language in LANGUAGES:
                    name = f"{demo_id}-{size[0]}x{size[1]}-{theme}-{language}.png"
                    said = io.StringIO()
                    with contextlib.redirect_stdout(said):
                        take(name, demo_id, params, after, options.out, 0, options.zoom,
                             language, theme, size)  # fmt: skip
                    fits = json.loads(said.getvalue().splitlines()[0])
                    results.append(fits)
                    print(json.dumps(fits), flush=True)
    sheets = sorted(options.out.glob("*.png"))
    for start in range(0, len(sheets), 9):
        subprocess.run(["montage", *map(str, sheets[start:start + 9]), "-tile", "3x3",
                        "-geometry", "640x400+4+4", str(options.out / f"sheet-{start // 9}.jpg")],
                       check=False)  # fmt: skip
    clipped = [
        r["shot"]
        for r in results
        if (r["code_longest"] > r["code_columns"] and not r["code_wraps"])
        or (r["console_longest"] > r["console_columns"] and not r["console_wraps"])
        or not r["lanes_labelled"]
    ]
    print(json.dumps({"shots": len(results), "clipped": clipped}))


if __name__ == "__main__":
    main()
