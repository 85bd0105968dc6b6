<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>app</name>
    <message>
      <source>Activations</source>
      <translation>激活函数</translation>
    </message>
    <message>
      <source>f′(x) by autograd</source>
      <translation>由 autograd 求得的 f′(x)</translation>
    </message>
    <message>
      <source>f(x): the activation</source>
      <translation>f(x)：激活函数</translation>
    </message>
    <message>
      <source>f′ (solid) and f″ (dashed) by autograd</source>
      <translation>由 autograd 求得的 f′（实线）和 f″（虚线）</translation>
    </message>
    <message>
      <source>Activations (tick to overlay; the selected one is edited)</source>
      <translation>激活函数（勾选以叠加显示；选中的那个可调参数）</translation>
    </message>
    <message>
      <source>x from</source>
      <translation>x 起点</translation>
    </message>
    <message>
      <source>x to</source>
      <translation>x 终点</translation>
    </message>
    <message>
      <source>Points</source>
      <translation>点数</translation>
    </message>
    <message>
      <source>Threshold</source>
      <translation>阈值</translation>
    </message>
    <message>
      <source>Show f″(x) (second derivative)</source>
      <translation>显示 f″(x)（二阶导数）</translation>
    </message>
    <message>
      <source>Shade vanishing gradients</source>
      <translation>标出梯度消失区域</translation>
    </message>
    <message>
      <source>Where |f′(x)| is below the threshold, gradients flowing back through this activation almost vanish and learning stalls.</source>
      <translation>在 |f′(x)| 低于阈值的区域，反向传播经过该激活函数的梯度几乎消失，学习会停滞。</translation>
    </message>
    <message>
      <source>Parameters of {0}</source>
      <translation>{0} 的参数</translation>
    </message>
    <message>
      <source>shaded: |f′| &lt; {0}</source>
      <translation>阴影：|f′| &lt; {0}</translation>
    </message>
    <message>
      <source>Activations &amp; Losses</source>
      <translation>激活函数与损失函数</translation>
    </message>
    <message>
      <source>Fix the input first: {0}</source>
      <translation>请先修正输入：{0}</translation>
    </message>
    <message>
      <source>3-D and map</source>
      <translation>3D 视图和等高线图</translation>
    </message>
    <message>
      <source>3-D only</source>
      <translation>仅 3D 视图</translation>
    </message>
    <message>
      <source>Map only</source>
      <translation>仅等高线图</translation>
    </message>
    <message>
      <source>Course experiment: Adam from 4 starts</source>
      <translation>课程实验：Adam 从 4 个起点出发</translation>
    </message>
    <message>
      <source>Adam, lr 0.001, from (−4, 0), (4, 0), (0, 0) and (1, 0), 20,000 steps on Himmelblau's function</source>
      <translation>在 Himmelblau 函数上运行 Adam（学习率 0.001），从 (−4, 0)、(4, 0)、(0, 0) 和 (1, 0) 出发，共 20,000 步</translation>
    </message>
    <message>
      <source>Why Adam and SGD differ</source>
      <translation>Adam 和 SGD 为何不同</translation>
    </message>
    <message>
      <source>SGD, SGD with momentum and Adam on a bowl 50 times more curved along y than along x</source>
      <translation>在 y 方向曲率是 x 方向 50 倍的碗形曲面上比较 SGD、带动量的 SGD 和 Adam</translation>
    </message>
    <message>
      <source>Surface</source>
      <translation>曲面</translation>
    </message>
    <message>
      <source>f(x, y)</source>
      <translation>f(x, y)</translation>
    </message>
    <message>
      <source>Formula</source>
      <translation>公式</translation>
    </message>
    <message>
      <source>Log-scaled height</source>
      <translation>高度取对数</translation>
    </message>
    <message>
      <source>Draw log₁₀(1 + f − min f): flattens high walls so the valleys show</source>
      <translation>绘制 log₁₀(1 + f − min f)：压低陡峭的高墙，让谷底清晰可见</translation>
    </message>
    <message>
      <source>Show</source>
      <translation>显示</translation>
    </message>
    <message>
      <source>Racers</source>
      <translation>参赛者</translation>
    </message>
    <message>
      <source>Add a racer</source>
      <translation>添加参赛者</translation>
    </message>
    <message>
      <source>Optimizer</source>
      <translation>优化器</translation>
    </message>
    <message>
      <source>Learning rates</source>
      <translation>学习率</translation>
    </message>
    <message>
      <source>One or more, separated by commas: one racer each</source>
      <translation>可填一个或多个，用逗号分隔：每个学习率一个参赛者</translation>
    </message>
    <message>
      <source>Add to the race</source>
      <translation>加入比赛</translation>
    </message>
    <message>
      <source>Remove selected racer</source>
      <translation>移除选中的参赛者</translation>
    </message>
    <message>
      <source>Start points and steps</source>
      <translation>起点和步数</translation>
    </message>
    <message>
      <source>Starts</source>
      <translation>起点</translation>
    </message>
    <message>
      <source>x, y pairs separated by semicolons, e.g. -4, 0; 4, 0</source>
      <translation>用分号分隔的 x, y 坐标对，例如 -4, 0; 4, 0</translation>
    </message>
    <message>
      <source>Click the map to add a start point.</source>
      <translation>点击等高线图可添加起点。</translation>
    </message>
    <message>
      <source>Steps</source>
      <translation>步数</translation>
    </message>
    <message>
      <source>dtype</source>
      <translation>数据类型</translation>
    </message>
    <message>
      <source>Allowed: x, y, numbers, + − * / **, and sin, cos, exp, log, sqrt, abs, tanh, ... written sin(x) or torch.sin(x); pi and e.</source>
      <translation>可以使用：x、y、数字、+ − * / **，以及 sin、cos、exp、log、sqrt、abs、tanh 等函数，写作 sin(x) 或 torch.sin(x)；还有 pi 和 e。</translation>
    </message>
    <message>
      <source>Custom f(x, y)</source>
      <translation>自定义 f(x, y)</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Writing {0}…</source>
      <translation>正在写入 {0}…</translation>
    </message>
    <message>
      <source>Optimizer Arena</source>
      <translation>优化器竞技场</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>Stop computing; the steps computed so far stay</source>
      <translation>停止计算；已算出的步骤会保留</translation>
    </message>
    <message>
      <source>Steps computed</source>
      <translation>已计算的步数</translation>
    </message>
    <message>
      <source>PNG…</source>
      <translation>PNG…</translation>
    </message>
    <message>
      <source>Save the 3-D view and the map as a picture</source>
      <translation>将 3D 视图和等高线图保存为图片</translation>
    </message>
    <message>
      <source>CSV…</source>
      <translation>CSV…</translation>
    </message>
    <message>
      <source>Save every step of every run as a table</source>
      <translation>将每次运行的每一步保存为表格</translation>
    </message>
    <message>
      <source>GIF…</source>
      <translation>GIF…</translation>
    </message>
    <message>
      <source>Save the animation as an animated GIF</source>
      <translation>将动画保存为 GIF 动图</translation>
    </message>
    <message>
      <source>MP4…</source>
      <translation>MP4…</translation>
    </message>
    <message>
      <source>Export current view</source>
      <translation>导出当前视图</translation>
    </message>
    <message>
      <source>Basins of attraction</source>
      <translation>吸引盆</translation>
    </message>
    <message>
      <source>Save the animation as an MP4 video</source>
      <translation>将动画保存为 MP4 视频</translation>
    </message>
    <message>
      <source>The runs are still being computed: wait, or press Stop first.</source>
      <translation>仍在计算这些运行：请等待，或先按“停止”。</translation>
    </message>
    <message>
      <source>There is nothing to export yet.</source>
      <translation>还没有可导出的内容。</translation>
    </message>
    <message>
      <source>Export failed</source>
      <translation>导出失败</translation>
    </message>
    <message>
      <source>Export cancelled.</source>
      <translation>导出已取消。</translation>
    </message>
    <message>
      <source>converged</source>
      <translation>已收敛</translation>
    </message>
    <message>
      <source>diverged</source>
      <translation>已发散</translation>
    </message>
    <message>
      <source>out of steps</source>
      <translation>步数用完</translation>
    </message>
    <message>
      <source>computing…</source>
      <translation>计算中…</translation>
    </message>
    <message>
      <source>velocity (momentum_buffer)</source>
      <translation>速度（momentum_buffer）</translation>
    </message>
    <message>
      <source>first moment m (exp_avg)</source>
      <translation>一阶矩 m（exp_avg）</translation>
    </message>
    <message>
      <source>second moment v (exp_avg_sq)</source>
      <translation>二阶矩 v（exp_avg_sq）</translation>
    </message>
    <message>
      <source>largest v so far (max_exp_avg_sq)</source>
      <translation>迄今最大的 v（max_exp_avg_sq）</translation>
    </message>
    <message>
      <source>mean square of g (square_avg)</source>
      <translation>g 的均方（square_avg）</translation>
    </message>
    <message>
      <source>mean of g (grad_avg)</source>
      <translation>g 的均值（grad_avg）</translation>
    </message>
    <message>
      <source>mean square of updates (acc_delta)</source>
      <translation>更新量的均方（acc_delta）</translation>
    </message>
    <message>
      <source>sum of squared gradients (sum)</source>
      <translation>梯度平方和（sum）</translation>
    </message>
    <message>
      <source>running max of |g| (exp_inf)</source>
      <translation>|g| 的滑动最大值（exp_inf）</translation>
    </message>
    <message>
      <source>search direction (d)</source>
      <translation>搜索方向（d）</translation>
    </message>
    <message>
      <source>previous gradient (prev_flat_grad)</source>
      <translation>上一步的梯度（prev_flat_grad）</translation>
    </message>
    <message>
      <source>Run</source>
      <translation>运行</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Minimum</source>
      <translation>极小值点</translation>
    </message>
    <message>
      <source>Final point</source>
      <translation>终点</translation>
    </message>
    <message>
      <source>Final f</source>
      <translation>最终 f</translation>
    </message>
    <message>
      <source>Arrows show directions: red −∇f (steepest descent), white the update taken, orange the momentum.</source>
      <translation>箭头只表示方向：红色为 −∇f（最速下降方向），白色为实际的更新，橙色为动量。</translation>
    </message>
    <message>
      <source>step</source>
      <translation>步</translation>
    </message>
    <message>
      <source>f(θ)</source>
      <translation>f(θ)</translation>
    </message>
    <message>
      <source>{optimizer} from {start}</source>
      <translation>{optimizer}，起点 {start}</translation>
    </message>
    <message>
      <source>point θ</source>
      <translation>参数点 θ</translation>
    </message>
    <message>
      <source>gradient ∇f</source>
      <translation>梯度 ∇f</translation>
    </message>
    <message>
      <source>{run}, step {step}</source>
      <translation>{run}，第 {step} 步</translation>
    </message>
    <message>
      <source>{surface}, step {step}</source>
      <translation>{surface}，第 {step} 步</translation>
    </message>
    <message>
      <source>update Δθ</source>
      <translation>更新量 Δθ</translation>
    </message>
    <message>
      <source>|Δθ| / (lr·|∇f|)</source>
      <translation>|Δθ| / (lr·|∇f|)</translation>
    </message>
    <message>
      <source>the next step overflowed or flew far outside the view: this is the last finite point</source>
      <translation>下一步数值溢出或飞出视图很远：这是最后一个有限的点</translation>
    </message>
    <message>
      <source>Backprop Stepper</source>
      <translation>反向传播步进器</translation>
    </message>
    <message>
      <source>Network</source>
      <translation>网络</translation>
    </message>
    <message>
      <source>Autograd graph</source>
      <translation>自动求导计算图</translation>
    </message>
    <message>
      <source>Apply update</source>
      <translation>执行更新</translation>
    </message>
    <message>
      <source>Take the SGD step: w ← w − η·∂E/∂w, then step through the new network</source>
      <translation>执行一步 SGD：w ← w − η·∂E/∂w，然后逐步演示更新后的网络</translation>
    </message>
    <message>
      <source>How many SGD steps one click takes</source>
      <translation>每次点击执行的 SGD 步数</translation>
    </message>
    <message>
      <source>Zero gradients between steps</source>
      <translation>每步之间梯度清零</translation>
    </message>
    <message>
      <source>optimizer.zero_grad(): untick to see .grad accumulate over steps</source>
      <translation>optimizer.zero_grad()：取消勾选可看到 .grad 在多步之间累加</translation>
    </message>
    <message>
      <source>Last update (old → new)</source>
      <translation>上次更新（旧值 → 新值）</translation>
    </message>
    <message>
      <source>Edges: blue positive, orange negative, width by |w|; double-click one to type its weight. Space plays, → and ← step, Home resets. Hover a unit or an edge for all its numbers.</source>
      <translation>连线：蓝色为正、橙色为负，粗细表示 |w|；双击连线可输入其权重。空格键播放，→ 和 ← 单步，Home 键重置。鼠标悬停在神经元或连线上可查看全部数值。</translation>
    </message>
    <message>
      <source>Double-click to type a new weight</source>
      <translation>双击输入新的权重</translation>
    </message>
    <message>
      <source>The loss before each applied update</source>
      <translation>每次更新前的损失</translation>
    </message>
    <message>
      <source>None yet.</source>
      <translation>暂无。</translation>
    </message>
    <message>
      <source>update</source>
      <translation>更新次数</translation>
    </message>
    <message>
      <source>Edit weight</source>
      <translation>编辑权重</translation>
    </message>
    <message>
      <source>Start: input and weights set</source>
      <translation>开始：输入和权重已设定</translation>
    </message>
    <message>
      <source>✓ The chain rule agrees with torch.autograd: largest relative difference {0} (tolerance {1}, {2})</source>
      <translation>✓ 链式法则与 torch.autograd 一致：最大相对差 {0}（容差 {1}，{2}）</translation>
    </message>
    <message>
      <source>✗ The chain rule and torch.autograd differ: largest relative difference {0}</source>
      <translation>✗ 链式法则与 torch.autograd 不一致：最大相对差 {0}</translation>
    </message>
    <message>
      <source>New value of {0}:</source>
      <translation>{0} 的新值：</translation>
    </message>
    <message>
      <source>SGD stopped after {0} updates: {1}</source>
      <translation>SGD 在 {0} 次更新后停止：{1}</translation>
    </message>
    <message>
      <source>Press Step ▶ (or →) to compute the forward pass one unit at a time, then the loss, then the backward pass by the chain rule, then the SGD update.</source>
      <translation>按“前进一步 ▶”（或 →）逐个神经元计算前向传播，然后计算损失，再用链式法则做反向传播，最后执行 SGD 更新。</translation>
    </message>
    <message>
      <source>compiled closed form</source>
      <translation>编译后的闭式计算</translation>
    </message>
    <message>
      <source>closed form, eager</source>
      <translation>闭式计算（eager 模式）</translation>
    </message>
    <message>
      <source>torch.optim with autograd</source>
      <translation>torch.optim + 自动求导</translation>
    </message>
    <message>
      <source>{run}, {steps} steps, {n}×{n} starts</source>
      <translation>{run}，{steps} 步，{n}×{n} 个起点</translation>
    </message>
    <message>
      <source>{seconds:.2f} s, {rate} point-steps/s ({path})</source>
      <translation>{seconds:.2f} 秒，每秒 {rate} 点·步（{path}）</translation>
    </message>
    <message>
      <source>Faint: few steps (≤ {low}), strong: many (≥ {high}), log scale</source>
      <translation>颜色越淡步数越少（≤ {low}），越浓步数越多（≥ {high}），对数刻度</translation>
    </message>
    <message>
      <source>not a listed minimum: runs stopped there, at a local minimum or bouncing back and forth</source>
      <translation>不是已知的极小值：运行停在了这里（局部极小值，或来回振荡）</translation>
    </message>
    <message>
      <source>Other minima ({count}): {share}% together</source>
      <translation>其余极小值（{count} 个）：合计 {share}%</translation>
    </message>
    <message>
      <source>Save the basins map</source>
      <translation>保存吸引盆图</translation>
    </message>
    <message>
      <source>Show the basins map</source>
      <translation>显示吸引盆图</translation>
    </message>
    <message>
      <source>Colour every start point of the map by the minimum its run reaches</source>
      <translation>按每个起点最终到达的极小值为其着色</translation>
    </message>
    <message>
      <source>Learning rate</source>
      <translation>学习率</translation>
    </message>
    <message>
      <source>Resolution</source>
      <translation>分辨率</translation>
    </message>
    <message>
      <source>Use the first racer's settings</source>
      <translation>使用第一个参赛优化器的设置</translation>
    </message>
    <message>
      <source>Save map…</source>
      <translation>保存图…</translation>
    </message>
    <message>
      <source>Save the basins map as PNG, CSV (one row per start) or NPY</source>
      <translation>将吸引盆图保存为 PNG、CSV（每个起点一行）或 NPY</translation>
    </message>
    <message>
      <source>Each start point is coloured by the minimum it reaches, the colour stronger the more steps it took. Click the map to watch the run from that point.</source>
      <translation>每个起点按它最终到达的极小值着色，所用步数越多颜色越浓。点击地图即可观看从该点出发的运行过程。</translation>
    </message>
    <message>
      <source>Computing {title}…</source>
      <translation>正在计算 {title}…</translation>
    </message>
    <message>
      <source>Cancelled: {title} is not finished.</source>
      <translation>已取消：{title} 尚未算完。</translation>
    </message>
    <message>
      <source>({percent}% computed)</source>
      <translation>（已算 {percent}%）</translation>
    </message>
    <message>
      <source>Save checkpoint</source>
      <translation>保存检查点</translation>
    </message>
    <message>
      <source>state_dict only (safe, the default)</source>
      <translation>仅 state_dict（安全，默认）</translation>
    </message>
    <message>
      <source>torch.save of a plain dict: the weights (model.state_dict()), the optimizer's state, the network spec, the data settings, the epoch and the loss history. It opens with torch.load(..., weights_only=True): tensors and numbers only, nothing in the file can run. This app opens it and resumes training exactly.</source>
      <translation>torch.save 保存一个普通字典：权重（model.state_dict()）、优化器状态、网络规格、数据设置、轮次和损失历史。用 torch.load(..., weights_only=True) 打开：只读取张量和数字，文件中的任何内容都不会被执行。本应用可以打开它，并精确地继续训练。</translation>
    </message>
    <message>
      <source>whole model (torch.save(model))</source>
      <translation>整个模型（torch.save(model)）</translation>
    </message>
    <message>
      <source>Pickles the model object itself. Loading it needs its class and torch.load(..., weights_only=False), and unpickling can run any code hidden in the file: open such files only from people you trust. For use in a notebook; this app refuses to open them.</source>
      <translation>直接 pickle 模型对象本身。加载时需要它的类定义和 torch.load(..., weights_only=False)，而反序列化（unpickle）可能执行文件中隐藏的任意代码：只打开你信任的人给的这类文件。适合在 notebook 中使用；本应用拒绝打开这类文件。</translation>
    </message>
    <message>
      <source>numbers must be finite</source>
      <translation>数值必须是有限的</translation>
    </message>
    <message>
      <source>give between {0} and {1} numbers</source>
      <translation>请输入 {0} 到 {1} 个数</translation>
    </message>
    <message>
      <source>'{0}' is not a number</source>
      <translation>“{0}”不是数字</translation>
    </message>
    <message>
      <source>Something went wrong</source>
      <translation>出错了</translation>
    </message>
    <message>
      <source>The last action failed; the app keeps running.</source>
      <translation>刚才的操作失败了；程序仍在正常运行。</translation>
    </message>
    <message>
      <source>Logged to {0}</source>
      <translation>已记录到 {0}</translation>
    </message>
    <message>
      <source>(happened {0} times)</source>
      <translation>（已发生 {0} 次）</translation>
    </message>
    <message>
      <source>Each box is a node autograd recorded during the forward pass: the tensor's grad_fn. backward() starts at the top (E.grad_fn) with gradient 1 and follows next_functions down to the leaves.</source>
      <translation>每个方框是自动求导在前向传播时记录的一个节点，即张量的 grad_fn。backward() 从顶部（E.grad_fn）以梯度 1 开始，沿 next_functions 向下一直传到叶子节点。</translation>
    </message>
    <message>
      <source>Green boxes are AccumulateGrad leaves: tensors created with requires_grad=True (the weights and biases of nn.Linear, and the input x here). Their gradient is added into .grad.</source>
      <translation>绿色方框是 AccumulateGrad 叶子节点：以 requires_grad=True 创建的张量（nn.Linear 的权重和偏置，以及这里的输入 x）。它们的梯度会累加到 .grad 中。</translation>
    </message>
    <message>
      <source>The step runs backward(retain_graph=True) so the saved tensors can still be shown; a plain backward() frees them once it has used them.</source>
      <translation>这里调用 backward(retain_graph=True)，因此仍能显示保存的张量；普通的 backward() 用完后就会释放它们。</translation>
    </message>
    <message>
      <source>Click a node to see its saved tensors and its gradient.</source>
      <translation>点击节点可查看它保存的张量和梯度。</translation>
    </message>
    <message>
      <source>Gradients are zeroed before each step (optimizer.zero_grad()).</source>
      <translation>每步之前梯度清零（optimizer.zero_grad()）。</translation>
    </message>
    <message>
      <source>Gradients are NOT zeroed: each Apply update adds this step's gradients to the old .grad, as PyTorch does when zero_grad() is forgotten.</source>
      <translation>梯度未清零：每次“执行更新”都会把本步梯度累加到原有的 .grad 上，正如忘记调用 zero_grad() 时 PyTorch 的行为。</translation>
    </message>
    <message>
      <source>A leaf tensor (is_leaf=True, requires_grad=True): nothing computed it, so backward() stops here and accumulates the gradient into its .grad.</source>
      <translation>叶子张量（is_leaf=True，requires_grad=True）：它不是由运算得到的，因此 backward() 在这里停止，并把梯度累加到它的 .grad 中。</translation>
    </message>
    <message>
      <source>The root: E.grad_fn. backward() starts here with ∂E/∂E = 1.</source>
      <translation>根节点：E.grad_fn。backward() 从这里开始，∂E/∂E = 1。</translation>
    </message>
    <message>
      <source>A grad_fn node: it receives the gradient with respect to its output and passes gradients to its next_functions by its local derivative.</source>
      <translation>grad_fn 节点：它接收关于其输出的梯度，乘以局部导数后传给它的 next_functions。</translation>
    </message>
    <message>
      <source>Saved in the forward pass (retain_graph=True keeps them)</source>
      <translation>前向传播时保存的张量（retain_graph=True 使其保留）</translation>
    </message>
    <message>
      <source>It saved no tensors: its local derivative needs none.</source>
      <translation>它没有保存张量：计算局部导数不需要。</translation>
    </message>
    <message>
      <source>Value</source>
      <translation>值</translation>
    </message>
    <message>
      <source>Not zeroed: this .grad includes the gradients of earlier steps.</source>
      <translation>未清零：此 .grad 包含之前各步的梯度。</translation>
    </message>
    <message>
      <source>Gradient flowing in (∂E/∂output)</source>
      <translation>流入的梯度（∂E/∂输出）</translation>
    </message>
    <message>
      <source>Logits z</source>
      <translation>Logits z</translation>
    </message>
    <message>
      <source>e.g. 2, 1, 0.1</source>
      <translation>例如 2, 1, 0.1</translation>
    </message>
    <message>
      <source>Comma-separated logits z, from {0} to {1} numbers</source>
      <translation>用逗号分隔的 logits z，共 {0} 到 {1} 个数</translation>
    </message>
    <message>
      <source>MSE</source>
      <translation>MSE</translation>
    </message>
    <message>
      <source>BCE vs MSE</source>
      <translation>BCE 与 MSE 对比</translation>
    </message>
    <message>
      <source>Target y</source>
      <translation>目标 y</translation>
    </message>
    <message>
      <source>The true value the prediction ŷ should reach</source>
      <translation>预测值 ŷ 应当达到的真实值</translation>
    </message>
    <message>
      <source>The loss is a parabola with its minimum at the target; the gradient is a straight line through zero there: the further off the prediction, the harder the gradient pulls it back.</source>
      <translation>损失是一条抛物线，最低点正好在目标处；梯度是一条在该处穿过零点的直线：预测偏离得越远，梯度把它拉回来的力度就越大。</translation>
    </message>
    <message>
      <source>Loss L = (ŷ − y)²</source>
      <translation>损失 L = (ŷ − y)²</translation>
    </message>
    <message>
      <source>prediction ŷ</source>
      <translation>预测值 ŷ</translation>
    </message>
    <message>
      <source>loss L</source>
      <translation>损失 L</translation>
    </message>
    <message>
      <source>Gradient ∂L/∂ŷ = 2(ŷ − y)</source>
      <translation>梯度 ∂L/∂ŷ = 2(ŷ − y)</translation>
    </message>
    <message>
      <source>gradient</source>
      <translation>梯度</translation>
    </message>
    <message>
      <source>The true label: 1 for the positive class, 0 for the negative</source>
      <translation>真实标签：正类为 1，负类为 0</translation>
    </message>
    <message>
      <source>logit z</source>
      <translation>logit z</translation>
    </message>
    <message>
      <source>loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <source>Gradient ∂L/∂z (what the logit learns from)</source>
      <translation>梯度 ∂L/∂z（logit 据此学习）</translation>
    </message>
    <message>
      <source>BCE keeps learning when the prediction is badly wrong; MSE's gradient vanishes because σ′(z) = p(1 − p) is tiny there.</source>
      <translation>预测错得很离谱时，BCE 仍能继续学习；而 MSE 的梯度几乎消失，因为那里的 σ′(z) = p(1 − p) 非常小。</translation>
    </message>
    <message>
      <source>target y = {0}</source>
      <translation>目标 y = {0}</translation>
    </message>
    <message>
      <source>Loss of p = σ(z) against the target y = {0}</source>
      <translation>p = σ(z) 相对目标 y = {0} 的损失</translation>
    </message>
    <message>
      <source>At z = {0} the prediction p = {1} is far from the target y = {2}. The BCE gradient is {3} but the MSE gradient only {4}.</source>
      <translation>在 z = {0} 处，预测 p = {1} 与目标 y = {2} 相差很远。BCE 的梯度是 {3}，而 MSE 的梯度只有 {4}。</translation>
    </message>
    <message>
      <source>Mean squared error</source>
      <translation>均方误差</translation>
    </message>
    <message>
      <source>Binary cross-entropy</source>
      <translation>二元交叉熵</translation>
    </message>
    <message>
      <source>Mean squared error on a sigmoid output</source>
      <translation>sigmoid 输出上的均方误差</translation>
    </message>
    <message>
      <source>BCE pulls about {0} times harder.</source>
      <translation>BCE 的梯度约为 MSE 的 {0} 倍。</translation>
    </message>
    <message>
      <source>PNG image</source>
      <translation>PNG 图片</translation>
    </message>
    <message>
      <source>SVG vector image</source>
      <translation>SVG 矢量图</translation>
    </message>
    <message>
      <source>CSV table</source>
      <translation>CSV 表格</translation>
    </message>
    <message>
      <source>NumPy array</source>
      <translation>NumPy 数组</translation>
    </message>
    <message>
      <source>PyTorch tensor</source>
      <translation>PyTorch 张量</translation>
    </message>
    <message>
      <source>Markdown worked example</source>
      <translation>Markdown 计算示例</translation>
    </message>
    <message>
      <source>LaTeX worked example</source>
      <translation>LaTeX 计算示例</translation>
    </message>
    <message>
      <source>Network spec (JSON)</source>
      <translation>网络规格（JSON）</translation>
    </message>
    <message>
      <source>GIF animation</source>
      <translation>GIF 动画</translation>
    </message>
    <message>
      <source>MP4 video</source>
      <translation>MP4 视频</translation>
    </message>
    <message>
      <source>About Torch Playground</source>
      <translation>关于 Torch 实验场</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;Export current view...</source>
      <translation>导出当前视图(&amp;E)...</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <source>&amp;Theme</source>
      <translation>主题(&amp;T)</translation>
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
      <source>&amp;Language</source>
      <translation>语言(&amp;L)</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <source>&amp;About Torch Playground</source>
      <translation>关于 Torch 实验场(&amp;A)</translation>
    </message>
    <message>
      <source>Where PyTorch computes: Auto picks a GPU when one is present.</source>
      <translation>PyTorch 在哪里计算：“自动”会在有 GPU 时选用 GPU。</translation>
    </message>
    <message>
      <source>Auto</source>
      <translation>自动</translation>
    </message>
    <message>
      <source>This view has nothing to export.</source>
      <translation>当前视图没有可导出的内容。</translation>
    </message>
    <message>
      <source>Learn PyTorch by touching it: every number is computed live by PyTorch.</source>
      <translation>动手学 PyTorch：界面上的每个数字都由 PyTorch 实时计算。</translation>
    </message>
    <message>
      <source>Device</source>
      <translation>设备</translation>
    </message>
    <message>
      <source>Device:</source>
      <translation>设备：</translation>
    </message>
    <message>
      <source>Computed on {0}</source>
      <translation>计算设备：{0}</translation>
    </message>
    <message>
      <source>Saved {0}</source>
      <translation>已保存 {0}</translation>
    </message>
    <message>
      <source>Torch Playground</source>
      <translation>Torch 实验场</translation>
    </message>
    <message>
      <source>Cannot export as '.{0}'; choose one of: {1}</source>
      <translation>无法导出为“.{0}”格式；可选：{1}</translation>
    </message>
    <message>
      <source>Cannot write {0}: {1}</source>
      <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
      <source>Custom (edited)</source>
      <translation>自定义（已编辑）</translation>
    </message>
    <message>
      <source>Layer sizes</source>
      <translation>各层大小</translation>
    </message>
    <message>
      <source>Hidden activation</source>
      <translation>隐藏层激活函数</translation>
    </message>
    <message>
      <source>Output activation</source>
      <translation>输出层激活函数</translation>
    </message>
    <message>
      <source>Loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <source>Seed</source>
      <translation>随机种子</translation>
    </message>
    <message>
      <source>Input x</source>
      <translation>输入 x</translation>
    </message>
    <message>
      <source>Target t</source>
      <translation>目标 t</translation>
    </message>
    <message>
      <source>Learning rate η</source>
      <translation>学习率 η</translation>
    </message>
    <message>
      <source>Network spec (JSON): type weights here</source>
      <translation>网络规格（JSON）：可在此输入权重</translation>
    </message>
    <message>
      <source>Units per layer, input first, e.g. 2, 2, 2 (up to 4 layers of 8)</source>
      <translation>每层神经元个数，输入层在前，例如 2, 2, 2（最多 4 层，每层 8 个）</translation>
    </message>
    <message>
      <source>New random weights</source>
      <translation>重新随机权重</translation>
    </message>
    <message>
      <source>Draw weights as nn.Linear does, U(−1/√in, 1/√in), from the next seed</source>
      <translation>按 nn.Linear 的方式用下一个种子抽取权重：U(−1/√in, 1/√in)</translation>
    </message>
    <message>
      <source>Update the biases too</source>
      <translation>同时更新偏置</translation>
    </message>
    <message>
      <source>Mazur's worked example leaves the biases unchanged</source>
      <translation>Mazur 的计算示例不更新偏置</translation>
    </message>
    <message>
      <source>Apply JSON</source>
      <translation>应用 JSON</translation>
    </message>
    <message>
      <source>weights[k][out][in] like nn.Linear.weight; biases[k][out]</source>
      <translation>weights[k][out][in]，与 nn.Linear.weight 相同；biases[k][out]</translation>
    </message>
    <message>
      <source>The panel draws up to {0} layers of {1} units; use the step command for more.</source>
      <translation>面板最多绘制 {0} 层、每层 {1} 个神经元；更大的网络请使用 step 命令。</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>重置</translation>
    </message>
    <message>
      <source>Back to the first step (Home)</source>
      <translation>回到第一步（Home 键）</translation>
    </message>
    <message>
      <source>◀ Step back</source>
      <translation>◀ 后退一步</translation>
    </message>
    <message>
      <source>One step back (Left arrow)</source>
      <translation>后退一步（左方向键）</translation>
    </message>
    <message>
      <source>Step ▶</source>
      <translation>前进一步 ▶</translation>
    </message>
    <message>
      <source>One step forward (Right arrow)</source>
      <translation>前进一步（右方向键）</translation>
    </message>
    <message>
      <source>Steps advanced per frame while playing</source>
      <translation>播放时每帧前进的步数</translation>
    </message>
    <message>
      <source>Drag to any step</source>
      <translation>拖动到任意一步</translation>
    </message>
    <message>
      <source>Play or pause (Space)</source>
      <translation>播放或暂停（空格键）</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <source>Play</source>
      <translation>播放</translation>
    </message>
    <message>
      <source>step {i} / {n}</source>
      <translation>第 {i} 步 / 共 {n} 步</translation>
    </message>
    <message>
      <source>Softmax</source>
      <translation>Softmax</translation>
    </message>
    <message>
      <source>Cross-entropy</source>
      <translation>交叉熵</translation>
    </message>
    <message>
      <source>Temperature T</source>
      <translation>温度 T</translation>
    </message>
    <message>
      <source>Small T sharpens the distribution, large T flattens it</source>
      <translation>T 越小分布越尖锐，T 越大分布越平坦</translation>
    </message>
    <message>
      <source>The Jacobian is (diag(p) − ppᵀ) / T. Raising zᵢ raises pᵢ (positive diagonal) and lowers every other pⱼ (negative entries); each row and column sums to 0 because the probabilities always sum to 1. Small T sharpens the distribution towards the largest logit, large T flattens it.</source>
      <translation>雅可比矩阵等于 (diag(p) − ppᵀ) / T。增大 zᵢ 会使 pᵢ 增大（对角线为正），同时使其他每个 pⱼ 减小（其余元素为负）；每一行、每一列之和都是 0，因为概率之和始终为 1。T 越小，分布越集中到最大的 logit 上；T 越大，分布越平坦。</translation>
    </message>
    <message>
      <source>class i</source>
      <translation>类别 i</translation>
    </message>
    <message>
      <source>probability pᵢ</source>
      <translation>概率 pᵢ</translation>
    </message>
    <message>
      <source>Jacobian ∂pᵢ/∂zⱼ</source>
      <translation>雅可比矩阵 ∂pᵢ/∂zⱼ</translation>
    </message>
    <message>
      <source>j (logit zⱼ)</source>
      <translation>j（logit zⱼ）</translation>
    </message>
    <message>
      <source>i (probability pᵢ)</source>
      <translation>i（概率 pᵢ）</translation>
    </message>
    <message>
      <source>Target class t</source>
      <translation>目标类别 t</translation>
    </message>
    <message>
      <source>The index of the correct class</source>
      <translation>正确类别的索引</translation>
    </message>
    <message>
      <source>gradient = softmax − one-hot: gradient descent pushes the target logit up and every other logit down, each in proportion to its probability.</source>
      <translation>梯度 = softmax − one-hot：梯度下降会把目标类别的 logit 往上推，把其他每个 logit 往下压，力度与各自的概率成正比。</translation>
    </message>
    <message>
      <source>softmax p</source>
      <translation>softmax p</translation>
    </message>
    <message>
      <source>one-hot</source>
      <translation>one-hot 编码</translation>
    </message>
    <message>
      <source>gradient ∂L/∂z = p − one-hot</source>
      <translation>梯度 ∂L/∂z = p − one-hot</translation>
    </message>
    <message>
      <source>softmax, one-hot and the gradient ∂L/∂z</source>
      <translation>softmax、one-hot 与梯度 ∂L/∂z</translation>
    </message>
    <message>
      <source>class j</source>
      <translation>类别 j</translation>
    </message>
    <message>
      <source>value</source>
      <translation>数值</translation>
    </message>
    <message>
      <source>The naive −log(softmax) overflowed: softmax rounded to 0. That is why F.cross_entropy works on log-probabilities directly.</source>
      <translation>朴素的 −log(softmax) 溢出了：softmax 被舍入成了 0。这正是 F.cross_entropy 直接在对数概率上计算的原因。</translation>
    </message>
    <message>
      <source>The three values agree exactly.</source>
      <translation>三个值完全一致。</translation>
    </message>
    <message>
      <source>The three values agree to within {0}.</source>
      <translation>三个值的差异在 {0} 以内。</translation>
    </message>
    <message>
      <source>Probabilities p at T = {0}</source>
      <translation>T = {0} 时的概率 p</translation>
    </message>
    <message>
      <source>Negative log-likelihood</source>
      <translation>负对数似然</translation>
    </message>
    <message>
      <source>{0} (target)</source>
      <translation>{0}（目标）</translation>
    </message>
    <message>
      <source>Tensor Lab</source>
      <translation>张量实验室</translation>
    </message>
    <message>
      <source>Preferences</source>
      <translation>偏好设置</translation>
    </message>
    <message>
      <source>Size limit (elements)</source>
      <translation>大小上限（元素个数）</translation>
    </message>
    <message>
      <source>A program that would build a larger tensor is refused before it allocates</source>
      <translation>会创建更大张量的程序在分配内存之前就会被拒绝</translation>
    </message>
    <message>
      <source>Ctrl+Enter</source>
      <translation>Ctrl+Enter</translation>
    </message>
    <message>
      <source>Clear variables</source>
      <translation>清除变量</translation>
    </message>
    <message>
      <source>Ctrl+Enter runs · Up/Down recall earlier programs</source>
      <translation>Ctrl+Enter 运行 · 上/下方向键调出之前的程序</translation>
    </message>
    <message>
      <source>Type PyTorch code, e.g. A = torch.arange(6).reshape(2, 3); A.sum(dim=0)</source>
      <translation>输入 PyTorch 代码，例如 A = torch.arange(6).reshape(2, 3); A.sum(dim=0)</translation>
    </message>
    <message>
      <source>Only a tensor can be exported: run a program whose last line is a tensor</source>
      <translation>只能导出张量：请运行最后一行结果为张量的程序</translation>
    </message>
    <message>
      <source>Broadcasting lines the shapes up from the right and stretches every size 1 to match</source>
      <translation>广播：把形状从右端对齐，并把每个大小为 1 的维度扩展到相同大小</translation>
    </message>
    <message>
      <source>No dim: all elements are reduced to one value</source>
      <translation>未指定 dim：所有元素归约为一个值</translation>
    </message>
    <message>
      <source>All dims at once</source>
      <translation>同时作用于所有维度</translation>
    </message>
    <message>
      <source>keepdim=True: the reduced dimension stays, with size 1</source>
      <translation>keepdim=True：被归约的维度保留下来，大小为 1</translation>
    </message>
    <message>
      <source>keepdim=False: the reduced dimension is removed</source>
      <translation>keepdim=False：被归约的维度被去掉</translation>
    </message>
    <message>
      <source>input {0}</source>
      <translation>输入 {0}</translation>
    </message>
    <message>
      <source>output {0}</source>
      <translation>输出 {0}</translation>
    </message>
    <message>
      <source>dim={0} runs down the rows: each column is reduced to one value</source>
      <translation>dim={0} 纵向穿过各行：每一列归约为一个值</translation>
    </message>
    <message>
      <source>dim={0} runs along each row: each row is reduced to one value</source>
      <translation>dim={0} 横向穿过各列：每一行归约为一个值</translation>
    </message>
    <message>
      <source>dim={0} runs across the slices: matching cells are reduced to one value</source>
      <translation>dim={0} 贯穿各个切片：对应位置的元素归约为一个值</translation>
    </message>
    <message>
      <source>dim={0} runs down the rows: the op works on each column separately</source>
      <translation>dim={0} 纵向穿过各行：运算在每一列上分别进行</translation>
    </message>
    <message>
      <source>dim={0} runs along each row: the op works on each row separately</source>
      <translation>dim={0} 横向穿过各列：运算在每一行上分别进行</translation>
    </message>
    <message>
      <source>dim={0} runs across the slices: the op works on each stack of matching cells</source>
      <translation>dim={0} 贯穿各个切片：运算在每一组对应位置的元素上分别进行</translation>
    </message>
    <message>
      <source>Values</source>
      <translation>数值</translation>
    </message>
    <message>
      <source>What the op did</source>
      <translation>运算做了什么</translation>
    </message>
    <message>
      <source>Plain PyTorch</source>
      <translation>纯 PyTorch 代码</translation>
    </message>
    <message>
      <source>Printed</source>
      <translation>打印输出</translation>
    </message>
    <message>
      <source>Slice</source>
      <translation>切片</translation>
    </message>
    <message>
      <source>Rows from</source>
      <translation>起始行</translation>
    </message>
    <message>
      <source>Columns from</source>
      <translation>起始列</translation>
    </message>
    <message>
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <source>Part of the result ({0} parts):</source>
      <translation>结果共 {0} 个部分，当前显示：</translation>
    </message>
    <message>
      <source>rows {0}–{1} of {2}, columns {3}–{4} of {5}</source>
      <translation>第 {0}–{1} 行（共 {2} 行），第 {3}–{4} 列（共 {5} 列）</translation>
    </message>
    <message>
      <source>Warning from PyTorch: {0}</source>
      <translation>PyTorch 警告：{0}</translation>
    </message>
    <message>
      <source>The picture shows tensors of up to 3 dimensions.</source>
      <translation>示意图只能显示不超过 3 维的张量。</translation>
    </message>
    <message>
      <source>Run an op with dim= (sum, mean, max, cumsum, softmax…) or an operator between tensors of different shapes to see a picture of what it did.</source>
      <translation>运行一个带 dim= 的运算（sum、mean、max、cumsum、softmax……），或在形状不同的张量之间使用运算符，就能看到它做了什么的示意图。</translation>
    </message>
    <message>
      <source>requires_grad={0} · grad: {1} · grad_fn: {2}</source>
      <translation>requires_grad={0} · 梯度：{1} · grad_fn：{2}</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>有</translation>
    </message>
    <message>
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <source>A Python value of type {0}</source>
      <translation>Python 值，类型为 {0}</translation>
    </message>
    <message>
      <source>shape {0} · dtype {1} · device {2} · strides {3} · {4}</source>
      <translation>形状 {0} · 数据类型 {1} · 设备 {2} · 步长 {3} · {4}</translation>
    </message>
    <message>
      <source>contiguous</source>
      <translation>内存连续</translation>
    </message>
    <message>
      <source>not contiguous</source>
      <translation>内存不连续</translation>
    </message>
    <message>
      <source>Build a tensor</source>
      <translation>创建张量</translation>
    </message>
    <message>
      <source>Function</source>
      <translation>函数</translation>
    </message>
    <message>
      <source>default</source>
      <translation>默认</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Create</source>
      <translation>创建</translation>
    </message>
    <message>
      <source>Runs the line this form builds, so it also appears in the program's code</source>
      <translation>运行此表单生成的代码行，因此它也会出现在程序代码中</translation>
    </message>
    <message>
      <source>Op catalog</source>
      <translation>运算目录</translation>
    </message>
    <message>
      <source>Paste the example into the editor</source>
      <translation>把示例粘贴到编辑器</translation>
    </message>
    <message>
      <source>Variables</source>
      <translation>变量</translation>
    </message>
    <message>
      <source>name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>shape</source>
      <translation>形状</translation>
    </message>
    <message>
      <source>device</source>
      <translation>设备</translation>
    </message>
    <message>
      <source>no</source>
      <translation>无</translation>
    </message>
    <message>
      <source>Mean squared error (MSE)</source>
      <translation>均方误差（MSE）</translation>
    </message>
    <message>
      <source>Binary cross-entropy (BCE)</source>
      <translation>二元交叉熵（BCE）</translation>
    </message>
    <message>
      <source>Cross-entropy (softmax)</source>
      <translation>交叉熵（softmax）</translation>
    </message>
    <message>
      <source>Identity (linear)</source>
      <translation>恒等（线性）</translation>
    </message>
    <message>
      <source>Regression: one output, no activation (identity), MSE. With no hidden layer this is linear regression.</source>
      <translation>回归：一个输出，无激活函数（恒等），MSE 损失。没有隐藏层时就是线性回归。</translation>
    </message>
    <message>
      <source>Two classes: one sigmoid output. With no hidden layer and BCE this is logistic regression.</source>
      <translation>两个类别：一个 sigmoid 输出。没有隐藏层并使用 BCE 时就是逻辑回归。</translation>
    </message>
    <message>
      <source>Several classes: one output per class (logits) and cross-entropy, which applies the softmax itself.</source>
      <translation>多个类别：每个类别一个输出（logits），配合交叉熵损失，它自己会做 softmax。</translation>
    </message>
    <message>
      <source>Data</source>
      <translation>数据</translation>
    </message>
    <message>
      <source>Model</source>
      <translation>模型</translation>
    </message>
    <message>
      <source>Dataset</source>
      <translation>数据集</translation>
    </message>
    <message>
      <source>Noise</source>
      <translation>噪声</translation>
    </message>
    <message>
      <source>Test share</source>
      <translation>测试集比例</translation>
    </message>
    <message>
      <source>Hidden layers</source>
      <translation>隐藏层数</translation>
    </message>
    <message>
      <source>Neurons per layer</source>
      <translation>每层神经元数</translation>
    </message>
    <message>
      <source>Activation</source>
      <translation>激活函数</translation>
    </message>
    <message>
      <source>Batch size</source>
      <translation>批大小</translation>
    </message>
    <message>
      <source>Seeds the data, the initial weights and the shuffling: the same seed, the same run</source>
      <translation>同时决定数据、初始权重和打乱顺序：相同的种子，相同的训练过程</translation>
    </message>
    <message>
      <source>Optimizer, learning rate and batch size apply from the next epoch; any other change starts training again.</source>
      <translation>优化器、学习率和批大小从下一轮起生效；其他任何改动都会重新开始训练。</translation>
    </message>
    <message>
      <source>Training</source>
      <translation>训练</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>代码</translation>
    </message>
    <message>
      <source>Open checkpoint</source>
      <translation>打开检查点</translation>
    </message>
    <message>
      <source>Step epoch ▶</source>
      <translation>单步一轮 ▶</translation>
    </message>
    <message>
      <source>Train one epoch: every training point once, in shuffled batches (→)</source>
      <translation>训练一轮：每个训练点用一次，按打乱后的小批量（→）</translation>
    </message>
    <message>
      <source>Step batch</source>
      <translation>单步一批</translation>
    </message>
    <message>
      <source>One optimizer step on the next mini-batch</source>
      <translation>在下一个小批量上执行一次优化器更新</translation>
    </message>
    <message>
      <source>New initial weights from the seed, epoch 0</source>
      <translation>按种子重新生成初始权重，回到第 0 轮</translation>
    </message>
    <message>
      <source>Train epoch after epoch until paused (Space)</source>
      <translation>一轮接一轮地训练，直到暂停（空格）</translation>
    </message>
    <message>
      <source>Save…</source>
      <translation>保存…</translation>
    </message>
    <message>
      <source>Save a checkpoint: weights, optimizer, settings, epoch, history (Ctrl+S)</source>
      <translation>保存检查点：权重、优化器、设置、轮次、历史（Ctrl+S）</translation>
    </message>
    <message>
      <source>Open…</source>
      <translation>打开…</translation>
    </message>
    <message>
      <source>Open a checkpoint and resume exactly where it stopped (Ctrl+O)</source>
      <translation>打开检查点，从停下的地方精确地继续（Ctrl+O）</translation>
    </message>
    <message>
      <source>Sample (click a point):</source>
      <translation>样本（点击一个点）：</translation>
    </message>
    <message>
      <source>Which training point to step through; click one on the plot to choose it</source>
      <translation>要逐步查看的训练点；在图上点击即可选择</translation>
    </message>
    <message>
      <source>Step through this sample in the Backprop Stepper</source>
      <translation>在反向传播步进器中逐步查看这个样本</translation>
    </message>
    <message>
      <source>Opens the Backprop Stepper on the current weights, with this point as the input and its label as the target</source>
      <translation>用当前权重打开反向传播步进器，以这个点为输入、它的标签为目标</translation>
    </message>
    <message>
      <source>The model as nn.Sequential and as an nn.Module subclass, then the training loop a student would type: run it and it prints this run's losses.</source>
      <translation>模型分别写成 nn.Sequential 和 nn.Module 子类，然后是学生会亲手写的训练循环：运行它，会打印出这次训练的损失。</translation>
    </message>
    <message>
      <source>Epoch {0}</source>
      <translation>第 {0} 轮</translation>
    </message>
    <message>
      <source>⏸ Pause</source>
      <translation>⏸ 暂停</translation>
    </message>
    <message>
      <source>▶ Play</source>
      <translation>▶ 播放</translation>
    </message>
    <message>
      <source>PyTorch checkpoint</source>
      <translation>PyTorch 检查点</translation>
    </message>
    <message>
      <source>Training diverged in epoch {0}: the loss became NaN or infinite, so the network is kept as it was before it. Lower the learning rate, then press Play or Reset.</source>
      <translation>训练在第 {0} 轮发散：损失变成了 NaN 或无穷大，因此网络保持在这一轮之前的状态。请降低学习率，然后按“播放”或“重置”。</translation>
    </message>
    <message>
      <source>train loss {0}</source>
      <translation>训练损失 {0}</translation>
    </message>
    <message>
      <source>test loss {0}</source>
      <translation>测试损失 {0}</translation>
    </message>
    <message>
      <source>Training loop: reproduces this run</source>
      <translation>训练循环：复现这次训练</translation>
    </message>
    <message>
      <source>(+ batch {0} of {1})</source>
      <translation>（+ 第 {0}/{1} 批）</translation>
    </message>
    <message>
      <source>test accuracy {0}</source>
      <translation>测试准确率 {0}</translation>
    </message>
    <message>
      <source>fitted line {0}</source>
      <translation>拟合直线 {0}</translation>
    </message>
    <message>
      <source>The sigmoid output is exactly the wrong 0 or 1 for {0} of {1} training points: its gradient is zero there, so they stay wrong. Lower the learning rate and press Reset.</source>
      <translation>在 {1} 个训练点中，有 {0} 个点的 sigmoid 输出恰好是错误的 0 或 1：那里的梯度为零，所以它们一直分错。请调低学习率，然后点“重置”。</translation>
    </message>
    <message>
      <source>Save failed</source>
      <translation>保存失败</translation>
    </message>
    <message>
      <source>Shading: the class the model predicts, paler where it is unsure.</source>
      <translation>底色：模型预测的类别，越不确定颜色越浅。</translation>
    </message>
    <message>
      <source>Shading: the model's probability of class 1, paler near the boundary (0.5).</source>
      <translation>底色：模型判为类别 1 的概率，越靠近决策边界（0.5）颜色越浅。</translation>
    </message>
    <message>
      <source>Line colour: the weight's sign (blue +, orange −); thickness: |w|. Hover or click a line or a unit for its value.</source>
      <translation>连线颜色：权重的正负（蓝为正，橙为负）；粗细：|w| 的大小。鼠标悬停或点击连线、神经元可查看数值。</translation>
    </message>
    <message>
      <source>Data: filled = training, hollow = test</source>
      <translation>数据：实心 = 训练集，空心 = 测试集</translation>
    </message>
    <message>
      <source>train loss</source>
      <translation>训练损失</translation>
    </message>
    <message>
      <source>test loss</source>
      <translation>测试损失</translation>
    </message>
    <message>
      <source>epoch</source>
      <translation>轮次</translation>
    </message>
    <message>
      <source>accuracy (%)</source>
      <translation>准确率（%）</translation>
    </message>
    <message>
      <source>train accuracy</source>
      <translation>训练准确率</translation>
    </message>
    <message>
      <source>test accuracy</source>
      <translation>测试准确率</translation>
    </message>
    <message>
      <source>data points</source>
      <translation>数据点</translation>
    </message>
    <message>
      <source>line: the model's prediction ŷ = f(x)</source>
      <translation>直线：模型的预测 ŷ = f(x)</translation>
    </message>
    <message>
      <source>class {0}</source>
      <translation>类别 {0}</translation>
    </message>
    <message>
      <source>{what} must be a number, got {value}</source>
      <translation>{what} 必须是数字，收到的是 {value}</translation>
    </message>
    <message>
      <source>{what} must be a finite number, got {value}</source>
      <translation>{what} 必须是有限的数，收到的是 {value}</translation>
    </message>
    <message>
      <source>{key} must be between {low} and {high}, got {value}</source>
      <translation>{key} 必须在 {low} 到 {high} 之间，收到的是 {value}</translation>
    </message>
    <message>
      <source>{key} must be at least {low}, got {value}</source>
      <translation>{key} 不能小于 {low}，收到的是 {value}</translation>
    </message>
    <message>
      <source>{key} must be at most {high}, got {value}</source>
      <translation>{key} 不能大于 {high}，收到的是 {value}</translation>
    </message>
    <message>
      <source>{name} takes no parameters</source>
      <translation>{name} 没有参数</translation>
    </message>
    <message>
      <source>min_val must be less than max_val, got {low} and {high}</source>
      <translation>min_val 必须小于 max_val，收到的是 {low} 和 {high}</translation>
    </message>
    <message>
      <source>{what} must satisfy A &lt; B, got {low},{high}</source>
      <translation>{what} 必须满足 A &lt; B，收到的是 {low},{high}</translation>
    </message>
    <message>
      <source>{what} is too wide: B − A must be a finite number</source>
      <translation>{what} 太宽了：B − A 必须是有限的数</translation>
    </message>
    <message>
      <source>points must be an integer, got {value}</source>
      <translation>点数必须是整数，收到的是 {value}</translation>
    </message>
    <message>
      <source>points must be between 2 and {most}, got {value}</source>
      <translation>点数必须在 2 到 {most} 之间，收到的是 {value}</translation>
    </message>
    <message>
      <source>threshold must be positive, got {value}</source>
      <translation>阈值必须为正数，收到的是 {value}</translation>
    </message>
    <message>
      <source>unknown activation {name}; choose one of: {names}</source>
      <translation>未知的激活函数 {name}；可选：{names}</translation>
    </message>
    <message>
      <source>{key} must be one of: {choices}, got {value}</source>
      <translation>{key} 必须是以下之一：{choices}，收到的是 {value}</translation>
    </message>
    <message>
      <source>{name} has no parameter {key}; its parameters are: {known}</source>
      <translation>{name} 没有参数 {key}；它的参数有：{known}</translation>
    </message>
    <message>
      <source>{what} must be two numbers A,B, got {value}</source>
      <translation>{what} 必须是两个数 A,B，收到的是 {value}</translation>
    </message>
    <message>
      <source>{what} of {name} is not a finite number at x = {x} (float overflow in torch); use a narrower range</source>
      <translation>{name} 的 {what} 在 x = {x} 处不是有限的数（torch 中浮点溢出）；请缩小范围</translation>
    </message>
    <message>
      <source>an animation is written as .gif or .mp4, not '{ext}'</source>
      <translation>动画只能保存为 .gif 或 .mp4，不能是 '{ext}'</translation>
    </message>
    <message>
      <source>there is nothing to animate yet</source>
      <translation>还没有可以生成动画的内容</translation>
    </message>
    <message>
      <source>give at least one start point x, y</source>
      <translation>请至少给出一个起点 x, y</translation>
    </message>
    <message>
      <source>give at least one learning rate</source>
      <translation>请至少给出一个学习率</translation>
    </message>
    <message>
      <source>at most {limit} runs at once (racers × start points)</source>
      <translation>一次最多 {limit} 个运行（参赛者 × 起点）</translation>
    </message>
    <message>
      <source>dtype must be float32 or float64</source>
      <translation>数据类型必须是 float32 或 float64</translation>
    </message>
    <message>
      <source>'{text}' is not a point x, y</source>
      <translation>'{text}' 不是一个点 x, y</translation>
    </message>
    <message>
      <source>the loss is not a finite number ({value}); use smaller weights or inputs</source>
      <translation>损失不是有限数（{value}）；请使用更小的权重或输入</translation>
    </message>
    <message>
      <source>the gradients overflow ({dtype} cannot hold them); use smaller weights or inputs</source>
      <translation>梯度溢出（{dtype} 无法表示）；请使用更小的权重或输入</translation>
    </message>
    <message>
      <source>the {loss} loss needs outputs strictly between 0 and 1 (a sigmoid output layer), got {value}</source>
      <translation>{loss} 损失要求输出严格介于 0 和 1 之间（输出层用 sigmoid），实际为 {value}</translation>
    </message>
    <message>
      <source>the extent must be four finite numbers X0,X1,Y0,Y1 with X0 &lt; X1 and Y0 &lt; Y1</source>
      <translation>范围必须是四个有限数 X0,X1,Y0,Y1，且 X0 &lt; X1、Y0 &lt; Y1</translation>
    </message>
    <message>
      <source>steps must be between 1 and {high}, got {steps}</source>
      <translation>步数必须在 1 到 {high} 之间，实际为 {steps}</translation>
    </message>
    <message>
      <source>the grid needs between {low} and {high} points a side</source>
      <translation>网格每边的点数必须在 {low} 到 {high} 之间</translation>
    </message>
    <message>
      <source>cannot write '{path}': use .png, .csv or .npy</source>
      <translation>无法写入 '{path}'：请使用 .png、.csv 或 .npy</translation>
    </message>
    <message>
      <source>{path} is too large for a training checkpoint ({size} bytes)</source>
      <translation>{path} 太大，不像训练检查点（{size} 字节）</translation>
    </message>
    <message>
      <source>{path} is truncated or corrupted: it is not a readable PyTorch file</source>
      <translation>{path} 不完整或已损坏：不是可读取的 PyTorch 文件</translation>
    </message>
    <message>
      <source>{path} is not a Torch Playground training checkpoint</source>
      <translation>{path} 不是 Torch Playground 的训练检查点</translation>
    </message>
    <message>
      <source>{path} has checkpoint format version {version}; this app reads version {expected}</source>
      <translation>{path} 的检查点格式版本为 {version}；本应用读取版本 {expected}</translation>
    </message>
    <message>
      <source>{path}: the network spec ({layers}, {loss}) does not match the training settings ({expected}, {expected_loss})</source>
      <translation>{path}：网络规格（{layers}，{loss}）与训练设置（{expected}，{expected_loss}）不一致</translation>
    </message>
    <message>
      <source>{path}: the optimizer state is for '{name}', the settings say '{expected}'</source>
      <translation>{path}：优化器状态属于 '{name}'，而设置中是 '{expected}'</translation>
    </message>
    <message>
      <source>{path}: the weights do not fit the network spec (parameters {found}, expected {expected})</source>
      <translation>{path}：权重与网络规格不符（参数为 {found}，应为 {expected}）</translation>
    </message>
    <message>
      <source>{path}: the optimizer state does not fit the network</source>
      <translation>{path}：优化器状态与网络不符</translation>
    </message>
    <message>
      <source>{path}: the optimizer state is not {name}'s</source>
      <translation>{path}：优化器状态不属于 {name}</translation>
    </message>
    <message>
      <source>{path}: the optimizer's learning rate {lr} differs from the settings' {expected}</source>
      <translation>{path}：优化器的学习率 {lr} 与设置中的 {expected} 不同</translation>
    </message>
    <message>
      <source>{path}: the position in the epoch is damaged</source>
      <translation>{path}：轮内位置信息已损坏</translation>
    </message>
    <message>
      <source>{path}: the loss history is damaged</source>
      <translation>{path}：损失历史已损坏</translation>
    </message>
    <message>
      <source>cannot read {path}: {reason}</source>
      <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
      <source>{path}: the checkpoint's '{key}' is missing or damaged</source>
      <translation>{path}：检查点中的 '{key}' 缺失或已损坏</translation>
    </message>
    <message>
      <source>{path}: the network spec is damaged: {reason}</source>
      <translation>{path}：网络规格已损坏：{reason}</translation>
    </message>
    <message>
      <source>{field} is missing from the dataset settings</source>
      <translation>数据集设置中缺少 {field}</translation>
    </message>
    <message>
      <source>{path}: the training settings are damaged: {reason}</source>
      <translation>{path}：训练设置已损坏：{reason}</translation>
    </message>
    <message>
      <source>{path}: '{name}' has shape {shape}, the network spec needs {expected}</source>
      <translation>{path}：'{name}' 的形状是 {shape}，网络规格需要 {expected}</translation>
    </message>
    <message>
      <source>{path}: '{name}' holds {dtype} numbers, the network needs {expected}</source>
      <translation>{path}：“{name}”中是 {dtype} 类型的数，而网络需要 {expected}</translation>
    </message>
    <message>
      <source>{path}: '{name}' holds NaN or infinite weights</source>
      <translation>{path}：'{name}' 中有 NaN 或无穷大的权重</translation>
    </message>
    <message>
      <source>{path}: the random generator's state is damaged</source>
      <translation>{path}：随机数生成器的状态已损坏</translation>
    </message>
    <message>
      <source>{path} needs Python classes or code to load (a whole pickled model, or a crafted file); refused, and nothing in it ran. Open state_dict checkpoints only</source>
      <translation>{path} 需要 Python 类或代码才能加载（整个 pickle 的模型，或特意构造的文件）；已拒绝，文件中的任何内容都没有执行。请只打开 state_dict 检查点</translation>
    </message>
    <message>
      <source>{path}: the optimizer's '{name}' has shape {shape}, the parameter has {expected}</source>
      <translation>{path}：优化器的 '{name}' 形状为 {shape}，而参数形状为 {expected}</translation>
    </message>
    <message>
      <source>unknown dataset '{name}'; choose one of: {names}</source>
      <translation>未知数据集 '{name}'；可选：{names}</translation>
    </message>
    <message>
      <source>the dataset settings must be a mapping, got {value}</source>
      <translation>数据集设置必须是映射（字典），得到的是 {value}</translation>
    </message>
    <message>
      <source>{field} must be an integer between {low} and {high}, got {value}</source>
      <translation>{field} 必须是介于 {low} 和 {high} 之间的整数，实际为 {value}</translation>
    </message>
    <message>
      <source>{field} must be between {low} and {high}, got {value}</source>
      <translation>{field} 必须介于 {low} 和 {high} 之间，实际为 {value}</translation>
    </message>
    <message>
      <source>device {key} is not available here; choose one of: {keys}</source>
      <translation>设备 {key} 在这台机器上不可用；可选：{keys}</translation>
    </message>
    <message>
      <source>{what} {low},{high} does not fit in {dtype} on this device; use numbers within ±{most}</source>
      <translation>{what} {low},{high} 超出了此设备上 {dtype} 的表示范围；请使用 ±{most} 以内的数</translation>
    </message>
    <message>
      <source>logits must be a list of numbers, got {value}</source>
      <translation>logits 必须是一组数字，收到的是 {value}</translation>
    </message>
    <message>
      <source>logits must have between {fewest} and {most} values, got {count}</source>
      <translation>logits 必须有 {fewest} 到 {most} 个值，收到了 {count} 个</translation>
    </message>
    <message>
      <source>logits must lie within ±{most} to fit in {dtype} on this device</source>
      <translation>logits 必须在 ±{most} 以内，才能在此设备上用 {dtype} 表示</translation>
    </message>
    <message>
      <source>target must be a class index from 0 to {last}, got {value}</source>
      <translation>目标必须是 0 到 {last} 之间的类别索引，收到的是 {value}</translation>
    </message>
    <message>
      <source>target must be between 0 and 1, got {value}</source>
      <translation>目标必须在 0 到 1 之间，收到的是 {value}</translation>
    </message>
    <message>
      <source>the squared error overflowed {dtype}: the predictions lie too far from the target; use a narrower prediction range or a nearer target</source>
      <translation>平方误差超出了 {dtype} 的范围：预测值离目标太远；请缩小预测范围或让目标更近一些</translation>
    </message>
    <message>
      <source>temperature must be positive, got {value}</source>
      <translation>温度必须为正数，收到的是 {value}</translation>
    </message>
    <message>
      <source>softmax overflowed: logits divided by T = {t} are too large for {dtype}; use smaller logits or a larger T</source>
      <translation>softmax 溢出：logits 除以 T = {t} 后对 {dtype} 来说太大；请使用更小的 logits 或更大的 T</translation>
    </message>
    <message>
      <source>the softmax Jacobian overflowed {dtype}: dividing by T = {t} makes it too large; use a larger T</source>
      <translation>softmax 的雅可比矩阵超出了 {dtype} 的范围：除以 T = {t} 后太大；请使用更大的 T</translation>
    </message>
    <message>
      <source>cross-entropy overflowed {dtype}: the target's logit {value} lies too far below the largest logit {largest}; use logits closer together</source>
      <translation>交叉熵超出了 {dtype} 的范围：目标类别的 logit {value} 比最大的 logit {largest} 小太多；请让各个 logit 更接近一些</translation>
    </message>
    <message>
      <source>BCE and MSE are not finite in {dtype} over the logit range {low},{high}; use a narrower range</source>
      <translation>在 logit 范围 {low},{high} 内，BCE 和 MSE 在 {dtype} 下不是有限的数；请缩小范围</translation>
    </message>
    <message>
      <source>the network spec must be a JSON object {{...}}, got {value}</source>
      <translation>网络规格必须是 JSON 对象 {{...}}，实际为 {value}</translation>
    </message>
    <message>
      <source>{field} must be true or false, got {value}</source>
      <translation>{field} 必须是 true 或 false，实际为 {value}</translation>
    </message>
    <message>
      <source>{field} must be one of: {choices}, got {value}</source>
      <translation>{field} 必须是以下之一：{choices}，实际为 {value}</translation>
    </message>
    <message>
      <source>{field} must list between {low} and {high} layer sizes (input first), got {value}</source>
      <translation>{field} 必须列出 {low} 到 {high} 个层大小（输入层在前），实际为 {value}</translation>
    </message>
    <message>
      <source>{field} must be one name or a list of {count} names (one per layer), got {value}</source>
      <translation>{field} 必须是一个名称，或 {count} 个名称的列表（每层一个），实际为 {value}</translation>
    </message>
    <message>
      <source>{field} must be a list of {count} numbers, got {value}</source>
      <translation>{field} 必须是包含 {count} 个数的列表，实际为 {value}</translation>
    </message>
    <message>
      <source>{field} must be a list of {count} matrices (one per layer), got {value}</source>
      <translation>{field} 必须是包含 {count} 个矩阵的列表（每层一个），实际为 {value}</translation>
    </message>
    <message>
      <source>{field} must be a list of {count} vectors (one per layer), got {value}</source>
      <translation>{field} 必须是包含 {count} 个向量的列表（每层一个），实际为 {value}</translation>
    </message>
    <message>
      <source>{field} is missing from the network spec</source>
      <translation>网络规格中缺少 {field}</translation>
    </message>
    <message>
      <source>{field} must hold numbers between 0 and 1 for the {loss} loss, got {value}</source>
      <translation>使用 {loss} 损失时，{field} 中的数必须介于 0 和 1 之间，实际为 {value}</translation>
    </message>
    <message>
      <source>{field} must be class probabilities that sum to 1 (or a class index), got {value}</source>
      <translation>{field} 必须是和为 1 的类别概率（或一个类别索引），实际为 {value}</translation>
    </message>
    <message>
      <source>the network spec is not valid JSON: {reason}</source>
      <translation>网络规格不是有效的 JSON：{reason}</translation>
    </message>
    <message>
      <source>{field} must have {rows} rows of {cols} numbers ([out][in], like nn.Linear.weight), got {value}</source>
      <translation>{field} 必须有 {rows} 行、每行 {cols} 个数（[out][in]，与 nn.Linear.weight 相同），实际为 {value}</translation>
    </message>
    <message>
      <source>{optimizer} has no hyperparameter '{name}'; it has: {names}</source>
      <translation>{optimizer} 没有超参数 '{name}'；它的超参数有：{names}</translation>
    </message>
    <message>
      <source>{name} of {optimizer} must be true or false</source>
      <translation>{optimizer} 的 {name} 必须是 true 或 false</translation>
    </message>
    <message>
      <source>{name} of {optimizer} must be a number</source>
      <translation>{optimizer} 的 {name} 必须是一个数</translation>
    </message>
    <message>
      <source>{name} of {optimizer} must be in {interval}, got {value:g}</source>
      <translation>{optimizer} 的 {name} 必须在 {interval} 内，实际为 {value:g}</translation>
    </message>
    <message>
      <source>unknown optimizer '{name}'; choose one of: {names}</source>
      <translation>未知的优化器 '{name}'；请从以下选择：{names}</translation>
    </message>
    <message>
      <source>Nesterov momentum needs momentum &gt; 0 and dampening = 0</source>
      <translation>Nesterov 动量要求 momentum &gt; 0 且 dampening = 0</translation>
    </message>
    <message>
      <source>{name} of {optimizer} must be two numbers A,B</source>
      <translation>{optimizer} 的 {name} 必须是两个数 A,B</translation>
    </message>
    <message>
      <source>{name} of {optimizer} must be a number, got '{value}'</source>
      <translation>{optimizer} 的 {name} 必须是一个数，实际为 '{value}'</translation>
    </message>
    <message>
      <source>{name} of {optimizer} must be a whole number</source>
      <translation>{optimizer} 的 {name} 必须是整数</translation>
    </message>
    <message>
      <source>unknown surface '{name}'; choose one of: {names}</source>
      <translation>未知的曲面 '{name}'；请从以下选择：{names}</translation>
    </message>
    <message>
      <source>Type f(x, y), for example {example}</source>
      <translation>请输入 f(x, y)，例如 {example}</translation>
    </message>
    <message>
      <source>{name} cannot be a variable name: use letters, digits and _, not starting with _ or a digit</source>
      <translation>{name} 不能作为变量名：请使用字母、数字和 _，且不要以 _ 或数字开头</translation>
    </message>
    <message>
      <source>Unknown dtype {dtype}</source>
      <translation>未知的数据类型 {dtype}</translation>
    </message>
    <message>
      <source>Fill in {field}</source>
      <translation>请填写 {field}</translation>
    </message>
    <message>
      <source>The size limit must be a whole number from {low} to {high}</source>
      <translation>大小上限必须是 {low} 到 {high} 之间的整数</translation>
    </message>
    <message>
      <source>Cannot move {name} to {device}: {detail}; the variables stay on {old}</source>
      <translation>无法把 {name} 移到 {device}：{detail}；变量仍留在 {old} 上</translation>
    </message>
    <message>
      <source>Only a tensor can be exported; this result is {kind}</source>
      <translation>只能导出张量；这个结果是 {kind}</translation>
    </message>
    <message>
      <source>The result has {count} elements, too many to print as JSON; write it with --out</source>
      <translation>结果有 {count} 个元素，太多，无法以 JSON 输出；请用 --out 写入文件</translation>
    </message>
    <message>
      <source>Cannot export as {suffix}; choose one of: {formats}</source>
      <translation>无法导出为 {suffix}；请选择以下之一：{formats}</translation>
    </message>
    <message>
      <source>hidden layers: give up to {layers} sizes of 1 to {neurons} neurons, got {value}</source>
      <translation>隐藏层：最多 {layers} 层，每层 1 到 {neurons} 个神经元，得到的是 {value}</translation>
    </message>
    <message>
      <source>the {loss} loss does not fit the {dataset} data; use: {choices}</source>
      <translation>{loss} 损失不适用于 {dataset} 数据；请使用：{choices}</translation>
    </message>
    <message>
      <source>a start point must be two finite numbers</source>
      <translation>起点必须是两个有限的数</translation>
    </message>
    <message>
      <source>Sigmoid</source>
      <translation>Sigmoid</translation>
    </message>
    <message>
      <source>Squashes any input into (0, 1) so it reads as a probability, but its gradient vanishes for large |x|.</source>
      <translation>把任意输入压缩到 (0, 1)，可以当作概率来读，但 |x| 较大时梯度会消失。</translation>
    </message>
    <message>
      <source>σ(x) = 1 / (1 + e⁻ˣ)</source>
      <translation>σ(x) = 1 / (1 + e⁻ˣ)</translation>
    </message>
    <message>
      <source>σ′(x) = σ(x)(1 − σ(x))</source>
      <translation>σ′(x) = σ(x)(1 − σ(x))</translation>
    </message>
    <message>
      <source>Tanh</source>
      <translation>Tanh</translation>
    </message>
    <message>
      <source>A zero-centred squashing into (−1, 1), common in recurrent networks, that also saturates for large |x|.</source>
      <translation>以零为中心、压缩到 (−1, 1)，常用于循环神经网络；|x| 较大时同样会饱和。</translation>
    </message>
    <message>
      <source>tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)</source>
      <translation>tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)</translation>
    </message>
    <message>
      <source>tanh′(x) = 1 − tanh²(x)</source>
      <translation>tanh′(x) = 1 − tanh²(x)</translation>
    </message>
    <message>
      <source>ReLU</source>
      <translation>ReLU</translation>
    </message>
    <message>
      <source>The default in deep networks: cheap and non-saturating, but units stuck at x &lt; 0 get no gradient ('dying ReLU').</source>
      <translation>深度网络的默认选择：计算便宜且不饱和，但一直处于 x &lt; 0 的神经元得不到梯度（“ReLU 死亡”）。</translation>
    </message>
    <message>
      <source>ReLU(x) = max(0, x)</source>
      <translation>ReLU(x) = max(0, x)</translation>
    </message>
    <message>
      <source>ReLU′(x) = 1 if x &gt; 0, else 0</source>
      <translation>ReLU′(x) = 1（x &gt; 0 时），否则为 0</translation>
    </message>
    <message>
      <source>LeakyReLU</source>
      <translation>LeakyReLU</translation>
    </message>
    <message>
      <source>ReLU with a small slope for x &lt; 0, so negative inputs still pass a gradient and units cannot die.</source>
      <translation>在 x &lt; 0 处保留一个小斜率的 ReLU，负输入仍能传回梯度，神经元不会“死亡”。</translation>
    </message>
    <message>
      <source>LeakyReLU(x) = x if x &gt; 0, else s·x   (s = negative slope)</source>
      <translation>LeakyReLU(x) = x（x &gt; 0 时），否则为 s·x   （s = 负半轴斜率）</translation>
    </message>
    <message>
      <source>LeakyReLU′(x) = 1 if x &gt; 0, else s</source>
      <translation>LeakyReLU′(x) = 1（x &gt; 0 时），否则为 s</translation>
    </message>
    <message>
      <source>negative slope</source>
      <translation>负半轴斜率</translation>
    </message>
    <message>
      <source>ELU</source>
      <translation>ELU</translation>
    </message>
    <message>
      <source>A smooth negative part that levels off at −α, pushing the mean activation toward zero.</source>
      <translation>负半轴平滑地趋于 −α，使激活值的均值更接近零。</translation>
    </message>
    <message>
      <source>ELU(x) = x if x &gt; 0, else α(eˣ − 1)</source>
      <translation>ELU(x) = x（x &gt; 0 时），否则为 α(eˣ − 1)</translation>
    </message>
    <message>
      <source>ELU′(x) = 1 if x &gt; 0, else αeˣ</source>
      <translation>ELU′(x) = 1（x &gt; 0 时），否则为 αeˣ</translation>
    </message>
    <message>
      <source>alpha</source>
      <translation>alpha (α)</translation>
    </message>
    <message>
      <source>SELU</source>
      <translation>SELU</translation>
    </message>
    <message>
      <source>An ELU with fixed scale constants that keep activations near zero mean and unit variance (self-normalising).</source>
      <translation>带固定缩放常数的 ELU，使激活值保持接近零均值、单位方差（自归一化）。</translation>
    </message>
    <message>
      <source>SELU(x) = λ·(x if x &gt; 0, else α(eˣ − 1)),  λ ≈ 1.0507, α ≈ 1.6733</source>
      <translation>SELU(x) = λ·(x &gt; 0 时为 x，否则为 α(eˣ − 1))，λ ≈ 1.0507，α ≈ 1.6733</translation>
    </message>
    <message>
      <source>SELU′(x) = λ if x &gt; 0, else λαeˣ</source>
      <translation>SELU′(x) = λ（x &gt; 0 时），否则为 λαeˣ</translation>
    </message>
    <message>
      <source>CELU</source>
      <translation>CELU</translation>
    </message>
    <message>
      <source>An ELU rewritten so that its derivative is continuous at 0 for every α.</source>
      <translation>ELU 的改写形式，对任意 α，其导数在 0 处都连续。</translation>
    </message>
    <message>
      <source>CELU(x) = max(0, x) + min(0, α(exp(x/α) − 1))</source>
      <translation>CELU(x) = max(0, x) + min(0, α(exp(x/α) − 1))</translation>
    </message>
    <message>
      <source>CELU′(x) = 1 if x &gt; 0, else exp(x/α)</source>
      <translation>CELU′(x) = 1（x &gt; 0 时），否则为 exp(x/α)</translation>
    </message>
    <message>
      <source>GELU</source>
      <translation>GELU</translation>
    </message>
    <message>
      <source>Weights x by the chance a standard normal is below it; used in BERT and GPT ('tanh' is a faster approximation).</source>
      <translation>用标准正态分布小于 x 的概率给 x 加权；BERT 和 GPT 都使用它（“tanh”是更快的近似）。</translation>
    </message>
    <message>
      <source>GELU(x) = x·Φ(x)   (Φ = standard normal CDF)</source>
      <translation>GELU(x) = x·Φ(x)   （Φ = 标准正态分布的累积分布函数）</translation>
    </message>
    <message>
      <source>GELU′(x) = Φ(x) + x·φ(x)   (φ = standard normal density)</source>
      <translation>GELU′(x) = Φ(x) + x·φ(x)   （φ = 标准正态分布的概率密度）</translation>
    </message>
    <message>
      <source>approximation</source>
      <translation>近似方式</translation>
    </message>
    <message>
      <source>SiLU</source>
      <translation>SiLU</translation>
    </message>
    <message>
      <source>Also called Swish: a smooth ReLU that dips slightly below zero, used in EfficientNet and many modern models.</source>
      <translation>又称 Swish：一种平滑的 ReLU，会略微低于零，用于 EfficientNet 和许多现代模型。</translation>
    </message>
    <message>
      <source>SiLU(x) = x·σ(x)</source>
      <translation>SiLU(x) = x·σ(x)</translation>
    </message>
    <message>
      <source>SiLU′(x) = σ(x)(1 + x(1 − σ(x)))</source>
      <translation>SiLU′(x) = σ(x)(1 + x(1 − σ(x)))</translation>
    </message>
    <message>
      <source>Mish</source>
      <translation>Mish</translation>
    </message>
    <message>
      <source>A smooth, non-monotonic activation close to SiLU, used in YOLOv4.</source>
      <translation>一种平滑、非单调、与 SiLU 相近的激活函数，用于 YOLOv4。</translation>
    </message>
    <message>
      <source>Mish(x) = x·tanh(softplus(x))</source>
      <translation>Mish(x) = x·tanh(softplus(x))</translation>
    </message>
    <message>
      <source>Mish′(x) = tanh(sp(x)) + x·σ(x)·(1 − tanh²(sp(x))),  sp = softplus</source>
      <translation>Mish′(x) = tanh(sp(x)) + x·σ(x)·(1 − tanh²(sp(x)))，sp = softplus</translation>
    </message>
    <message>
      <source>Softplus</source>
      <translation>Softplus</translation>
    </message>
    <message>
      <source>A smooth version of ReLU whose derivative is the sigmoid; a larger β brings it closer to ReLU.</source>
      <translation>ReLU 的平滑版本，其导数就是 sigmoid；β 越大越接近 ReLU。</translation>
    </message>
    <message>
      <source>softplus(x) = ln(1 + e^(βx)) / β,  = x once βx &gt; threshold</source>
      <translation>softplus(x) = ln(1 + e^(βx)) / β；当 βx &gt; 阈值时直接取 x</translation>
    </message>
    <message>
      <source>softplus′(x) = σ(βx),  = 1 once βx &gt; threshold</source>
      <translation>softplus′(x) = σ(βx)；当 βx &gt; 阈值时为 1</translation>
    </message>
    <message>
      <source>beta</source>
      <translation>beta (β)</translation>
    </message>
    <message>
      <source>threshold</source>
      <translation>阈值</translation>
    </message>
    <message>
      <source>Softsign</source>
      <translation>Softsign</translation>
    </message>
    <message>
      <source>Like tanh, but it approaches ±1 only polynomially, so it saturates more slowly.</source>
      <translation>与 tanh 类似，但只以多项式速度趋近 ±1，因此饱和得更慢。</translation>
    </message>
    <message>
      <source>softsign(x) = x / (1 + |x|)</source>
      <translation>softsign(x) = x / (1 + |x|)</translation>
    </message>
    <message>
      <source>softsign′(x) = 1 / (1 + |x|)²</source>
      <translation>softsign′(x) = 1 / (1 + |x|)²</translation>
    </message>
    <message>
      <source>Hardtanh</source>
      <translation>Hardtanh</translation>
    </message>
    <message>
      <source>A piecewise-linear tanh: the identity between the two limits and flat, with zero gradient, outside them.</source>
      <translation>分段线性的 tanh：在两个界限之间是恒等函数，界限之外是平的，梯度为零。</translation>
    </message>
    <message>
      <source>hardtanh(x) = clamp(x, min_val, max_val)</source>
      <translation>hardtanh(x) = clamp(x, min_val, max_val)</translation>
    </message>
    <message>
      <source>hardtanh′(x) = 1 if min_val &lt; x &lt; max_val, else 0</source>
      <translation>hardtanh′(x) = 1（min_val &lt; x &lt; max_val 时），否则为 0</translation>
    </message>
    <message>
      <source>min value</source>
      <translation>最小值</translation>
    </message>
    <message>
      <source>max value</source>
      <translation>最大值</translation>
    </message>
    <message>
      <source>Hardsigmoid</source>
      <translation>Hardsigmoid</translation>
    </message>
    <message>
      <source>A piecewise-linear sigmoid that is cheap to compute on mobile hardware.</source>
      <translation>分段线性的 sigmoid，在移动设备上计算开销很小。</translation>
    </message>
    <message>
      <source>hardsigmoid(x) = clamp(x/6 + 1/2, 0, 1)</source>
      <translation>hardsigmoid(x) = clamp(x/6 + 1/2, 0, 1)</translation>
    </message>
    <message>
      <source>hardsigmoid′(x) = 1/6 if −3 &lt; x &lt; 3, else 0</source>
      <translation>hardsigmoid′(x) = 1/6（−3 &lt; x &lt; 3 时），否则为 0</translation>
    </message>
    <message>
      <source>Hardswish</source>
      <translation>Hardswish</translation>
    </message>
    <message>
      <source>A cheap piecewise approximation of SiLU, introduced with MobileNetV3.</source>
      <translation>SiLU 的低开销分段近似，随 MobileNetV3 提出。</translation>
    </message>
    <message>
      <source>hardswish(x) = x·clamp(x + 3, 0, 6) / 6</source>
      <translation>hardswish(x) = x·clamp(x + 3, 0, 6) / 6</translation>
    </message>
    <message>
      <source>hardswish′(x) = 0 if x ≤ −3, (2x + 3)/6 if −3 &lt; x &lt; 3, 1 if x ≥ 3</source>
      <translation>hardswish′(x) = 0（x ≤ −3），(2x + 3)/6（−3 &lt; x &lt; 3），1（x ≥ 3）</translation>
    </message>
    <message>
      <source>ReLU6</source>
      <translation>ReLU6</translation>
    </message>
    <message>
      <source>A ReLU capped at 6, which keeps activations small for low-precision mobile inference.</source>
      <translation>上限为 6 的 ReLU，让激活值保持较小，适合低精度的移动端推理。</translation>
    </message>
    <message>
      <source>ReLU6(x) = min(max(0, x), 6)</source>
      <translation>ReLU6(x) = min(max(0, x), 6)</translation>
    </message>
    <message>
      <source>ReLU6′(x) = 1 if 0 &lt; x &lt; 6, else 0</source>
      <translation>ReLU6′(x) = 1（0 &lt; x &lt; 6 时），否则为 0</translation>
    </message>
    <message>
      <source>LogSigmoid</source>
      <translation>LogSigmoid</translation>
    </message>
    <message>
      <source>The logarithm of the sigmoid, computed stably; it is the building block of binary cross-entropy.</source>
      <translation>sigmoid 的对数，以数值稳定的方式计算；它是二元交叉熵的基本组成部分。</translation>
    </message>
    <message>
      <source>logsigmoid(x) = ln σ(x) = −softplus(−x)</source>
      <translation>logsigmoid(x) = ln σ(x) = −softplus(−x)</translation>
    </message>
    <message>
      <source>logsigmoid′(x) = 1 − σ(x) = σ(−x)</source>
      <translation>logsigmoid′(x) = 1 − σ(x) = σ(−x)</translation>
    </message>
    <message>
      <source>Tanhshrink</source>
      <translation>Tanhshrink</translation>
    </message>
    <message>
      <source>x minus tanh(x): almost flat near zero and close to x − sign(x) for large inputs.</source>
      <translation>x 减去 tanh(x)：在零附近几乎是平的，输入较大时接近 x − sign(x)。</translation>
    </message>
    <message>
      <source>tanhshrink(x) = x − tanh(x)</source>
      <translation>tanhshrink(x) = x − tanh(x)</translation>
    </message>
    <message>
      <source>tanhshrink′(x) = tanh²(x)</source>
      <translation>tanhshrink′(x) = tanh²(x)</translation>
    </message>
    <message>
      <source>MP4 needs the optional imageio-ffmpeg package (pip install imageio-ffmpeg).</source>
      <translation>导出 MP4 需要可选的 imageio-ffmpeg 包（pip install imageio-ffmpeg）。</translation>
    </message>
    <message>
      <source>imageio-ffmpeg is installed but found no ffmpeg program.</source>
      <translation>已安装 imageio-ffmpeg，但找不到 ffmpeg 程序。</translation>
    </message>
    <message>
      <source>Forward: pre-activation of {unit}</source>
      <translation>前向：{unit} 的预激活值</translation>
    </message>
    <message>
      <source>Forward: activation of {unit}</source>
      <translation>前向：{unit} 的激活值</translation>
    </message>
    <message>
      <source>Backward: ∂E/∂{unit}</source>
      <translation>反向：∂E/∂{unit}</translation>
    </message>
    <message>
      <source>Backward: δ of {unit}</source>
      <translation>反向：{unit} 的 δ</translation>
    </message>
    <message>
      <source>Backward: gradients of the weights into {unit}</source>
      <translation>反向：流入 {unit} 的权重的梯度</translation>
    </message>
    <message>
      <source>Backward: ∂E/∂{unit} (the input)</source>
      <translation>反向：∂E/∂{unit}（输入）</translation>
    </message>
    <message>
      <source>SGD update of layer {layer}</source>
      <translation>第 {layer} 层的 SGD 更新</translation>
    </message>
    <message>
      <source>(biases not updated)</source>
      <translation>（偏置不更新）</translation>
    </message>
    <message>
      <source>(.grad not zeroed: this step's gradient plus the earlier ones)</source>
      <translation>（.grad 未清零：本步梯度加上之前各步的梯度）</translation>
    </message>
    <message>
      <source>L-BFGS cannot draw a basins map: its curvature history and step tests are shared by all the start points at once, so no point would move as it does alone</source>
      <translation>L-BFGS 无法绘制吸引盆图：它的曲率历史和步长判据由所有起点共享，因此没有一个点会像单独运行时那样移动</translation>
    </message>
    <message>
      <source>unconverged</source>
      <translation>未收敛</translation>
    </message>
    <message>
      <source>Noisy line (regression)</source>
      <translation>带噪声的直线（回归）</translation>
    </message>
    <message>
      <source>y = 2x − 0.5 plus Gaussian noise: fit it with linear regression (no hidden layer, MSE).</source>
      <translation>y = 2x − 0.5 加高斯噪声：用线性回归拟合（无隐藏层，MSE）。</translation>
    </message>
    <message>
      <source>Two blobs (logistic regression)</source>
      <translation>两团点（逻辑回归）</translation>
    </message>
    <message>
      <source>Two Gaussian point clouds: one straight line separates them (sigmoid output, BCE).</source>
      <translation>两团高斯分布的点：一条直线就能把它们分开（sigmoid 输出，BCE）。</translation>
    </message>
    <message>
      <source>XOR</source>
      <translation>异或（XOR）</translation>
    </message>
    <message>
      <source>Opposite quadrants share a class: no straight line separates them; a hidden layer does.</source>
      <translation>对角象限属于同一类：没有直线能分开它们；加一个隐藏层就可以。</translation>
    </message>
    <message>
      <source>Circles</source>
      <translation>同心圆</translation>
    </message>
    <message>
      <source>A ring around a disc: the boundary must close on itself.</source>
      <translation>圆盘外套一个圆环：决策边界必须闭合。</translation>
    </message>
    <message>
      <source>Moons</source>
      <translation>双月牙</translation>
    </message>
    <message>
      <source>Two interleaved half circles.</source>
      <translation>两个交错的半圆。</translation>
    </message>
    <message>
      <source>Spiral</source>
      <translation>螺旋</translation>
    </message>
    <message>
      <source>Two interleaved spiral arms: hard; give the network more neurons and time.</source>
      <translation>两条交错的螺旋臂：很难；给网络更多神经元和更多训练时间。</translation>
    </message>
    <message>
      <source>Three blobs (multi-class)</source>
      <translation>三团点（多分类）</translation>
    </message>
    <message>
      <source>Three point clouds, three classes: softmax outputs with cross-entropy.</source>
      <translation>三团点，三个类别：softmax 输出配合交叉熵。</translation>
    </message>
    <message>
      <source>Column {column}: This is not valid Python: {detail}</source>
      <translation>第 {column} 列：这不是合法的 Python 语法：{detail}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: This is not valid Python: {detail}</source>
      <translation>第 {line} 行，第 {column} 列：这不是合法的 Python 语法：{detail}</translation>
    </message>
    <message>
      <source>Column {column}: Type an expression, for example {example}</source>
      <translation>第 {column} 列：请输入一个表达式，例如 {example}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: Type an expression, for example {example}</source>
      <translation>第 {line} 行，第 {column} 列：请输入一个表达式，例如 {example}</translation>
    </message>
    <message>
      <source>Column {column}: The text is too long: {count} characters, at most {limit}</source>
      <translation>第 {column} 列：文本太长：{count} 个字符，最多 {limit} 个</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: The text is too long: {count} characters, at most {limit}</source>
      <translation>第 {line} 行，第 {column} 列：文本太长：{count} 个字符，最多 {limit} 个</translation>
    </message>
    <message>
      <source>Column {column}: The expression is nested too deeply</source>
      <translation>第 {column} 列：表达式嵌套太深</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: The expression is nested too deeply</source>
      <translation>第 {line} 行，第 {column} 列：表达式嵌套太深</translation>
    </message>
    <message>
      <source>Column {column}: {code} is not allowed here</source>
      <translation>第 {column} 列：此处不允许使用 {code}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: {code} is not allowed here</source>
      <translation>第 {line} 行，第 {column} 列：此处不允许使用 {code}</translation>
    </message>
    <message>
      <source>Column {column}: {code} is not allowed here; use {allowed}</source>
      <translation>第 {column} 列：此处不允许使用 {code}；请使用 {allowed}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: {code} is not allowed here; use {allowed}</source>
      <translation>第 {line} 行，第 {column} 列：此处不允许使用 {code}；请使用 {allowed}</translation>
    </message>
    <message>
      <source>Column {column}: Unknown name {name}; use {allowed}</source>
      <translation>第 {column} 列：未知的名称 {name}；可以使用 {allowed}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: Unknown name {name}; use {allowed}</source>
      <translation>第 {line} 行，第 {column} 列：未知的名称 {name}；可以使用 {allowed}</translation>
    </message>
    <message>
      <source>Column {column}: {name} is not defined yet</source>
      <translation>第 {column} 列：{name} 尚未定义</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: {name} is not defined yet</source>
      <translation>第 {line} 行，第 {column} 列：{name} 尚未定义</translation>
    </message>
    <message>
      <source>Column {column}: Names starting with an underscore are not allowed: {name}</source>
      <translation>第 {column} 列：不允许使用以下划线开头的名称：{name}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: Names starting with an underscore are not allowed: {name}</source>
      <translation>第 {line} 行，第 {column} 列：不允许使用以下划线开头的名称：{name}</translation>
    </message>
    <message>
      <source>Column {column}: {name} cannot be assigned to: it is a built-in name</source>
      <translation>第 {column} 列：不能给 {name} 赋值：它是内置名称</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: {name} cannot be assigned to: it is a built-in name</source>
      <translation>第 {line} 行，第 {column} 列：不能给 {name} 赋值：它是内置名称</translation>
    </message>
    <message>
      <source>Column {column}: {name} is not available here</source>
      <translation>第 {column} 列：此处不能使用 {name}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: {name} is not available here</source>
      <translation>第 {line} 行，第 {column} 列：此处不能使用 {name}</translation>
    </message>
    <message>
      <source>Column {column}: {name} has no attribute {attribute} that can be used here</source>
      <translation>第 {column} 列：{name} 没有可在此处使用的属性 {attribute}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: {name} has no attribute {attribute} that can be used here</source>
      <translation>第 {line} 行，第 {column} 列：{name} 没有可在此处使用的属性 {attribute}</translation>
    </message>
    <message>
      <source>Column {column}: {code} cannot be called</source>
      <translation>第 {column} 列：{code} 不能被调用</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: {code} cannot be called</source>
      <translation>第 {line} 行，第 {column} 列：{code} 不能被调用</translation>
    </message>
    <message>
      <source>Column {column}: Only numbers are allowed here, not {code}</source>
      <translation>第 {column} 列：此处只允许数字，不能使用 {code}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: Only numbers are allowed here, not {code}</source>
      <translation>第 {line} 行，第 {column} 列：此处只允许数字，不能使用 {code}</translation>
    </message>
    <message>
      <source>Column {column}: Keyword arguments are not allowed here</source>
      <translation>第 {column} 列：此处不允许使用关键字参数</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: Keyword arguments are not allowed here</source>
      <translation>第 {line} 行，第 {column} 列：此处不允许使用关键字参数</translation>
    </message>
    <message>
      <source>Column {column}: The number {code} is too large</source>
      <translation>第 {column} 列：数字 {code} 太大</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: The number {code} is too large</source>
      <translation>第 {line} 行，第 {column} 列：数字 {code} 太大</translation>
    </message>
    <message>
      <source>Column {column}: Division by zero</source>
      <translation>第 {column} 列：除以零</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: Division by zero</source>
      <translation>第 {line} 行，第 {column} 列：除以零</translation>
    </message>
    <message>
      <source>Column {column}: {code} gives a complex number</source>
      <translation>第 {column} 列：{code} 的结果是复数</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: {code} gives a complex number</source>
      <translation>第 {line} 行，第 {column} 列：{code} 的结果是复数</translation>
    </message>
    <message>
      <source>Column {column}: {code} is a function: call it, as in {example}</source>
      <translation>第 {column} 列：{code} 是一个函数：请调用它，例如 {example}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: {code} is a function: call it, as in {example}</source>
      <translation>第 {line} 行，第 {column} 列：{code} 是一个函数：请调用它，例如 {example}</translation>
    </message>
    <message>
      <source>Column {column}: {code} is a module: use one of its functions, as in {example}</source>
      <translation>第 {column} 列：{code} 是一个模块：请使用其中的函数，例如 {example}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: {code} is a module: use one of its functions, as in {example}</source>
      <translation>第 {line} 行，第 {column} 列：{code} 是一个模块：请使用其中的函数，例如 {example}</translation>
    </message>
    <message>
      <source>Column {column}: {code}: {problem}</source>
      <translation>第 {column} 列：{code}：{problem}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: {code}: {problem}</source>
      <translation>第 {line} 行，第 {column} 列：{code}：{problem}</translation>
    </message>
    <message>
      <source>Column {column}: The result would have {count} elements, over the limit of {limit}</source>
      <translation>第 {column} 列：结果将有 {count} 个元素，超过上限 {limit}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: The result would have {count} elements, over the limit of {limit}</source>
      <translation>第 {line} 行，第 {column} 列：结果将有 {count} 个元素，超过上限 {limit}</translation>
    </message>
    <message>
      <source>Column {column}: The program would create {count} elements in all, over the limit of {limit}</source>
      <translation>第 {column} 列：程序总共将创建 {count} 个元素，超过上限 {limit}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: The program would create {count} elements in all, over the limit of {limit}</source>
      <translation>第 {line} 行，第 {column} 列：程序总共将创建 {count} 个元素，超过上限 {limit}</translation>
    </message>
    <message>
      <source>Column {column}: The result would be a sequence of {count} items, over the limit of {limit}</source>
      <translation>第 {column} 列：结果将是包含 {count} 项的序列，超过上限 {limit}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: The result would be a sequence of {count} items, over the limit of {limit}</source>
      <translation>第 {line} 行，第 {column} 列：结果将是包含 {count} 项的序列，超过上限 {limit}</translation>
    </message>
    <message>
      <source>Column {column}: print would write {count} characters, over the limit of {limit}</source>
      <translation>第 {column} 列：print 将输出 {count} 个字符，超过上限 {limit}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: print would write {count} characters, over the limit of {limit}</source>
      <translation>第 {line} 行，第 {column} 列：print 将输出 {count} 个字符，超过上限 {limit}</translation>
    </message>
    <message>
      <source>Column {column}: {code} would need about {count} multiply-adds, over the limit of {limit}</source>
      <translation>第 {column} 列：{code} 大约需要 {count} 次乘加运算，超过上限 {limit}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: {code} would need about {count} multiply-adds, over the limit of {limit}</source>
      <translation>第 {line} 行，第 {column} 列：{code} 大约需要 {count} 次乘加运算，超过上限 {limit}</translation>
    </message>
    <message>
      <source>Column {column}: {code} would bring the elements the program reads and writes to about {count}, over the limit of {limit}</source>
      <translation>第 {column} 列：{code} 会使程序读写的元素总数达到约 {count}，超过上限 {limit}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: {code} would bring the elements the program reads and writes to about {count}, over the limit of {limit}</source>
      <translation>第 {line} 行，第 {column} 列：{code} 会使程序读写的元素总数达到约 {count}，超过上限 {limit}</translation>
    </message>
    <message>
      <source>Column {column}: {code} cannot be checked for size before it runs, so it is refused</source>
      <translation>第 {column} 列：{code} 无法在运行前检查结果大小，因此被拒绝</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: {code} cannot be checked for size before it runs, so it is refused</source>
      <translation>第 {line} 行，第 {column} 列：{code} 无法在运行前检查结果大小，因此被拒绝</translation>
    </message>
    <message>
      <source>Column {column}: Cannot unpack {count} values into {targets} names</source>
      <translation>第 {column} 列：无法把 {count} 个值解包到 {targets} 个名称</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: Cannot unpack {count} values into {targets} names</source>
      <translation>第 {line} 行，第 {column} 列：无法把 {count} 个值解包到 {targets} 个名称</translation>
    </message>
    <message>
      <source>Column {column}: {op} failed: {detail}</source>
      <translation>第 {column} 列：{op} 出错：{detail}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: {op} failed: {detail}</source>
      <translation>第 {line} 行，第 {column} 列：{op} 出错：{detail}</translation>
    </message>
    <message>
      <source>Column {column}: {op} failed: the shapes {shapes} cannot be broadcast together: {detail}</source>
      <translation>第 {column} 列：{op} 出错：形状 {shapes} 无法广播：{detail}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: {op} failed: the shapes {shapes} cannot be broadcast together: {detail}</source>
      <translation>第 {line} 行，第 {column} 列：{op} 出错：形状 {shapes} 无法广播：{detail}</translation>
    </message>
    <message>
      <source>Column {column}: {op} failed: for a matrix product the inner sizes must agree, but the shapes are {shapes}</source>
      <translation>第 {column} 列：{op} 出错：矩阵乘法要求内侧维度一致，但形状是 {shapes}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: {op} failed: for a matrix product the inner sizes must agree, but the shapes are {shapes}</source>
      <translation>第 {line} 行，第 {column} 列：{op} 出错：矩阵乘法要求内侧维度一致，但形状是 {shapes}</translation>
    </message>
    <message>
      <source>Column {column}: {op} failed: the dtypes do not match ({detail}); convert one with .float() or .long()</source>
      <translation>第 {column} 列：{op} 出错：数据类型不匹配（{detail}）；请用 .float() 或 .long() 转换其中一个</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: {op} failed: the dtypes do not match ({detail}); convert one with .float() or .long()</source>
      <translation>第 {line} 行，第 {column} 列：{op} 出错：数据类型不匹配（{detail}）；请用 .float() 或 .long() 转换其中一个</translation>
    </message>
    <message>
      <source>Column {column}: {op} failed: dimension out of range ({detail}); the tensor has shape {shapes}</source>
      <translation>第 {column} 列：{op} 出错：维度超出范围（{detail}）；该张量的形状是 {shapes}</translation>
    </message>
    <message>
      <source>Line {line}, column {column}: {op} failed: dimension out of range ({detail}); the tensor has shape {shapes}</source>
      <translation>第 {line} 行，第 {column} 列：{op} 出错：维度超出范围（{detail}）；该张量的形状是 {shapes}</translation>
    </message>
    <message>
      <source>Mean squared error (mean)</source>
      <translation>均方误差（取平均）</translation>
    </message>
    <message>
      <source>½ Σ squared errors (textbook)</source>
      <translation>½ Σ 误差平方和（教材写法）</translation>
    </message>
    <message>
      <source>None: sum of the outputs</source>
      <translation>无：输出之和</translation>
    </message>
    <message>
      <source>E = 1/n Σ (o − t)²   (nn.MSELoss, reduction='mean')</source>
      <translation>E = 1/n Σ (o − t)²   （nn.MSELoss，reduction='mean'）</translation>
    </message>
    <message>
      <source>E = ½ Σ (t − o)²   (nn.MSELoss(reduction='sum') / 2)</source>
      <translation>E = ½ Σ (t − o)²   （nn.MSELoss(reduction='sum') / 2）</translation>
    </message>
    <message>
      <source>E = −1/n Σ [t ln o + (1 − t) ln(1 − o)]   (nn.BCELoss, reduction='mean')</source>
      <translation>E = −1/n Σ [t ln o + (1 − t) ln(1 − o)]   （nn.BCELoss，reduction='mean'）</translation>
    </message>
    <message>
      <source>E = −Σ t ln softmax(o)   (nn.CrossEntropyLoss, probability targets)</source>
      <translation>E = −Σ t ln softmax(o)   （nn.CrossEntropyLoss，概率形式的目标）</translation>
    </message>
    <message>
      <source>E = Σ o   (no loss: backward() from the sum of the outputs)</source>
      <translation>E = Σ o   （无损失：从输出之和开始 backward()）</translation>
    </message>
    <message>
      <source>Worked example: Mazur 2-2-2</source>
      <translation>计算示例：Mazur 2-2-2</translation>
    </message>
    <message>
      <source>Single-layer perceptron (3 → 1)</source>
      <translation>单层感知机（3 → 1）</translation>
    </message>
    <message>
      <source>Multi-output perceptron (3 → 3, softmax)</source>
      <translation>多输出感知机（3 → 3，softmax）</translation>
    </message>
    <message>
      <source>MLP (2 → 3 → 2, tanh)</source>
      <translation>多层感知机（2 → 3 → 2，tanh）</translation>
    </message>
    <message>
      <source>SGD</source>
      <translation>SGD</translation>
    </message>
    <message>
      <source>θ ← θ − lr · g. With momentum, a velocity v ← μ·v + g carries the point along valleys and through small bumps; without it, SGD zig-zags across narrow valleys.</source>
      <translation>θ ← θ − lr · g。加上动量后，速度 v ← μ·v + g 会带着参数点沿山谷前进、越过小的起伏；没有动量时，SGD 会在狭窄的山谷两壁之间来回震荡。</translation>
    </message>
    <message>
      <source>learning rate</source>
      <translation>学习率</translation>
    </message>
    <message>
      <source>How far each step moves along the update direction.</source>
      <translation>每一步沿更新方向移动多远。</translation>
    </message>
    <message>
      <source>momentum</source>
      <translation>动量</translation>
    </message>
    <message>
      <source>Keeps a running velocity: each step adds this fraction of the previous one.</source>
      <translation>保持一个累积的速度：每一步都加上上一步速度的这一比例。</translation>
    </message>
    <message>
      <source>dampening</source>
      <translation>阻尼</translation>
    </message>
    <message>
      <source>Scales down the new gradient's share of the velocity: (1 − dampening) · g.</source>
      <translation>缩小新梯度在速度中的份额：(1 − dampening) · g。</translation>
    </message>
    <message>
      <source>weight decay</source>
      <translation>权重衰减</translation>
    </message>
    <message>
      <source>Adds weight_decay · θ to the gradient: pulls the point toward the origin.</source>
      <translation>在梯度上加上 weight_decay · θ：把参数点拉向原点。</translation>
    </message>
    <message>
      <source>Nesterov</source>
      <translation>Nesterov</translation>
    </message>
    <message>
      <source>Look ahead: take the gradient step from where momentum is about to carry the point.</source>
      <translation>向前看：在动量即将把参数点带到的位置计算梯度步。</translation>
    </message>
    <message>
      <source>Adagrad</source>
      <translation>Adagrad</translation>
    </message>
    <message>
      <source>Divides each coordinate's step by the root of the sum of all its squared gradients: steep directions slow down for good, and steps shrink as the sum grows.</source>
      <translation>把每个坐标的步长除以该坐标所有梯度平方和的平方根：陡峭方向会一直变慢，而且随着累加和增大，步长不断缩小。</translation>
    </message>
    <message>
      <source>learning-rate decay</source>
      <translation>学习率衰减</translation>
    </message>
    <message>
      <source>initial accumulator</source>
      <translation>累加器初始值</translation>
    </message>
    <message>
      <source>epsilon</source>
      <translation>epsilon</translation>
    </message>
    <message>
      <source>Added to the denominator so a tiny second moment cannot divide by zero.</source>
      <translation>加在分母上，避免很小的二阶矩导致除以零。</translation>
    </message>
    <message>
      <source>RMSprop</source>
      <translation>RMSprop</translation>
    </message>
    <message>
      <source>Like Adagrad, but with a running average of squared gradients, so old steep slopes are forgotten and the step size recovers.</source>
      <translation>类似 Adagrad，但使用梯度平方的滑动平均，因此会逐渐忘记过去的陡坡，步长可以恢复。</translation>
    </message>
    <message>
      <source>alpha (smoothing)</source>
      <translation>alpha（平滑系数）</translation>
    </message>
    <message>
      <source>Decay rate of the running average of squared gradients.</source>
      <translation>梯度平方滑动平均的衰减率。</translation>
    </message>
    <message>
      <source>centered</source>
      <translation>中心化</translation>
    </message>
    <message>
      <source>Divide by the gradient's variance instead of its second moment.</source>
      <translation>除以梯度的方差，而不是它的二阶矩。</translation>
    </message>
    <message>
      <source>Adadelta</source>
      <translation>Adadelta</translation>
    </message>
    <message>
      <source>Scales each step by the ratio of the running RMS of past updates to that of gradients: the units work out without a hand-tuned learning rate.</source>
      <translation>用过去更新量的滑动 RMS 与梯度的滑动 RMS 之比来缩放每一步：量纲自然匹配，无需手动调学习率。</translation>
    </message>
    <message>
      <source>rho</source>
      <translation>rho</translation>
    </message>
    <message>
      <source>Decay rate of both running averages.</source>
      <translation>两个滑动平均的衰减率。</translation>
    </message>
    <message>
      <source>Adam</source>
      <translation>Adam</translation>
    </message>
    <message>
      <source>Momentum (a running mean of the gradient, m) divided by the root of a running mean of its square (v): each coordinate's step is about lr whatever the slope's steepness.</source>
      <translation>动量（梯度的滑动平均 m）除以梯度平方滑动平均（v）的平方根：无论坡度多陡，每个坐标的步长都大约是 lr。</translation>
    </message>
    <message>
      <source>betas (β₁, β₂)</source>
      <translation>betas（β₁, β₂）</translation>
    </message>
    <message>
      <source>Decay rates of the running averages of the gradient (β₁) and of its square (β₂).</source>
      <translation>梯度（β₁）及其平方（β₂）的滑动平均的衰减率。</translation>
    </message>
    <message>
      <source>AMSGrad</source>
      <translation>AMSGrad</translation>
    </message>
    <message>
      <source>Divide by the largest second moment seen so far, so steps never grow back.</source>
      <translation>除以迄今为止最大的二阶矩，使步长不会再变大。</translation>
    </message>
    <message>
      <source>AdamW</source>
      <translation>AdamW</translation>
    </message>
    <message>
      <source>Adam with decoupled weight decay: θ shrinks by lr · weight_decay · θ each step, apart from the adaptive gradient step.</source>
      <translation>带解耦权重衰减的 Adam：除了自适应的梯度步之外，θ 每步还会缩小 lr · weight_decay · θ。</translation>
    </message>
    <message>
      <source>Adamax</source>
      <translation>Adamax</translation>
    </message>
    <message>
      <source>Adam with the infinity norm: divides by a running maximum of |g| instead of the root of a mean square.</source>
      <translation>使用无穷范数的 Adam：除以 |g| 的滑动最大值，而不是均方根。</translation>
    </message>
    <message>
      <source>NAdam</source>
      <translation>NAdam</translation>
    </message>
    <message>
      <source>Adam with Nesterov momentum: the first moment looks one step ahead.</source>
      <translation>带 Nesterov 动量的 Adam：一阶矩向前多看一步。</translation>
    </message>
    <message>
      <source>momentum decay</source>
      <translation>动量衰减</translation>
    </message>
    <message>
      <source>decoupled weight decay</source>
      <translation>解耦权重衰减</translation>
    </message>
    <message>
      <source>Shrink θ directly (as AdamW does) instead of adding the decay to the gradient.</source>
      <translation>直接缩小 θ（像 AdamW 那样），而不是把衰减加到梯度上。</translation>
    </message>
    <message>
      <source>RAdam</source>
      <translation>RAdam</translation>
    </message>
    <message>
      <source>Rectified Adam: takes plain momentum steps until the second-moment estimate is reliable, then Adam steps scaled by a variance correction.</source>
      <translation>修正的 Adam：在二阶矩估计可靠之前只走普通的动量步，之后走经过方差修正缩放的 Adam 步。</translation>
    </message>
    <message>
      <source>L-BFGS</source>
      <translation>L-BFGS</translation>
    </message>
    <message>
      <source>A quasi-Newton method: builds a curvature estimate from recent gradients. One .step() runs up to max_iter inner iterations, each re-evaluating the loss, with line search off (torch's default), so one step can jump far: on a saddle a run can leave the view in its first step.</source>
      <translation>一种拟牛顿法：根据最近的梯度估计曲率。一次 .step() 最多执行 max_iter 次内部迭代，每次都重新计算损失，且不做线搜索（torch 的默认设置），所以一步就可能跳得很远：在鞍面上，一次运行可能在第一步就离开视图。</translation>
    </message>
    <message>
      <source>iterations per step</source>
      <translation>每步迭代次数</translation>
    </message>
    <message>
      <source>history size</source>
      <translation>历史长度</translation>
    </message>
    <message>
      <source>Himmelblau</source>
      <translation>Himmelblau</translation>
    </message>
    <message>
      <source>Four minima, all with f = 0, and a local maximum near (−0.27, −0.92): where an optimizer ends depends on where it starts.</source>
      <translation>有四个极小值点（f 都等于 0），在 (−0.27, −0.92) 附近有一个局部极大值点：优化器最终停在哪里取决于它从哪里出发。</translation>
    </message>
    <message>
      <source>Rosenbrock</source>
      <translation>Rosenbrock</translation>
    </message>
    <message>
      <source>A long, curved, nearly flat valley: easy to find, slow to follow to the minimum at (1, 1).</source>
      <translation>一条狭长、弯曲、几乎平坦的山谷：很容易找到，但沿着它走到 (1, 1) 处的极小值点却很慢。</translation>
    </message>
    <message>
      <source>Beale</source>
      <translation>Beale</translation>
    </message>
    <message>
      <source>Flat plateaus and steep walls; the minimum is at (3, 0.5).</source>
      <translation>平坦的高原和陡峭的墙壁；极小值点在 (3, 0.5)。</translation>
    </message>
    <message>
      <source>Booth</source>
      <translation>Booth</translation>
    </message>
    <message>
      <source>A tilted bowl (a quadratic) with its minimum at (1, 3).</source>
      <translation>一个倾斜的碗（二次函数），极小值点在 (1, 3)。</translation>
    </message>
    <message>
      <source>Rastrigin</source>
      <translation>Rastrigin</translation>
    </message>
    <message>
      <source>A bowl covered in bumps: dozens of local minima trap small steps; the global one is at (0, 0).</source>
      <translation>一个布满起伏的碗：几十个局部极小值会困住小步长；全局极小值点在 (0, 0)。</translation>
    </message>
    <message>
      <source>Saddle</source>
      <translation>鞍面</translation>
    </message>
    <message>
      <source>A saddle point at (0, 0): a minimum along x, a maximum along y, and no minimum at all.</source>
      <translation>(0, 0) 是一个鞍点：沿 x 方向是极小，沿 y 方向是极大，整个曲面没有极小值点。</translation>
    </message>
    <message>
      <source>Ill-conditioned bowl</source>
      <translation>病态碗形曲面</translation>
    </message>
    <message>
      <source>A bowl 50 times more curved along y than along x: plain SGD zig-zags across it and crawls along it; momentum and Adam do not.</source>
      <translation>一个 y 方向曲率是 x 方向 50 倍的碗：普通 SGD 会在横向来回震荡，沿谷底却爬得很慢；动量法和 Adam 不会这样。</translation>
    </message>
    <message>
      <source>Creation</source>
      <translation>创建</translation>
    </message>
    <message>
      <source>Join and split</source>
      <translation>拼接与拆分</translation>
    </message>
    <message>
      <source>Indexing</source>
      <translation>索引</translation>
    </message>
    <message>
      <source>Reshape</source>
      <translation>变形</translation>
    </message>
    <message>
      <source>Math</source>
      <translation>数学运算</translation>
    </message>
    <message>
      <source>Statistics</source>
      <translation>统计</translation>
    </message>
    <message>
      <source>Compare</source>
      <translation>比较</translation>
    </message>
    <message>
      <source>Autograd</source>
      <translation>自动求导</translation>
    </message>
    <message>
      <source>Builds a tensor from nested lists of numbers; whole numbers give int64, decimals give float32.</source>
      <translation>由嵌套的数字列表创建张量；整数得到 int64，小数得到 float32。</translation>
    </message>
    <message>
      <source>A tensor of the given shape filled with 0.</source>
      <translation>给定形状、全部填充 0 的张量。</translation>
    </message>
    <message>
      <source>A tensor of the given shape filled with 1.</source>
      <translation>给定形状、全部填充 1 的张量。</translation>
    </message>
    <message>
      <source>A tensor of the given shape filled with one value.</source>
      <translation>给定形状、全部填充同一个值的张量。</translation>
    </message>
    <message>
      <source>A tensor of the given shape whose memory is not initialised: its values are whatever was there.</source>
      <translation>给定形状、内存未初始化的张量：其中的值是内存里原有的内容。</translation>
    </message>
    <message>
      <source>Zeros with the shape, dtype and device of another tensor.</source>
      <translation>与另一个张量形状、数据类型和设备相同的全 0 张量。</translation>
    </message>
    <message>
      <source>Ones with the shape, dtype and device of another tensor.</source>
      <translation>与另一个张量形状、数据类型和设备相同的全 1 张量。</translation>
    </message>
    <message>
      <source>One value repeated, with the shape, dtype and device of another tensor.</source>
      <translation>与另一个张量形状、数据类型和设备相同、填满同一个值的张量。</translation>
    </message>
    <message>
      <source>Uninitialised memory with the shape, dtype and device of another tensor.</source>
      <translation>与另一个张量形状、数据类型和设备相同的未初始化张量。</translation>
    </message>
    <message>
      <source>Evenly spaced values from start up to, but not including, end, in steps of step.</source>
      <translation>从 start 开始、以 step 为步长的等间隔数值，直到 end（不包含 end）。</translation>
    </message>
    <message>
      <source>steps values evenly spaced from start to end, both ends included.</source>
      <translation>从 start 到 end 等间隔的 steps 个数值，两端都包含。</translation>
    </message>
    <message>
      <source>steps values from base**start to base**end, evenly spaced on a logarithmic scale.</source>
      <translation>从 base**start 到 base**end、在对数尺度上等间隔的 steps 个数值。</translation>
    </message>
    <message>
      <source>The identity matrix: ones on the diagonal, zeros elsewhere.</source>
      <translation>单位矩阵：对角线上为 1，其余为 0。</translation>
    </message>
    <message>
      <source>One normal sample per element, each with its own mean and standard deviation.</source>
      <translation>每个元素各抽取一个正态分布样本，每个都有自己的均值和标准差。</translation>
    </message>
    <message>
      <source>Normal samples with a mean per element and one shared standard deviation.</source>
      <translation>正态分布样本：每个元素有自己的均值，共用一个标准差。</translation>
    </message>
    <message>
      <source>Normal samples with one shared mean and a standard deviation per element.</source>
      <translation>正态分布样本：共用一个均值，每个元素有自己的标准差。</translation>
    </message>
    <message>
      <source>Normal samples of the given shape, all with the same mean and standard deviation.</source>
      <translation>给定形状的正态分布样本，全部使用相同的均值和标准差。</translation>
    </message>
    <message>
      <source>Samples from the standard normal distribution: mean 0, standard deviation 1.</source>
      <translation>从标准正态分布中抽样：均值为 0，标准差为 1。</translation>
    </message>
    <message>
      <source>Samples drawn uniformly from the interval [0, 1).</source>
      <translation>从区间 [0, 1) 中均匀抽样。</translation>
    </message>
    <message>
      <source>Random whole numbers from low up to, but not including, high.</source>
      <translation>从 low 到 high（不包含 high）的随机整数。</translation>
    </message>
    <message>
      <source>A random order of 0, 1, …, n − 1, as used to shuffle a dataset.</source>
      <translation>0, 1, …, n − 1 的随机排列，常用于打乱数据集。</translation>
    </message>
    <message>
      <source>Draws 1 with the probability given by each element of input, else 0: a coin flip per element.</source>
      <translation>以 input 中每个元素给出的概率取 1，否则取 0：每个元素抛一次硬币。</translation>
    </message>
    <message>
      <source>Fixes the random number generator, so random tensors come out the same on every run.</source>
      <translation>固定随机数生成器的种子，使每次运行得到相同的随机张量。</translation>
    </message>
    <message>
      <source>Joins tensors end to end along an existing dimension; their other sizes must match.</source>
      <translation>沿已有的维度把张量首尾拼接；其他维度的大小必须一致。</translation>
    </message>
    <message>
      <source>Joins tensors of the same shape along a new dimension.</source>
      <translation>沿一个新维度把形状相同的张量堆叠起来。</translation>
    </message>
    <message>
      <source>Cuts a tensor into pieces of split_size along dim; the last piece may be shorter.</source>
      <translation>沿 dim 把张量切成大小为 split_size 的若干块；最后一块可能更小。</translation>
    </message>
    <message>
      <source>Cuts a tensor into pieces with the sizes in the list, which must add up to the size of dim.</source>
      <translation>按列表中的大小把张量切块，这些大小之和必须等于 dim 维的大小。</translation>
    </message>
    <message>
      <source>Cuts a tensor into the given number of nearly equal pieces.</source>
      <translation>把张量切成给定数量、大小几乎相等的块。</translation>
    </message>
    <message>
      <source>Picks elements, rows or columns by position; a slice a:b:step takes a range and shares memory with x.</source>
      <translation>按位置选取元素、行或列；切片 a:b:step 取一个范围，并与 x 共享内存。</translation>
    </message>
    <message>
      <source>Keeps the elements where a boolean mask of the same shape is True, as a 1-D tensor.</source>
      <translation>保留形状相同的布尔掩码中为 True 的元素，结果是一维张量。</translation>
    </message>
    <message>
      <source>Picks the entries at the given positions along one dimension.</source>
      <translation>沿某一个维度选取给定位置上的元素。</translation>
    </message>
    <message>
      <source>Like x[mask]: the elements where the mask is True, in a 1-D tensor.</source>
      <translation>与 x[mask] 相同：掩码为 True 处的元素，组成一维张量。</translation>
    </message>
    <message>
      <source>For each position of index, takes the element of input whose coordinate along dim is given by index.</source>
      <translation>对 index 的每个位置，取 input 中沿 dim 的坐标由 index 给出的那个元素。</translation>
    </message>
    <message>
      <source>Takes from input where the condition is True and from other elsewhere.</source>
      <translation>条件为 True 处取 input 的值，其余位置取 other 的值。</translation>
    </message>
    <message>
      <source>The coordinates of the non-zero elements, one row per element.</source>
      <translation>非零元素的坐标，每个元素占一行。</translation>
    </message>
    <message>
      <source>The same elements in a new shape; one size may be -1 and PyTorch works it out.</source>
      <translation>相同的元素换成新形状；其中一个大小可以写 -1，由 PyTorch 自动推算。</translation>
    </message>
    <message>
      <source>Like reshape, but always shares memory with x and needs a contiguous layout.</source>
      <translation>与 reshape 类似，但总是与 x 共享内存，并要求内存布局连续。</translation>
    </message>
    <message>
      <source>Swaps two dimensions; a view, so no data is copied.</source>
      <translation>交换两个维度；返回视图，不复制数据。</translation>
    </message>
    <message>
      <source>Puts all dimensions in a new order at once.</source>
      <translation>一次性按新的顺序重排所有维度。</translation>
    </message>
    <message>
      <source>The transpose of a matrix: rows become columns.</source>
      <translation>矩阵的转置：行变成列。</translation>
    </message>
    <message>
      <source>Removes dimensions of size 1 (only dim, if it is given).</source>
      <translation>去掉大小为 1 的维度（若给出 dim，则只去掉该维）。</translation>
    </message>
    <message>
      <source>Inserts a dimension of size 1 at position dim: a row vector becomes a column with dim=1.</source>
      <translation>在位置 dim 插入一个大小为 1 的维度：dim=1 时行向量变成列向量。</translation>
    </message>
    <message>
      <source>Stretches dimensions of size 1 without copying, as broadcasting does; -1 keeps a size.</source>
      <translation>像广播那样扩展大小为 1 的维度而不复制数据；-1 表示保持该维大小不变。</translation>
    </message>
    <message>
      <source>Copies the tensor the given number of times along each dimension.</source>
      <translation>沿每个维度把张量复制给定的次数。</translation>
    </message>
    <message>
      <source>Lays the elements out in one dimension, or merges only the dimensions from start_dim to end_dim.</source>
      <translation>把元素展平成一维，或只合并从 start_dim 到 end_dim 的维度。</translation>
    </message>
    <message>
      <source>A copy laid out row by row in memory, if the tensor is not already (after a transpose, say).</source>
      <translation>若张量在内存中不是按行连续存放（例如转置之后），则返回按行连续存放的副本。</translation>
    </message>
    <message>
      <source>Adds elementwise; the shapes broadcast: dimensions of size 1 are stretched to match.</source>
      <translation>逐元素相加；形状会广播：大小为 1 的维度被扩展到一致。</translation>
    </message>
    <message>
      <source>Subtracts elementwise, with broadcasting.</source>
      <translation>逐元素相减，支持广播。</translation>
    </message>
    <message>
      <source>Multiplies elementwise (the Hadamard product), not the matrix product.</source>
      <translation>逐元素相乘（哈达玛积），不是矩阵乘法。</translation>
    </message>
    <message>
      <source>Divides elementwise; the result is always a floating-point tensor.</source>
      <translation>逐元素相除；结果总是浮点张量。</translation>
    </message>
    <message>
      <source>Divides and rounds down to a whole number (floor division).</source>
      <translation>相除并向下取整（整除）。</translation>
    </message>
    <message>
      <source>The remainder after floor division; its sign follows the divisor, as in Python.</source>
      <translation>整除后的余数；符号与除数相同，和 Python 一致。</translation>
    </message>
    <message>
      <source>Raises each element to a power.</source>
      <translation>对每个元素求幂。</translation>
    </message>
    <message>
      <source>The matrix product; batch dimensions broadcast and 1-D tensors act as vectors.</source>
      <translation>矩阵乘法；批量维度会广播，一维张量当作向量处理。</translation>
    </message>
    <message>
      <source>The @ operator is torch.matmul: rows of a times columns of b.</source>
      <translation>@ 运算符就是 torch.matmul：a 的行乘以 b 的列。</translation>
    </message>
    <message>
      <source>The product of two 2-D matrices, without broadcasting.</source>
      <translation>两个二维矩阵相乘，不做广播。</translation>
    </message>
    <message>
      <source>A batch of matrix products: (b, n, m) and (b, m, p) give (b, n, p).</source>
      <translation>批量矩阵乘法：(b, n, m) 与 (b, m, p) 得到 (b, n, p)。</translation>
    </message>
    <message>
      <source>Raises each element to a power; the exponent may be a number or a tensor.</source>
      <translation>对每个元素求幂；指数可以是数字或张量。</translation>
    </message>
    <message>
      <source>The square root of each element (NaN for negative numbers).</source>
      <translation>每个元素的平方根（负数得到 NaN）。</translation>
    </message>
    <message>
      <source>One over the square root of each element.</source>
      <translation>每个元素平方根的倒数。</translation>
    </message>
    <message>
      <source>e raised to the power of each element.</source>
      <translation>以 e 为底、以每个元素为指数的幂。</translation>
    </message>
    <message>
      <source>The natural logarithm (base e) of each element.</source>
      <translation>每个元素的自然对数（以 e 为底）。</translation>
    </message>
    <message>
      <source>The base-2 logarithm of each element.</source>
      <translation>每个元素以 2 为底的对数。</translation>
    </message>
    <message>
      <source>The base-10 logarithm of each element.</source>
      <translation>每个元素以 10 为底的对数。</translation>
    </message>
    <message>
      <source>The absolute value of each element.</source>
      <translation>每个元素的绝对值。</translation>
    </message>
    <message>
      <source>Rounds each element down.</source>
      <translation>每个元素向下取整。</translation>
    </message>
    <message>
      <source>Rounds each element up.</source>
      <translation>每个元素向上取整。</translation>
    </message>
    <message>
      <source>Rounds each element to the nearest whole number; halves go to the even neighbour.</source>
      <translation>把每个元素舍入到最近的整数；恰好一半时取偶数。</translation>
    </message>
    <message>
      <source>Drops the fractional part: rounds toward zero.</source>
      <translation>去掉小数部分：向零取整。</translation>
    </message>
    <message>
      <source>The fractional part of each element: x − trunc(x).</source>
      <translation>每个元素的小数部分：x − trunc(x)。</translation>
    </message>
    <message>
      <source>Limits each element to the range [min, max].</source>
      <translation>把每个元素限制在 [min, max] 范围内。</translation>
    </message>
    <message>
      <source>Adds up all elements, or along dim; keepdim=True keeps the reduced dimension with size 1.</source>
      <translation>对所有元素求和，或沿 dim 求和；keepdim=True 会把被归约的维度保留为大小 1。</translation>
    </message>
    <message>
      <source>The average of all elements, or along dim; it needs a floating-point tensor.</source>
      <translation>所有元素或沿 dim 的平均值；要求是浮点张量。</translation>
    </message>
    <message>
      <source>Multiplies all elements together, or along dim.</source>
      <translation>把所有元素相乘，或沿 dim 相乘。</translation>
    </message>
    <message>
      <source>The smallest element; with dim, the smallest along dim and where it is (values, indices).</source>
      <translation>最小的元素；给出 dim 时，返回沿 dim 的最小值及其位置（values, indices）。</translation>
    </message>
    <message>
      <source>The largest element; with dim, the largest along dim and where it is (values, indices).</source>
      <translation>最大的元素；给出 dim 时，返回沿 dim 的最大值及其位置（values, indices）。</translation>
    </message>
    <message>
      <source>The position of the smallest element, in the flattened tensor or along dim.</source>
      <translation>最小元素的位置，在展平后的张量中或沿 dim 计算。</translation>
    </message>
    <message>
      <source>The position of the largest element, in the flattened tensor or along dim.</source>
      <translation>最大元素的位置，在展平后的张量中或沿 dim 计算。</translation>
    </message>
    <message>
      <source>The Euclidean length: the square root of the sum of squares.</source>
      <translation>欧几里得长度：平方和的平方根。</translation>
    </message>
    <message>
      <source>The sum of the absolute values (the L1 norm).</source>
      <translation>绝对值之和（L1 范数）。</translation>
    </message>
    <message>
      <source>The largest absolute value (the max norm).</source>
      <translation>最大的绝对值（无穷范数）。</translation>
    </message>
    <message>
      <source>The standard deviation, dividing by n − 1 (correction=0 divides by n).</source>
      <translation>标准差，除以 n − 1（correction=0 时除以 n）。</translation>
    </message>
    <message>
      <source>The variance: the square of the standard deviation.</source>
      <translation>方差：标准差的平方。</translation>
    </message>
    <message>
      <source>Running totals along dim: each element becomes the sum of itself and all before it.</source>
      <translation>沿 dim 的累加和：每个元素变为它自身与之前所有元素之和。</translation>
    </message>
    <message>
      <source>The k largest elements along dim and their positions (values, indices).</source>
      <translation>沿 dim 最大的 k 个元素及其位置（values, indices）。</translation>
    </message>
    <message>
      <source>The k-th smallest element along dim and its position (values, indices).</source>
      <translation>沿 dim 第 k 小的元素及其位置（values, indices）。</translation>
    </message>
    <message>
      <source>True where the elements are equal, elementwise.</source>
      <translation>逐元素比较，相等处为 True。</translation>
    </message>
    <message>
      <source>True where the elements differ, elementwise.</source>
      <translation>逐元素比较，不相等处为 True。</translation>
    </message>
    <message>
      <source>True where input is greater than other, elementwise.</source>
      <translation>逐元素比较，input 大于 other 处为 True。</translation>
    </message>
    <message>
      <source>True where input is greater than or equal to other.</source>
      <translation>逐元素比较，input 大于或等于 other 处为 True。</translation>
    </message>
    <message>
      <source>True where input is less than other, elementwise.</source>
      <translation>逐元素比较，input 小于 other 处为 True。</translation>
    </message>
    <message>
      <source>True where input is less than or equal to other.</source>
      <translation>逐元素比较，input 小于或等于 other 处为 True。</translation>
    </message>
    <message>
      <source>True if both tensors have the same shape and the same elements: one bool, not a tensor.</source>
      <translation>两个张量形状相同且元素都相同时为 True：结果是一个布尔值，而不是张量。</translation>
    </message>
    <message>
      <source>True where elements are equal within a tolerance: |a − b| ≤ atol + rtol·|b|.</source>
      <translation>在容差范围内相等处为 True：|a − b| ≤ atol + rtol·|b|。</translation>
    </message>
    <message>
      <source>True if all elements are close (one bool): the safe way to compare floating-point results.</source>
      <translation>所有元素都接近时为 True（一个布尔值）：比较浮点结果的稳妥做法。</translation>
    </message>
    <message>
      <source>The dot product of two 1-D tensors: multiply elementwise, then add up.</source>
      <translation>两个一维张量的点积：逐元素相乘后求和。</translation>
    </message>
    <message>
      <source>The outer product: every element of one vector times every element of the other.</source>
      <translation>外积：一个向量的每个元素乘以另一个向量的每个元素。</translation>
    </message>
    <message>
      <source>Asks autograd to record what is computed from this tensor, so gradients can flow back to it.</source>
      <translation>让自动求导记录由这个张量算出的一切，使梯度能反向传播回它。</translation>
    </message>
    <message>
      <source>Computes the gradient of a scalar with respect to every tensor that requires grad, into their .grad.</source>
      <translation>计算标量对每个需要梯度的张量的梯度，存入它们的 .grad。</translation>
    </message>
    <message>
      <source>Where backward() puts the gradient; gradients add up over several backward() calls.</source>
      <translation>backward() 存放梯度的地方；多次调用 backward() 时梯度会累加。</translation>
    </message>
    <message>
      <source>Resets a gradient to zero in place, as an optimizer does before each step.</source>
      <translation>原地把梯度清零，就像优化器在每一步之前所做的那样。</translation>
    </message>
    <message>
      <source>The same values cut off from the graph: no gradient flows back through it.</source>
      <translation>数值相同但与计算图断开：梯度不会经由它反向传播。</translation>
    </message>
    <message>
      <source>Keeps the graph after backward(), so that backward() can run through it again.</source>
      <translation>在 backward() 之后保留计算图，以便再次对它执行 backward()。</translation>
    </message>
    <message>
      <source>Records the backward pass too, so a gradient can be differentiated again (second derivatives).</source>
      <translation>把反向传播过程也记录下来，使梯度可以再次求导（二阶导数）。</translation>
    </message>
    <message>
      <source>Returns the gradients of outputs with respect to inputs, instead of adding them into .grad.</source>
      <translation>返回 outputs 对 inputs 的梯度，而不是把它们累加到 .grad 中。</translation>
    </message>
  </context>
</TS>
