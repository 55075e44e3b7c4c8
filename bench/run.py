"""Runs the W1–W6 workloads in gendl and in PyTorch in the same run and
prints markdown tables of medians, ratios and peak RSS (issue 7).

Each (workload, threads) cell runs the gendl binary and every PyTorch
interpreter given, one process each, alternating the order from one round
to the next so neither side always runs on a cooler machine. A process's
peak RSS comes from os.wait4's rusage (ru_maxrss), so it covers the whole
process: interpreter, libraries, model and graph. bench/run.sh builds the
binary and finds the interpreters; run this directly to choose them:

    python3 bench/run.py --gendl bench/out/workloads --torch pip=/path/to/python [--torch debian=/usr/bin/python3]
"""
import argparse, json, os, statistics, subprocess, sys, tempfile

ap = argparse.ArgumentParser()
ap.add_argument('--gendl', help='the built bench/workloads binary')
ap.add_argument('--torch', action='append', default=[], help='LABEL=PYTHON with torch importable (repeatable)')
ap.add_argument('--script', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'torch_workloads.py'))
ap.add_argument('--workloads', default='W1,W2,W3,W4,W5gan,W5ddpm,W6')
ap.add_argument('--threads', default='1,2')
ap.add_argument('--rounds', type=int, default=1, help='processes per side and cell; the table shows the median')
ap.add_argument('--windows', default='5')
ap.add_argument('--wintime', default='2.0')
ap.add_argument('--warmup', default='1.5')
ap.add_argument('--jsonl', help='append every JSON line here as well')
ap.add_argument('--from-jsonl', action='append', default=[],
                help='print the tables from recorded JSON lines instead of running (repeatable; a later file replaces '
                     'the earlier files\' lines for the same workload, threads and side)')
args = ap.parse_args()

# The headline rate of each workload and its unit.
METRIC = dict(W1=('steps_per_s_median', 'steps/s'), W2=('tokens_per_s_median', 'tokens/s'),
              W3=('tokens_per_s_median', 'tokens/s'), W4=('tokens_per_s_median', 'tokens/s'),
              W5gan=('steps_per_s_median', 'steps/s'), W5ddpm=('steps_per_s_median', 'steps/s'),
              W6=('chars_per_s_median', 'chars/s'))
TARGET = dict(W6=5.0)  # gendl / best PyTorch; 1.0 elsewhere

def run(cmd):
    """Runs cmd and returns its last JSON line and its peak RSS in MiB (wait4's
    rusage of that child alone)."""
    with tempfile.TemporaryFile(mode='w+') as errf:
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errf, text=True)
        out = p.stdout.read()
        _, status, ru = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            errf.seek(0)
            sys.exit(f'bench/run.py: {" ".join(cmd)} failed:\n{errf.read()[-2000:]}')
    line = [l for l in out.splitlines() if l.startswith('{')][-1]
    return json.loads(line), ru.ru_maxrss / 1024

timing = ['--windows', args.windows, '--wintime', args.wintime, '--warmup', args.warmup]
sides = [('gendl', lambda w, t: [args.gendl, '--w', w, '--threads', str(t)] + timing)]
for spec in args.torch:
    label, py = spec.split('=', 1)
    sides.append((label, lambda w, t, py=py: [py, args.script, '--w', w, '--threads', str(t)] + timing))

workloads = args.workloads.split(','); threads = [int(t) for t in args.threads.split(',')]
res = {}  # (workload, threads, side) -> list of (rate, rss, json)
jl = open(args.jsonl, 'a') if args.jsonl else None
cell = 0
if args.from_jsonl:
    labels = []
    for path in args.from_jsonl:
        got = {}
        for line in open(path):
            j = json.loads(line)
            got.setdefault((j['workload'], j['threads'], j['side']), []).append((j[METRIC[j['workload']][0]], j['peak_rss_mib'], j))
            if j['side'] != 'gendl' and j['side'] not in labels:
                labels.append(j['side'])
        res.update(got)
    sides = [('gendl', None)] + [(l, None) for l in labels]
    workloads = [w for w in workloads if any(k[0] == w for k in res)]
elif not args.gendl:
    sys.exit('bench/run.py: --gendl is required unless --from-jsonl is given')
for w in workloads if not args.from_jsonl else []:
    for t in threads:
        for rnd in range(args.rounds):
            order = sides if cell % 2 == 0 else sides[::-1]
            cell += 1
            for label, cmd in order:
                j, rss = run(cmd(w, t))
                j['side'] = label; j['peak_rss_mib'] = round(rss, 1)
                res.setdefault((w, t, label), []).append((j[METRIC[w][0]], rss, j))
                print(json.dumps(j), file=sys.stderr, flush=True)
                if jl:
                    print(json.dumps(j), file=jl, flush=True)

def med(w, t, label, k):
    xs = res.get((w, t, label))
    return statistics.median(x[k] for x in xs) if xs else None

def fmt(v, unit=''):
    if v is None:
        return '—'
    return f'{v:,.0f}' if v >= 100 else f'{v:.1f}'

tlabels = [s[0] for s in sides[1:]]
print('| workload | unit | threads | gendl | ' + ' | '.join(tlabels) + ' | gendl / best torch | gendl RSS MiB | ' + ' | '.join(f'{l} RSS MiB' for l in tlabels) + ' |')
print('|' + '---|' * (6 + 2 * len(tlabels)))
for w in workloads:
    for t in threads:
        g = med(w, t, 'gendl', 0)
        ts = [med(w, t, l, 0) for l in tlabels]
        best = max([x for x in ts if x is not None], default=None)
        ratio = f'{g / best:.2f}x' if g and best else '—'
        print(f'| {w} | {METRIC[w][1]} | {t} | {fmt(g)} | ' + ' | '.join(fmt(x) for x in ts) +
              f' | {ratio} | {fmt(med(w, t, "gendl", 1))} | ' + ' | '.join(fmt(med(w, t, l, 1)) for l in tlabels) + ' |')

print()
print('Against PyTorch at its best thread count (the issue\'s criterion: W1–W5 >= 1.0x, W6 >= 5x; peak RSS no more than PyTorch\'s).')
print('"speed" judges gendl at its own best thread count; the first ratio keeps PyTorch\'s. RSS compares those two processes.')
print()
print('| workload | PyTorch best (side, threads) | gendl at those threads | ratio | gendl best (threads) | ratio | target | speed | gendl RSS MiB | PyTorch RSS MiB | RSS |')
print('|---|---|---|---|---|---|---|---|---|---|---|')
for w in workloads:
    gbest = max(((med(w, t, 'gendl', 0), t) for t in threads), default=(None, None))
    cands = [(med(w, t, l, 0), l, t) for l in tlabels for t in threads if med(w, t, l, 0) is not None]
    if not cands or gbest[0] is None:
        continue
    tb, tl, tt = max(cands)
    grss, trss = med(w, gbest[1], 'gendl', 1), med(w, tt, tl, 1)
    ratio = gbest[0] / tb; target = TARGET.get(w, 1.0)
    gsame = med(w, tt, 'gendl', 0)
    same = f'{gsame / tb:.2f}x' if gsame else '—'
    print(f'| {w} | {fmt(tb)} ({tl}, {tt}t) | {fmt(gsame)} | {same} | {fmt(gbest[0])} ({gbest[1]}t) | {ratio:.2f}x | {target:g}x | '
          f'{"met" if ratio >= target else "missed"} | {fmt(grss)} | {fmt(trss)} | {"met" if grss <= trss else "missed"} |')
