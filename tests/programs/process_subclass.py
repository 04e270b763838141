"""A Process subclass that overrides run()."""

import time
from multiprocessing import Process


class Sleeper(Process):
    def __init__(self, interval):
        super().__init__()
        self.interval = interval

    def run(self):
        time.sleep(self.interval)
        print(f"{self.name} slept {self.interval}")


if __name__ == "__main__":
    p = Sleeper(0.2)
    p.start()
    p.join()
    print("exitcode", p.exitcode)
