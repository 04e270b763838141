"""The main process raises."""

print("about to fail")


def fail():
    raise ValueError("the lesson")


fail()
