"""Queue(maxsize)：put、get、full、empty、qsize、超时、Full 与 Empty。"""

import queue
from multiprocessing import Queue

from demo_args import params

p = params(capacity=3, timeout=2.0)

if __name__ == "__main__":
    q = Queue(p.capacity)  # 最多容纳 `capacity` 条消息
    for i in range(1, p.capacity):
        q.put(f"消息 {i}")
    print(f"put {p.capacity - 1} 次之后，队列满了吗？{q.full()}")
    q.put(f"消息 {p.capacity}")
    print(f"put {p.capacity} 次之后，队列满了吗？{q.full()}")

    try:
        q.put("多出来的一条", True, p.timeout)  # 阻塞，但 `timeout` 秒后放弃
    except queue.Full:
        print(f"put 超时：队列已满（{q.qsize()} 条消息）")

    try:
        q.put_nowait("多出来的一条")  # 从不阻塞：立即抛出异常
    except queue.Full:
        print("put_nowait 立即抛出了 queue.Full")

    for _ in range(p.capacity):  # 队列中恰好有 `capacity` 条消息
        print(f"取出：{q.get()}")
    print(f"现在队列空了吗？{q.empty()}")
    try:
        q.get(True, p.timeout / 2)  # 现在队列为空：先等待，然后抛出 Empty
    except queue.Empty:
        print("get 超时：队列为空")
