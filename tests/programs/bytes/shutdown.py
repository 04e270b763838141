"""Prints that happen while the interpreter shuts down."""

import atexit


class Noisy:
    def __del__(self):
        print("__del__ at shutdown")


keep = Noisy()
atexit.register(print, "atexit handler")
print("main body done")
