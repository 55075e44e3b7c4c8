#!/usr/bin/python3
# Copied unchanged from ../shared/bench/torch_workloads.py (the reference PyTorch side of
# issue 7's W1–W6); bench/workloads is the gendl side. Run both with bench/run.sh.
"""Reference CPU training/sampling workloads in PyTorch (float32).
Usage: /usr/bin/python3 workloads.py --w W1|W2|W3|W4|W5gan|W5ddpm|W6 --threads 1|2 [--blas-threads N] [--windows 5] [--wintime 2.0]
Prints one JSON line: steps/s (median of timed windows after warm-up), tokens/s where meaningful.
Thread control: torch.set_num_threads(n) AND openblas_set_num_threads(n) (torch's setting does not reach the
pthreads OpenBLAS that Debian's torch calls for GEMM).
"""
import argparse, ctypes, json, math, os, statistics, sys, time
import torch, torch.nn as nn, torch.nn.functional as F

ap = argparse.ArgumentParser()
ap.add_argument('--w', required=True)
ap.add_argument('--threads', type=int, default=2)
ap.add_argument('--blas-threads', type=int, default=None, help='OpenBLAS threads (default: same as --threads)')
ap.add_argument('--windows', type=int, default=5)
ap.add_argument('--wintime', type=float, default=2.0)
ap.add_argument('--warmup', type=float, default=1.5)
args = ap.parse_args()

torch.manual_seed(0)
torch.set_num_threads(args.threads)
BT = args.blas_threads or args.threads
try:  # Debian's torch calls a pthreads OpenBLAS that torch.set_num_threads does not reach
    ctypes.CDLL('libopenblas.so.0').openblas_set_num_threads(BT)
except OSError:  # pip's wheels bundle their own BLAS, governed by set_num_threads
    pass
V = 65

def timed(step, tokens_per_step=None, unit='steps'):
    # warm-up by time, then calibrate steps per window, then time `windows` windows
    t0 = time.perf_counter(); n = 0
    while time.perf_counter() - t0 < args.warmup or n < 3:
        step(); n += 1
    per = (time.perf_counter() - t0) / n
    k = max(1, int(args.wintime / per))
    rates, cpus = [], []
    for _ in range(args.windows):
        t0 = time.perf_counter(); c0 = time.process_time()
        for _ in range(k): step()
        el = time.perf_counter() - t0
        rates.append(k / el); cpus.append((time.process_time() - c0) / el)
    out = dict(workload=args.w, threads=args.threads, blas_threads=BT, omp_wait_policy=os.environ.get('OMP_WAIT_POLICY'), steps_per_window=k,
               **{unit + '_per_s_median': round(statistics.median(rates), 3),
                  unit + '_per_s_min': round(min(rates), 3), unit + '_per_s_max': round(max(rates), 3)},
               cpu_over_wall=round(statistics.median(cpus), 2))
    if tokens_per_step:
        out['tokens_per_s_median'] = round(statistics.median(rates) * tokens_per_step, 1)
    return out

