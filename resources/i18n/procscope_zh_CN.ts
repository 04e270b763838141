<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>procscope</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Open program…</source>
        <translation>打开程序(&amp;O)…</translation>
    </message>
    <message>
        <source>Export Gantt as &amp;PNG…</source>
        <translation>导出甘特图为 &amp;PNG…</translation>
    </message>
    <message>
        <source>Export Gantt as &amp;SVG…</source>
        <translation>导出甘特图为 &amp;SVG…</translation>
    </message>
    <message>
        <source>Export &amp;trace (Perfetto JSON)…</source>
        <translation>导出追踪文件（Perfetto JSON）(&amp;T)…</translation>
    </message>
    <message>
        <source>Export t&amp;ranscript…</source>
        <translation>导出输出记录(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Pause / resume</source>
        <translation>暂停 / 继续(&amp;P)</translation>
    </message>
    <message>
        <source>Step one &amp;line</source>
        <translation>单步执行一行(&amp;L)</translation>
    </message>
    <message>
        <source>Step &amp;all</source>
        <translation>全部单步(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Continue (leave step mode)</source>
        <translation>继续运行（退出单步模式）(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Limits…</source>
        <translation>限制(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Presenter view</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>重置缩放(&amp;R)</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <source>&amp;Next concept</source>
        <translation>下一个概念(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous concept</source>
        <translation>上一个概念(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About procscope</source>
        <translation>关于 procscope(&amp;A)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Your program</source>
        <translation>你的程序</translation>
    </message>
    <message>
        <source>Open any Python file (or drop it on the window) and run it: every process it creates gets a lane.</source>
        <translation>打开任意 Python 文件（或拖到窗口上）并运行：它创建的每个进程都有一条泳道。</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Step mode</source>
        <translation>单步模式</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Step all</source>
        <translation>全部单步</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>▶ Start</source>
        <translation>▶ 开始</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ 停止</translation>
    </message>
    <message>
        <source>Follow now</source>
        <translation>跟随当前</translation>
    </message>
    <message>
        <source>Start method:</source>
        <translation>启动方式：</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <source>▶ Resume</source>
        <translation>▶ 继续</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ 暂停</translation>
    </message>
    <message>
        <source>arguments for the program</source>
        <translation>程序的命令行参数</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>变量值</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>运行历史</translation>
    </message>
    <message>
        <source>real time</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>sleeps ×2</source>
        <translation>sleep ×2</translation>
    </message>
    <message>
        <source>sleeps ×4</source>
        <translation>sleep ×4</translation>
    </message>
    <message>
        <source>sleeps ×10</source>
        <translation>sleep ×10</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Open a program first.</source>
        <translation>请先打开一个程序。</translation>
    </message>
    <message>
        <source>No process is waiting for a step yet.</source>
        <translation>还没有进程在等待单步。</translation>
    </message>
    <message>
        <source>Step mode off: every process runs freely.</source>
        <translation>已退出单步模式：所有进程自由运行。</translation>
    </message>
    <message>
        <source>Paused: every process of the run is stopped (SIGSTOP).</source>
        <translation>已暂停：本次运行的所有进程都被冻结（SIGSTOP，可恢复）。</translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation>已继续。</translation>
    </message>
    <message>
        <source>Slow motion: sleeps last ×{0}</source>
        <translation>慢动作：sleep 时间 ×{0}</translation>
    </message>
    <message>
        <source>That translation is not available.</source>
        <translation>该语言的翻译不可用。</translation>
    </message>
    <message>
        <source>seconds since start</source>
        <translation>自开始以来的秒数</translation>
    </message>
    <message>
        <source>Press ▶ Start: each process of the run gets a lane here.</source>
        <translation>按 ▶ 开始：本次运行的每个进程都会在这里得到一条泳道。</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>all processes</source>
        <translation>所有进程</translation>
    </message>
    <message>
        <source>pid</source>
        <translation>pid</translation>
    </message>
    <message>
        <source>parent</source>
        <translation>父进程</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>state</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <source>memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>exit code</source>
        <translation>退出码</translation>
    </message>
    <message>
        <source>run</source>
        <translation>次序</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>start method</source>
        <translation>启动方式</translation>
    </message>
    <message>
        <source>makespan (s)</source>
        <translation>总耗时（秒）</translation>
    </message>
    <message>
        <source>processes</source>
        <translation>进程数</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>exit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>{0} called fork(): it now has a child, {1}.</source>
        <translation>{0} 调用了 fork()：它现在有了子进程 {1}。</translation>
    </message>
    <message>
        <source>The Pool started worker {0} as process {1}.</source>
        <translation>进程池启动了工作进程 {0}，pid 为 {1}。</translation>
    </message>
    <message>
        <source>The Manager started its server process, {0}.</source>
        <translation>Manager 启动了它的服务进程 {0}。</translation>
    </message>
    <message>
        <source>multiprocessing started its {0}, {1}.</source>
        <translation>multiprocessing 启动了它的 {0}：{1}。</translation>
    </message>
    <message>
        <source>{0} started {1}{2}: process {3}.</source>
        <translation>{0} 启动了 {1}{2}：进程 {3}。</translation>
    </message>
    <message>
        <source>The program started: process {0}.</source>
        <translation>程序开始运行：进程 {0}。</translation>
    </message>
    <message>
        <source>{0} ({1}) ended.</source>
        <translation>{0}（{1}）结束了。</translation>
    </message>
    <message>
        <source>{0} ({1}) was killed by {2}: exit code {3}.</source>
        <translation>{0}（{1}）被 {2} 终止：退出码 {3}。</translation>
    </message>
    <message>
        <source>{0} ({1}) exited with code {2}.</source>
        <translation>{0}（{1}）退出，退出码 {2}。</translation>
    </message>
    <message>
        <source>{0} waits: {1} {2}.</source>
        <translation>{0} 在等待：{1} {2}。</translation>
    </message>
    <message>
        <source>{0} runs {1}{2}.</source>
        <translation>{0} 正在运行 {1}{2}。</translation>
    </message>
    <message>
        <source>{0} waits for a step before line {1}.</source>
        <translation>{0} 在第 {1} 行之前等待单步。</translation>
    </message>
    <message>
        <source>Start the run</source>
        <translation>开始运行</translation>
    </message>
    <message>
        <source>Stop the run</source>
        <translation>停止运行</translation>
    </message>
    <message>
        <source>Pause / resume</source>
        <translation>暂停 / 继续</translation>
    </message>
    <message>
        <source>Step: one line of the selected (or next) process</source>
        <translation>单步：让选中的（或下一个）进程执行一行</translation>
    </message>
    <message>
        <source>Continue: leave step mode</source>
        <translation>继续：退出单步模式</translation>
    </message>
    <message>
        <source>Presenter view (full screen)</source>
        <translation>演示模式（全屏）</translation>
    </message>
    <message>
        <source>Zoom in, out, reset</source>
        <translation>放大、缩小、重置</translation>
    </message>
    <message>
        <source>Next / previous concept</source>
        <translation>下一个 / 上一个概念</translation>
    </message>
    <message>
        <source>Open a program</source>
        <translation>打开程序</translation>
    </message>
    <message>
        <source>This list</source>
        <translation>本列表</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Running {0}…</source>
        <translation>正在运行 {0}…</translation>
    </message>
    <message>
        <source>Finished in {0} s: {1} processes, {2} tasks, exit code {3}.</source>
        <translation>用时 {0} 秒完成：{1} 个进程，{2} 个任务，退出码 {3}。</translation>
    </message>
    <message>
        <source>fork of {0}</source>
        <translation>{0} 的 fork 子进程</translation>
    </message>
    <message>
        <source>exited</source>
        <translation>已退出</translation>
    </message>
    <message>
        <source>zombie</source>
        <translation>僵尸</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>sleeping</source>
        <translation>睡眠中</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <source>main</source>
        <translation>主进程</translation>
    </message>
    <message>
        <source>fork</source>
        <translation>fork</translation>
    </message>
    <message>
        <source>process</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>{0} started the program {1}: process {2}.</source>
        <translation>{0} 启动了程序 {1}：进程 {2}。</translation>
    </message>
    <message>
        <source>Message &amp;arrows</source>
        <translation>消息箭头(&amp;A)</translation>
    </message>
    <message>
        <source>(paused {0} s)</source>
        <translation>（暂停 {0} 秒）</translation>
    </message>
    <message>
        <source>held at line {0}</source>
        <translation>停在第 {0} 行</translation>
    </message>
    <message>
        <source>program</source>
        <translation>程序</translation>
    </message>
    <message>
        <source>pool-worker</source>
        <translation>进程池工作进程</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>Manager 服务</translation>
    </message>
    <message>
        <source>forkserver</source>
        <translation>forkserver</translation>
    </message>
    <message>
        <source>resource-tracker</source>
        <translation>资源跟踪器</translation>
    </message>
    <message>
        <source>python</source>
        <translation>python</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>In step mode, each Step adds a column: the line the chosen process ran. Replay on next run repeats these choices.</source>
        <translation>单步模式下，每按一次“单步”就多一列：被选中的进程执行的那一行。勾选“下次运行时重放”可重复这些选择。</translation>
    </message>
    <message>
        <source>Copy as text</source>
        <translation>复制为文本</translation>
    </message>
    <message>
        <source>Save text…</source>
        <translation>保存文本…</translation>
    </message>
    <message>
        <source>Save PNG…</source>
        <translation>保存 PNG…</translation>
    </message>
    <message>
        <source>Replay on next run</source>
        <translation>下次运行时重放</translation>
    </message>
    <message>
        <source>step {0}: process {1} ran line {2}</source>
        <translation>第 {0} 步：进程 {1} 执行了第 {2} 行</translation>
    </message>
    <message>
        <source>The step grid is on the clipboard.</source>
        <translation>步骤表已复制到剪贴板。</translation>
    </message>
    <message>
        <source>Save the step grid</source>
        <translation>保存步骤表</translation>
    </message>
    <message>
        <source>Could not save {0}: {1}</source>
        <translation>无法保存 {0}：{1}</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>Replaying {0} steps…</source>
        <translation>正在重放 {0} 步…</translation>
    </message>
    <message>
        <source>Replayed {0} steps: step on by hand.</source>
        <translation>已重放 {0} 步：请继续手动单步。</translation>
    </message>
    <message>
        <source>Replay stopped at step {0}: process {1} of the tree never waited there. The program did something else this time; step on by hand.</source>
        <translation>重放停在第 {0} 步：进程树中的 {1} 号进程没有停在那里。程序这次的走向不同；请手动继续单步。</translation>
    </message>
    <message>
        <source>Could not start: {0}</source>
        <translation>无法启动：{0}</translation>
    </message>
    <message>
        <source>Open a Python program</source>
        <translation>打开 Python 程序</translation>
    </message>
    <message>
        <source>Python programs (*.py);;All files (*)</source>
        <translation>Python 程序 (*.py);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Stopped after {0} s because {1}; nothing is left running.</source>
        <translation>{0} 秒后停止，原因：{1}；没有残留的进程。</translation>
    </message>
    <message>
        <source>Stopped after {0} s; nothing is left running.</source>
        <translation>{0} 秒后停止；没有残留的进程。</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <source>Every process stops before each line of the program; you choose who runs next.</source>
        <translation>每个进程在程序的每一行之前停下；由你选择下一个运行的进程。</translation>
    </message>
    <message>
        <source>Leave step mode: every process runs freely</source>
        <translation>退出单步模式：所有进程自由运行</translation>
    </message>
    <message>
        <source>Let the selected process (or the next in turn) run one line</source>
        <translation>让选中的进程（或轮到的下一个进程）执行一行</translation>
    </message>
    <message>
        <source>Slow motion: the program's own sleeps last this many times longer. Times on the chart stay real.</source>
        <translation>慢动作：程序自身的 sleep 延长为这么多倍。图上的时间仍是真实时间。</translation>
    </message>
    <message>
        <source>paused (SIGSTOP)</source>
        <translation>已暂停（SIGSTOP）</translation>
    </message>
    <message>
        <source>In effect: {0}</source>
        <translation>本次运行的参数：{0}</translation>
    </message>
    <message>
        <source>&amp;Focus the pane under the pointer</source>
        <translation>聚焦指针下的窗格(&amp;F)</translation>
    </message>
    <message>
        <source>Focus: the pane under the pointer fills the panel; again to go back</source>
        <translation>聚焦：指针下的窗格占满整个面板；再按一次恢复</translation>
    </message>
    <message>
        <source>Point at the chart, the code, the console or a tab, then press F6.</source>
        <translation>请把指针放在图表、代码、控制台或某个标签页上，再按 F6。</translation>
    </message>
    <message>
        <source>{0} → {1} at {2} s</source>
        <translation>{0} → {1}（{2} 秒时）</translation>
    </message>
    <message>
        <source>Its parent exited first, so it was adopted. procscope adopts the orphans of a run (as init or a subreaper would) so that it can wait for them and stop them.</source>
        <translation>它的父进程先退出了，所以它被收养。procscope 会收养本次运行中的孤儿进程（就像 init 或子进程收割者那样），以便等待并在需要时终止它们。</translation>
    </message>
    <message>
        <source>it ran past the time limit of {0} s</source>
        <translation>它的运行超过了 {0} 秒的时间上限</translation>
    </message>
    <message>
        <source>it ran more than {0} processes at once (the process cap)</source>
        <translation>它同时运行的进程超过了 {0} 个（进程数上限）</translation>
    </message>
    <message>
        <source>no such file: {0}</source>
        <translation>没有这个文件：{0}</translation>
    </message>
    <message>
        <source>{0} is a folder, not a Python program</source>
        <translation>{0} 是一个文件夹，不是 Python 程序</translation>
    </message>
    <message>
        <source>{0} is not a regular file, not a Python program</source>
        <translation>{0} 不是普通文件，不是 Python 程序</translation>
    </message>
    <message>
        <source>cannot read {0}: {1}</source>
        <translation>无法读取 {0}：{1}</translation>
    </message>
    <message>
        <source>{0} is not valid Python (line {1}: {2})</source>
        <translation>{0} 不是有效的 Python 程序（第 {1} 行：{2}）</translation>
    </message>
    <message>
        <source>{0} is not a Python program</source>
        <translation>{0} 不是 Python 程序</translation>
    </message>
    <message>
        <source>{0} must be {1}, not {2}</source>
        <translation>{0} 必须是 {1}，而不是 {2}</translation>
    </message>
    <message>
        <source>&amp;Reset everything to defaults</source>
        <translation>全部恢复默认设置(&amp;R)</translation>
    </message>
    <message>
        <source>Everything is back to its defaults.</source>
        <translation>所有设置都已恢复为默认值。</translation>
    </message>
    <message>
        <source>Terminate (SIGTERM)</source>
        <translation>终止（SIGTERM）</translation>
    </message>
    <message>
        <source>Kill (SIGKILL)</source>
        <translation>强制结束（SIGKILL）</translation>
    </message>
    <message>
        <source>Interrupt (SIGINT, as Ctrl+C)</source>
        <translation>中断（SIGINT，相当于 Ctrl+C）</translation>
    </message>
    <message>
        <source>Freeze (SIGSTOP)</source>
        <translation>冻结（SIGSTOP）</translation>
    </message>
    <message>
        <source>Thaw (SIGCONT)</source>
        <translation>解冻（SIGCONT）</translation>
    </message>
    <message>
        <source>Process {0} ({1})</source>
        <translation>进程 {0}（{1}）</translation>
    </message>
    <message>
        <source>Sent {0} to process {1}.</source>
        <translation>已向进程 {1} 发送 {0}。</translation>
    </message>
    <message>
        <source>Process {0} is no longer running.</source>
        <translation>进程 {0} 已不在运行。</translation>
    </message>
    <message>
        <source>Sweep 1..N</source>
        <translation>扫描 1..N</translation>
    </message>
    <message>
        <source>Run the demo once for each size from 1 to the one set, then plot the speed-up</source>
        <translation>从 1 到当前设定的大小，每个大小运行一次演示，然后画出加速比</translation>
    </message>
    <message>
        <source>Sweep: {0} = {1} of {2}…</source>
        <translation>扫描：{0} = {1}（共 {2}）…</translation>
    </message>
    <message>
        <source>Speed-up sweep</source>
        <translation>加速比扫描</translation>
    </message>
    <message>
        <source>Save PNG or SVG…</source>
        <translation>保存为 PNG 或 SVG…</translation>
    </message>
    <message>
        <source>Save the sweep</source>
        <translation>保存扫描结果</translation>
    </message>
    <message>
        <source>Sharing</source>
        <translation>共享</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>thread</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>wall time (s)</source>
        <translation>耗时（秒）</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>Open a Python program or a recorded run</source>
        <translation>打开 Python 程序或录制的运行</translation>
    </message>
    <message>
        <source>Python programs and recorded runs (*.py *.json);;All files (*)</source>
        <translation>Python 程序和录制的运行 (*.py *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Replaying {0}: nothing runs.</source>
        <translation>正在回放 {0}：没有任何进程在运行。</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>Recorded {0}: {1} (start method: {2}). A replay starts no process: drag the slider, press ▶ Play, or step through it with ← and →.</source>
        <translation>录制于 {0}：{1}（启动方式：{2}）。回放不会启动任何进程：拖动滑块、按 ▶ 播放，或用 ← 和 → 逐步查看。</translation>
    </message>
    <message>
        <source>Replay: {0}</source>
        <translation>回放：{0}</translation>
    </message>
    <message>
        <source>Recorded run (*.json)</source>
        <translation>录制的运行 (*.json)</translation>
    </message>
    <message>
        <source>Save run</source>
        <translation>保存运行</translation>
    </message>
    <message>
        <source>Save run: there is no finished run here.</source>
        <translation>保存运行：这里没有已结束的运行。</translation>
    </message>
    <message>
        <source>Saved the run to {0}</source>
        <translation>运行已保存到 {0}</translation>
    </message>
    <message>
        <source>&amp;Open program or recorded run…</source>
        <translation>打开程序或录制的运行(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save run…</source>
        <translation>保存运行(&amp;S)…</translation>
    </message>
</context>
</TS>
