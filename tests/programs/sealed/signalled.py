"""A SIGUSR1 handler that logs and sleeps, signalled from outside at random moments
while the program prints, until the sender says it is done (a file appears). It must finish
every time (the probe must never block inside a handler that interrupted its own send)."""

import logging
import os
import signal
import sys
import time

logging.basicConfig(level=logging.INFO, format="%(message)s")
received = 0
busy = False


def on_usr1(signum, frame):
    global received, busy
    received += 1
    if busy:  # a signal inside this handler: Python's stderr buffer refuses re-entry, so
        return  # a careful program, under plain Python too, does not log twice at once
    busy = True
    try:
        logging.info("signal %d", received)  # stderr, not stdout: the main loop prints there
        time.sleep(0)  # a blocking call: the probe sends from inside the handler
    finally:
        busy = False


signal.signal(signal.SIGUSR1, on_usr1)
with open(sys.argv[1], "w") as ready:
    ready.write(str(os.getpid()))
deadline = time.monotonic() + 60
i = 0
done = sys.argv[2]
while time.monotonic() < deadline:
    i += 1
    print("tick", i)
    if i % 50 == 0:
        time.sleep(0.001)
        if os.path.exists(done):
            break
print("received", received > 0)
