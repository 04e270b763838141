"""Sleeps, printing now and then (something to poke at while it runs)."""

import time

for i in range(6):
    print("tick", i, flush=True)
    time.sleep(0.25)
