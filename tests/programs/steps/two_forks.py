"""Two forks and nothing that depends on time: stepped the same way, it runs the same way,
so a replayed step sequence must give the same interleaving."""

import os

first = os.fork()
print("after the 1st fork:", "child" if first == 0 else "parent")
second = os.fork()
print("after the 2nd fork:", "child" if second == 0 else "parent")
