"""The demo catalogue: one entry per concept of the lecture. The ids are a contract
(CONCEPTS.md); the explanations say what the student should notice."""

from __future__ import annotations

import os

from workers.demos.registry import Demo, Param

_SEED = Param("seed", int, 1, "Seed", "随机种子", 0, 100_000)  # same seed, same durations
_POOL = (
    Param("pool_size", int, 3, "Pool size", "进程池大小", 1, 16),
    Param("tasks", int, 10, "Tasks", "任务数", 1, 100),
    Param("task_time", float, 2.0, "Longest task (s)", "最长任务时间（秒）", 0.0, 10.0),
    _SEED,
)

DEMOS: tuple[Demo, ...] = (
    Demo(
        "fork-basic",
        "fork",
        "os.fork() returns twice",
        "os.fork() 返回两次",
        "fork_basic.py",
        "fork() copies the running process. Both copies continue from the same line: in the "
        "child fork() returns 0, in the parent it returns the child's pid. Watch the two lanes "
        "and the two branches of the if light up.",
        "fork() 复制当前进程，调用一次，返回两次。两个进程从同一行继续运行：子进程中 fork() 返回 "
        "0，父进程中返回子进程的 pid。观察两条泳道，以及 if 的两个分支分别被点亮。",
        needs_fork=True,
    ),
    Demo(
        "fork-pids",
        "fork",
        "getpid() and getppid()",
        "getpid() 与 getppid()",
        "fork_pids.py",
        "Every process has an id (getpid) and knows its parent's id (getppid). The child's "
        "getppid() is exactly the parent's getpid(): compare the printed numbers with the tree.",
        "每个进程都有自己的编号（getpid），也知道父进程的编号（getppid）。子进程的 getppid() 正是"
        "父进程的 getpid()：对照打印出的数字和进程树。",
        needs_fork=True,
    ),
    Demo(
        "fork-twice",
        "fork",
        "Two forks make four processes",
        "两次 fork 得到四个进程",
        "fork_twice.py",
        "The second fork() runs in both processes that exist after the first, so there are "
        "four. Parents leave first; their children become orphans and are adopted, so their "
        "getppid() changes. Textbooks say to 1 (init); here the adopter is procscope itself (a "
        "child subreaper, so it sees every process of the run), and getppid() shows its pid.",
        "第二次 fork() 在第一次之后的两个进程中都会执行，所以一共四个进程。父进程先退出，子进程成为"
        "孤儿进程并被收养，因此它们的 getppid() 会改变。教科书上说变为 1（init）；在这里收养者是 "
        "procscope 本身（它是“子进程收割者” subreaper，才能看到运行中的每个进程），getppid() 显示的"
        "是它的 pid。",
        needs_fork=True,
    ),
    Demo(
        "fork-globals",
        "fork",
        "Each process has its own globals",
        "进程间不共享全局变量",
        "fork_globals.py",
        "fork() gives the child a copy of every variable. The child adds 1 to its copy; the "
        "parent, printing later, still sees the start value.",
        "fork() 让子进程得到所有变量的一份拷贝。子进程把自己的拷贝加 1；父进程稍后打印，看到的仍是"
        "初始值。",
        params=(
            Param("start", int, 100, "Start value", "初始值", -1000, 1000),
            Param("delay", float, 3.0, "Parent's delay (s)", "父进程等待（秒）", 0.0, 30.0),
        ),
        needs_fork=True,
    ),
    Demo(
        "process-basic",
        "Process",
        "Process, start() and join()",
        "Process、start() 与 join()",
        "process_basic.py",
        "Process(target=f, args=...) describes a child; start() creates it and runs f there; "
        "join() makes the parent wait. The target is a bar on the child's lane, the join a wait "
        "on the parent's.",
        "Process(target=f, args=...) 描述一个子进程；start() 创建它并在其中运行 f；join() 让父进程"
        "等待。target 是子进程泳道上的任务条，join 是父进程泳道上的等待。",
        params=(
            Param("name", str, "test", "Name argument", "name 参数"),
            Param("work", float, 1.0, "Child's work (s)", "子进程工作时间（秒）", 0.0, 30.0),
        ),
    ),
    Demo(
        "process-attrs",
        "Process",
        "Process attributes",
        "Process 的属性与方法",
        "process_attrs.py",
        "name (Process-N unless you choose one, N in creation order: the third here is "
        "Process-3), pid, is_alive(), join(timeout), daemon, exitcode and terminate(). "
        "join(timeout=0.5) only stops waiting: Process-1 runs on and is_alive() is True. An "
        "exit code of -15 means the process was killed by signal 15 (SIGTERM).",
        "name（默认为 Process-N，也可自定；N 按创建顺序编号，所以这里第三个是 Process-3）、pid、"
        "is_alive()、join(timeout)、daemon（守护进程）、exitcode 与 terminate()。join(timeout=0.5) "
        "只是不再等待：Process-1 继续运行，is_alive() 为 True。退出码 -15 表示进程被信号 15"
        "（SIGTERM）终止。",
        params=(
            Param("interval1", float, 2.0, "First child's work (s)", "第一个子进程（秒）", 0, 30),
            Param("interval2", float, 1.0, "Second child's work (s)", "第二个子进程（秒）", 0, 30),
            Param("name", str, "worker-B", "Second child's name", "第二个子进程的名字"),
        ),
    ),
    Demo(
        "process-subclass",
        "Process",
        "Subclassing Process",
        "继承 Process 类",
        "process_subclass.py",
        "Override run() and call the base __init__; start() runs run() in the child, whose lane "
        "is named after the class (Sleeper-1). The parent takes about as long as the child: "
        "its join() waits for the child to end.",
        "重写 run() 并调用父类的 __init__；start() 会在子进程中执行 run()，子进程的泳道以类名命名"
        "（Sleeper-1）。父进程用的时间和子进程差不多：它的 join() 一直等到子进程结束。",
        params=(Param("interval", float, 3.0, "Child's work (s)", "子进程工作（秒）", 0, 30),),
    ),
    Demo(
        "pool-async",
        "Pool",
        "Pool with apply_async",
        "进程池与 apply_async",
        "pool_async.py",
        "A Pool keeps a fixed number (pool size) of worker processes and feeds them tasks. "
        "apply_async() does not block: ---- start ---- is printed before the tasks start, and "
        "the parent waits only in join(). At most pool size tasks run at once; a worker that "
        "finishes one takes the next, so the same pids are reused.",
        "进程池维持固定数量（进程池大小）的工作进程并把任务分给它们。apply_async() 是非阻塞的："
        "---- 开始 ---- 在任务开始之前就打印出来，父进程只在 join() 处等待。同时运行的任务最多为进程池"
        "大小；工作进程完成一个任务后接着取下一个，所以同样的 pid 被重复使用。",
        params=_POOL,
    ),
    Demo(
        "pool-apply",
        "Pool",
        "Pool with blocking apply",
        "进程池与阻塞的 apply",
        "pool_apply.py",
        "apply() blocks: it returns only when its task is done, so tasks run one after another "
        "even with many workers, and ---- start ---- comes only after the last one. The "
        "parent's lane shows a wait for every task (apply_async() does not block).",
        "apply() 是阻塞的：要等任务完成才返回，所以即使有多个工作进程，任务也是一个接一个地运行，"
        "---- 开始 ---- 要到最后一个任务之后才打印。父进程的泳道上每个任务都对应一次等待"
        "（apply_async() 则是非阻塞的）。",
        params=_POOL,
    ),
    Demo(
        "queue-basics",
        "Queue",
        "Queue: put, get, full, empty",
        "Queue 的基本用法",
        "queue_basics.py",
        "A Queue of capacity n holds at most n messages. put() on a full queue blocks (waits); "
        "with a timeout it gives up and raises queue.Full, and put_nowait() raises it at once. "
        "get() on an empty queue blocks too: only a timeout that runs out, or get_nowait(), "
        "raises queue.Empty.",
        "容量为 n 的队列最多容纳 n 条消息。队列满时 put() 会阻塞（等待）；设置超时则到时放弃并抛出 "
        "queue.Full，put_nowait() 则立即抛出。队列空时 get() 同样会阻塞：只有超时到期或调用 "
        "get_nowait() 才会抛出 queue.Empty。",
        params=(
            Param("capacity", int, 3, "Capacity", "容量", 1, 20),
            Param("timeout", float, 2.0, "Timeout (s)", "超时（秒）", 0.0, 30.0),
        ),
    ),
    Demo(
        "queue-pipeline",
        "Queue",
        "Writer and reader processes",
        "写进程与读进程",
        "queue_pipeline.py",
        "Processes do not share memory, but they can pass messages: the writer puts items on a "
        "Queue, the reader gets them in the same order. The parent joins the writer before it "
        "starts the reader, so the two lanes do not overlap: follow the arrows to see each item "
        "wait in the queue.",
        "进程之间不共享内存，但可以传递消息：写进程把数据放入队列，读进程按同样的顺序取出。父进程"
        "先 join() 写进程，再启动读进程，所以两条泳道并不重叠：跟随箭头，可以看到每条数据先在队列中"
        "等待。",
        params=(Param("items", str, "A,B,C", "Items (comma separated)", "数据（逗号分隔）"), _SEED),
    ),
    Demo(
        "manager-queue-pool",
        "Queue",
        "Pool workers and Manager().Queue()",
        "进程池中使用 Manager().Queue()",
        "manager_queue_pool.py",
        "Pool workers cannot inherit a plain Queue: without the Manager, sending the task "
        "already fails in the parent, no worker runs it, and result.get() raises RuntimeError. "
        "A Manager runs its own server process that owns the queue, and every worker talks to "
        "it through a proxy: the arrows show each message going through the manager's process.",
        "进程池中的进程不能继承普通的 Queue：不使用 Manager 时，任务在父进程发送时就失败了，没有"
        "工作进程执行它，result.get() 抛出 RuntimeError。Manager 运行一个自己的服务进程来保存队列，"
        "各工作进程通过代理（proxy）与它通信：箭头显示每条消息经过 Manager 进程。",
        params=(
            Param("pool_size", int, os.cpu_count() or 2, "Pool size", "进程池大小", 1, 16),
            Param("use_manager", bool, True, "Use Manager().Queue()", "使用 Manager().Queue()"),
        ),
    ),
    Demo(
        "lock-race",
        "Sharing",
        "A race on a shared Value, and its lock",
        "共享 Value 上的竞争条件与锁",
        "lock_race.py",
        "v.value += 1 reads, adds 1 and writes back: without the lock another process can write "
        "in between, and its addition is lost, so the final value falls short of the expected "
        "one. With get_lock() the processes take turns: acquire waits on every lane, nothing is "
        "lost, and it takes longer.",
        "v.value += 1 分为读取、加 1、写回三步：不加锁时，另一个进程可能在中间写入，它的加法就丢失"
        "了，所以最终值小于预期值。用 get_lock() 加锁后，各进程轮流执行：每条泳道上都有 acquire "
        "等待，没有更新丢失，但用时更长。",
        params=(
            Param("processes", int, 4, "Processes", "进程数", 1, 8),
            Param("increments", int, 5000, "Additions each", "每个进程的加法次数", 100, 50000),
        ),
    ),
    Demo(
        "pipe",
        "Queue",
        "Pipe: ping-pong and EOFError",
        "Pipe：乒乓通信与 EOFError",
        "pipe_demo.py",
        "Pipe() returns two connected ends. On a duplex pipe the parent and the child take "
        "turns: each recv() waits for the other's send(), one arrow per message. Then the child "
        "writes a few items on a one-way pipe and closes it: once every copy of the write end is "
        "closed (the parent closed its own first), recv() raises EOFError.",
        "Pipe() 返回相连的两端。在双向管道上，父进程和子进程轮流通信：每次 recv() 都等待对方的 "
        "send()，每条消息一个箭头。随后子进程在单向管道上写入几条数据并关闭写端：写端的所有副本都"
        "关闭后（父进程先关闭了自己的那份），recv() 抛出 EOFError。",
        params=(
            Param("rounds", int, 3, "Ping-pong rounds", "乒乓轮数", 1, 10),
            Param("items", int, 3, "Items on the one-way pipe", "单向管道上的数据条数", 0, 10),
            Param("pause", float, 0.2, "Pause (s)", "间隔（秒）", 0.0, 2.0),
        ),
    ),
    Demo(
        "shared-memory",
        "Sharing",
        "Shared memory against plain variables",
        "共享内存与普通变量",
        "shared_memory_demo.py",
        "A Value, an Array and a shared_memory block exist once: what one child writes, every "
        "process reads. A plain list or int is copied into each child, so the copies drift apart "
        "and the parent's never changes. In the Values tab, compare shared_* and plain_* across "
        "the processes.",
        "Value、Array 和 shared_memory 共享内存块只有一份：一个子进程写入的内容，所有进程都能读到。"
        "普通的列表或整数则被复制到每个子进程中，各份拷贝各自变化，父进程的那份始终不变。在“变量值”"
        "标签页中对比各进程的 shared_* 与 plain_*。",
        params=(
            Param("rounds", int, 3, "Rounds per child", "每个子进程的轮数", 1, 10),
            Param("pause", float, 0.3, "Pause (s)", "间隔（秒）", 0.0, 2.0),
        ),
    ),
    Demo(
        "start-methods",
        "Process",
        "fork, spawn and forkserver",
        "三种启动方式：fork、spawn 与 forkserver",
        "start_methods.py",
        "One child per start method. The gap between start() and the child's first line is the "
        "start cost: fork is quickest, spawn starts a new Python. Only the fork child sees the "
        "global the parent changed before start(); the forkserver has a lane of its own and "
        "forks its child from there.",
        "每种启动方式各启动一个子进程。从 start() 到子进程第一行之间的空隙就是启动开销：fork 最快，"
        "spawn 要启动一个新的 Python。只有 fork 子进程能看到父进程在 start() 之前修改的全局变量；"
        "forkserver 有自己的泳道，子进程由它 fork 出来。",
        needs_fork=True,
    ),
    Demo(
        "pool-map-chunks",
        "Pool",
        "Pool.map in chunks; imap and imap_unordered",
        "Pool.map 分块；imap 与 imap_unordered",
        "pool_map_chunks.py",
        "map() sends chunksize inputs at a time to one worker: each chunk is a group of bars on "
        "one lane. imap() hands results back in input order, so the slow first task holds back "
        "the rest; imap_unordered() hands each back as soon as it is done: compare when each "
        "result reaches the parent.",
        "map() 每次把 chunksize 个输入交给同一个工作进程：每个分块是一条泳道上的一组任务条。imap() "
        "按输入顺序返回结果，所以较慢的第一个任务会拖住后面的结果；imap_unordered() 则在每个任务"
        "完成时立即返回其结果：比较各个结果到达父进程的时间。",
        params=(
            Param("pool_size", int, 2, "Pool size", "进程池大小", 1, 16),
            Param("tasks", int, 12, "Tasks", "任务数", 1, 100),
            Param("chunksize", int, 3, "Chunk size", "分块大小（chunksize）", 1, 50),
            Param("task_time", float, 0.1, "Task time (s)", "任务时间（秒）", 0.0, 2.0),
        ),
    ),
    Demo(
        "zombie-orphan",
        "fork",
        "Zombies and orphans",
        "僵尸进程与孤儿进程",
        "zombie_orphan.py",
        "A child that has ended stays a zombie (state Z) until its parent calls wait(): the band "
        "on its lane lasts until wait() reaps it. A grandchild whose parent exits first is an "
        "orphan and is adopted: here by procscope (a subreaper), not init, so getppid() changes "
        "to procscope's pid.",
        "已经结束的子进程在父进程调用 wait() 之前一直是僵尸进程（状态 Z）：它泳道上的色带一直"
        "持续到 wait() 将它回收。父进程先退出的孙进程成为孤儿进程并被收养：这里的收养者是 "
        "procscope（子进程收割者 subreaper），而不是 init，所以 getppid() 变为 procscope 的 pid。",
        params=(Param("delay", float, 2.0, "Parent's delay (s)", "父进程等待（秒）", 0.2, 30.0),),
        needs_fork=True,
    ),
    Demo(
        "futures",
        "Pool",
        "ProcessPoolExecutor and futures",
        "ProcessPoolExecutor 与 Future",
        "futures_demo.py",
        "submit() returns a Future at once; as_completed() yields the futures as they finish, "
        "shortest task first, not in the order they were submitted; map() keeps input order. "
        "When a worker is killed the pool is broken: every future not yet finished fails with "
        "BrokenProcessPool.",
        "submit() 立即返回一个 Future；as_completed() 按完成顺序给出各个 Future（最短的任务最先），"
        "而不是提交顺序；map() 保持输入顺序。一个工作进程被杀死后，进程池就损坏了：所有尚未完成的 "
        "Future 都以 BrokenProcessPool 失败。",
        params=(
            Param("workers", int, 4, "Workers", "工作进程数", 1, 16),
            Param("tasks", int, 4, "Tasks", "任务数", 1, 16),
            Param("step", float, 0.3, "Shortest task (s)", "最短任务时间（秒）", 0.0, 2.0),
        ),
    ),
    Demo(
        "gil",
        "Threads",
        "The GIL: threads against processes",
        "GIL：线程与进程的对比",
        "gil_demo.py",
        "The same pure-Python work is split over N threads, then over N processes. Each thread "
        "has a sub-lane under its process, shaded while it is on a CPU: the threads take turns "
        "(the GIL lets one at a time run Python code), so their shades alternate and together "
        "fill one lane at most, and N threads take as long as one. The processes each run at "
        "full height at the same time. Sweep the workers to plot both wall times against N.",
        "同样的纯 Python 工作先分给 N 个线程，再分给 N 个进程。每个线程在其进程下面有一条子泳道，"
        "在 CPU 上运行时显示阴影：线程轮流运行（GIL 每次只让一个线程执行 Python 代码），所以它们的"
        "阴影交替出现，合起来最多占满一条泳道，N 个线程的用时和一个线程一样。各个进程则同时以满高度"
        "运行。对工作者数量做扫描，可以画出两者的耗时随 N 的变化。",
        params=(
            Param("workers", int, 2, "Threads / processes", "线程数 / 进程数", 1, 8),
            Param(
                "additions", int, 20_000_000, "Additions in all", "加法总次数", 100_000, 200_000_000
            ),
        ),
    ),
)
