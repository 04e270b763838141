"""A ball goes back and forth over a duplex Pipe, and one way over a simplex one: each
message says its round, so every arrow can be checked."""

import multiprocessing as mp

ROUNDS = 5


def player(conn, report):
    for _ in range(ROUNDS):
        ball = conn.recv()
        conn.send(("pong", ball[1]))
    report.send_bytes(b"done")


if __name__ == "__main__":
    here, there = mp.Pipe()
    report_in, report_out = mp.Pipe(duplex=False)
    p = mp.Process(target=player, args=(there, report_out))
    p.start()
    for n in range(ROUNDS):
        here.send(("ping", n))
        print(here.recv())
    print(report_in.recv_bytes())
    p.join()
