"""150 non-Python processes alive at once."""

import subprocess

sleepers = [subprocess.Popen(["sleep", "30"]) for _ in range(150)]
for sleeper in sleepers:
    sleeper.wait()
