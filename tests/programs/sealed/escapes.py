"""Children that leave the run's session or process group and outlive the main process."""

import os
import subprocess
import sys

seconds = sys.argv[1]
subprocess.Popen(["sleep", seconds], start_new_session=True)
subprocess.Popen(["sleep", seconds], process_group=0)
subprocess.Popen(
    [sys.executable, "-I", "-c", f"import os, time; os.setsid(); time.sleep({seconds})"]
)
if os.fork() == 0:  # a daemon: fork, setsid, fork, the middle one exits
    os.setsid()
    if os.fork() == 0:
        os.execvp("sleep", ["sleep", seconds])
    os._exit(0)
print("main process done")
