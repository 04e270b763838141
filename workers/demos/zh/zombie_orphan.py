"""僵尸进程：已经结束、但父进程还没有 wait() 等待它的子进程。孤儿进程：父进程
先结束了的子进程。

1. 子进程立即退出；父进程先睡眠，再调用 wait()。在此期间子进程是僵尸进程
   （状态 Z）：它不再运行，但它的退出状态还在等父进程来取。wait() 收集
   （“回收”）它之后，僵尸进程就消失了。
2. 中间进程 fork 出一个孙进程，不等待它就退出了。成为孤儿的孙进程被收养：
   它的 getppid() 变为收养者的 pid。
"""

import os
import time

from demo_args import params

p = params(delay=2.0)


def state_of(pid):
    """/proc/PID/stat 中的状态字母：R 运行，S 睡眠，Z 僵尸。"""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "已不存在"


# 1. 僵尸进程
pid = os.fork()
if pid == 0:
    print(f"子进程 {os.getpid()} 立即退出", flush=True)
    os._exit(0)  # 本进程在这里结束
time.sleep(p.delay)  # 父进程暂不调用 wait()：这段时间子进程是僵尸进程
print(f"父进程：wait() 之前，子进程 {pid} 的状态：{state_of(pid)}")
reaped, status = os.wait()  # 收集退出状态：僵尸进程被回收
code = os.waitstatus_to_exitcode(status)
print(f"父进程：wait() 回收了 {reaped}，退出码 {code}")
print(f"父进程：wait() 之后，子进程 {pid} 的状态：{state_of(pid)}")

# 2. 孤儿进程
done_r, done_w = os.pipe()  # 让父进程能够等待下面的孙进程
middle = os.fork()
if middle == 0:  # 中间进程
    me = os.getpid()
    if os.fork() == 0:  # 孙进程
        while os.getppid() == me:
            time.sleep(0.05)  # 直到中间进程结束为止
        said = f"孤儿进程 {os.getpid()}：父进程原是 {me}，现在是 {os.getppid()}"
        print(said, flush=True)
        os._exit(0)  # 关闭 done_w：下面父进程的 read() 随之返回
    print(f"中间进程 {me} 退出，留下了它的子进程", flush=True)
    os._exit(0)
os.close(done_w)  # 父进程自己的副本
os.waitpid(middle, 0)  # 回收中间进程，不让它成为僵尸进程
os.read(done_r, 1)  # done_w 的所有副本都关闭后，返回 b""
print("父进程：孤儿进程已经结束")
