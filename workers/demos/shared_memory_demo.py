"""Shared memory: a Value, an Array and a SharedMemory block exist only once,
and every process sees the same one; a plain list or int is copied into each.

Two children add 1 to each of them. Watch the Values tab: shared_value,
shared_array and shared_block (what each process last read from shared memory)
move together in every process; plain_list and plain_int: one copy per process.
"""

import time
from multiprocessing import Array, Process, Value
from multiprocessing.shared_memory import SharedMemory

from demo_args import params

p = params(rounds=3, pause=0.3)
plain_list = [0, 0]  # ordinary objects: each process has its own copy
plain_int = 0
shared_value = 0  # what this process last read from the shared Value,
shared_array = [0, 0]  # from the shared Array,
shared_block = [0, 0]  # and from the first two bytes of the SharedMemory block


def look(value, array, block):
    """Read the shared objects into this process's own globals."""
    global shared_value, shared_array, shared_block
    shared_value = value.value
    shared_array = array[:]
    shared_block = list(block.buf[:2])


def report(who):
    text = f"Value {shared_value}, Array {shared_array}, block {shared_block}"
    print(f"{who} shared: {text}")
    print(f"{who} plain:  list {plain_list}, int {plain_int}")


def child(k, value, array, name):
    global plain_int
    block = SharedMemory(name=name)  # attach to the parent's block by its name
    for _ in range(p.rounds):
        with value.get_lock():  # += on shared memory needs the lock (lock-race)
            value.value += 1
        array[k] += 1  # child k changes element k of the shared Array
        block.buf[k] += 1  # and byte k of the shared block
        plain_list[k] += 1  # this child's own copy
        plain_int += 1
        look(value, array, block)
        report(f"child {k}")
        time.sleep(p.pause)
    block.close()  # this process no longer uses the block


if __name__ == "__main__":
    value = Value("i", 0)  # one int in shared memory
    array = Array("i", 2)  # two ints in shared memory, zeros
    block = SharedMemory(create=True, size=2)  # two raw bytes, zeros
    report("parent before")
    args = [(k, value, array, block.name) for k in range(2)]
    children = [Process(target=child, args=a) for a in args]
    for proc in children:
        proc.start()
    while any(proc.is_alive() for proc in children):
        look(value, array, block)  # the parent sees the children's changes
        time.sleep(0.1)
    for proc in children:
        proc.join()
    look(value, array, block)
    report("parent after")
    block.close()
    block.unlink()  # free the block; done once, by the last process to use it
