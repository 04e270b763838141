"""A module-level value replaced again and again: freed floats' addresses are reused, so a
new value often has the old one's id()."""

import time

for i in range(30):
    value = float(i) + 0.5
    time.sleep(0.005)
print("last", value)