def w1():
    model = nn.Sequential(nn.Linear(784, 256), nn.Sigmoid(), nn.Linear(256, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    xs = [torch.rand(64, 784) for _ in range(16)]; ys = [torch.randint(0, 10, (64,)) for _ in range(16)]
    i = [0]
    def step():
        j = i[0] % 16; i[0] += 1
        loss = F.cross_entropy(model(xs[j]), ys[j])
        opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
    return timed(step, 64, 'steps') | {'note': 'tokens=samples'}

class CharRNN(nn.Module):
    def __init__(self, cell):
        super().__init__()
        self.emb = nn.Embedding(V, 64)
        self.rnn = (nn.RNN if cell == 'rnn' else nn.LSTM)(64, 256, batch_first=True)
        self.head = nn.Linear(256, V)
    def forward(self, x, h=None):
        o, h = self.rnn(self.emb(x), h)
        return self.head(o), h

def w_rnn(cell):
    B, T = 32, 64
    model = CharRNN(cell); opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    data = torch.randint(0, V, (16, B, T + 1))
    i = [0]
    def step():
        d = data[i[0] % 16]; i[0] += 1
        logits, _ = model(d[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, V), d[:, 1:].reshape(-1))
        opt.zero_grad(set_to_none=True); loss.backward()
        opt.step()
    return timed(step, B * T)

class Block(nn.Module):
    def __init__(self, C, H):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(C), nn.LayerNorm(C)
        self.qkv, self.proj = nn.Linear(C, 3 * C), nn.Linear(C, C)
        self.fc, self.fc2 = nn.Linear(C, 4 * C), nn.Linear(4 * C, C)
        self.H = H
    def forward(self, x, mask):
        B, T, C = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(C, dim=2)
        q, k, v = [t.view(B, T, self.H, C // self.H).transpose(1, 2) for t in (q, k, v)]
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(C // self.H))
        att = att.masked_fill(mask[:T, :T] == 0, float('-inf')).softmax(-1)
        y = (att @ v).transpose(1, 2).contiguous().view(B, T, C)
        x = x + self.proj(y)
        return x + self.fc2(F.gelu(self.fc(self.ln2(x))))

class GPT(nn.Module):
    def __init__(self, L=4, H=4, C=128, block=64):
        super().__init__()
        self.tok, self.pos = nn.Embedding(V, C), nn.Embedding(block, C)
        self.blocks = nn.ModuleList(Block(C, H) for _ in range(L))
        self.lnf, self.head = nn.LayerNorm(C), nn.Linear(C, V, bias=False)
        self.register_buffer('mask', torch.tril(torch.ones(block, block)))
    def forward(self, idx):
        B, T = idx.shape
        x = self.tok(idx) + self.pos(torch.arange(T))
        for b in self.blocks: x = b(x, self.mask)
        return self.head(self.lnf(x))

def w4():
    B, T = 32, 64
    model = GPT(); opt = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.1)
    nparams = sum(p.numel() for p in model.parameters())
    data = torch.randint(0, V, (16, B, T + 1)); i = [0]
    def step():
        d = data[i[0] % 16]; i[0] += 1
        loss = F.cross_entropy(model(d[:, :-1]).reshape(-1, V), d[:, 1:].reshape(-1))
        opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
    return timed(step, B * T) | {'params': nparams}

def w5gan():
    B, Z = 64, 64
    G = nn.Sequential(nn.Linear(Z, 256), nn.ReLU(), nn.Linear(256, 784), nn.Tanh())
    D = nn.Sequential(nn.Linear(784, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1))
    og = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
    od = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
    reals = [torch.rand(B, 784) * 2 - 1 for _ in range(16)]; i = [0]
    ones, zeros = torch.ones(B, 1), torch.zeros(B, 1)
    def step():
        real = reals[i[0] % 16]; i[0] += 1
        fake = G(torch.randn(B, Z))
        ld = F.binary_cross_entropy_with_logits(D(real), ones) + F.binary_cross_entropy_with_logits(D(fake.detach()), zeros)
        od.zero_grad(set_to_none=True); ld.backward(); od.step()
        lg = F.binary_cross_entropy_with_logits(D(fake), ones)
        og.zero_grad(set_to_none=True); lg.backward(); og.step()
    return timed(step, B) | {'note': 'one step = D update + G update; tokens=images'}

def w5ddpm():
    B, Tsteps, E = 64, 1000, 32
    betas = torch.linspace(1e-4, 0.02, Tsteps); abar = torch.cumprod(1 - betas, 0)
    net = nn.Sequential(nn.Linear(784 + E, 512), nn.SiLU(), nn.Linear(512, 512), nn.SiLU(), nn.Linear(512, 784))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    freqs = torch.exp(-math.log(10000) * torch.arange(E // 2) / (E // 2))
    xs = [torch.rand(B, 784) * 2 - 1 for _ in range(16)]; i = [0]
    def step():
        x0 = xs[i[0] % 16]; i[0] += 1
        t = torch.randint(0, Tsteps, (B,)); eps = torch.randn_like(x0)
        a = abar[t].unsqueeze(1)
        xt = a.sqrt() * x0 + (1 - a).sqrt() * eps
        ang = t.float().unsqueeze(1) * freqs
        temb = torch.cat([ang.sin(), ang.cos()], 1)
        loss = F.mse_loss(net(torch.cat([xt, temb], 1)), eps)
        opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
    return timed(step, B) | {'note': 'MLP denoiser 816-512-512-784 SiLU, eps-prediction; tokens=images'}

def w6():
    model = CharRNN('rnn').eval()
    N = 1000
    def gen():
        with torch.no_grad():
            x = torch.zeros(1, 1, dtype=torch.long); h = None
            for _ in range(N):
                logits, h = model(x, h)
                x = torch.multinomial(F.softmax(logits[:, -1], -1), 1)
    r = timed(gen, None, 'runs')
    r['chars_per_s_median'] = round(r['runs_per_s_median'] * N, 1)
    r['note'] = 'W2 RNN (random weights), batch 1, 1000 chars per run, multinomial sampling, no_grad'
    return r

fn = dict(W1=w1, W2=lambda: w_rnn('rnn'), W3=lambda: w_rnn('lstm'), W4=w4, W5gan=w5gan, W5ddpm=w5ddpm, W6=w6)[args.w]
res = fn()
res['torch'] = torch.__version__
res['loadavg_end'] = os.getloadavg()[0]
print(json.dumps(res)); sys.stdout.flush()
