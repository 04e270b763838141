"""N prints without a newline, then one newline."""

import sys

for _ in range(int(sys.argv[1])):
    print(".", end="")
print()
