import time


def parse(text):
    return int(text)


def main():
    time.sleep(0.01)
    try:
        parse("seven")
    except ValueError as exc:
        raise RuntimeError("could not parse") from exc


main()
