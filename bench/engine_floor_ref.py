"""EngineFloor.java in PyTorch: torch.nn.GRU at the baseline's mosi-like shapes, nothing around it.

  /usr/bin/python3 bench/engine_floor_ref.py THREADS WORKLOAD REPEATS

Prints `torch VERSION threads T WORKLOAD median M ms`, the workloads of EngineFloor.java: `train` is the three GRUs'
forward and backward at batch 32, `evaluate` their forward without autograd at 32, `evaluate-valid` at 229; the
`-joint` ones run audio and vision as one GRU of 32 units over 500 steps; `mm` is 1,000 products [32, 16] x [16, 48];
the median over REPEATS runs after five untimed ones.
"""
import sys, time

import torch

from stats import median

BATCH, VALID_BATCH, WARMUP = 32, 229, 5
SEPARATE = ((50, 32, 32), (375, 16, 16), (500, 16, 16))  # steps, input, hidden
JOINT = ((50, 32, 32), (500, 32, 32))
WORKLOADS = {'train': (True, BATCH, SEPARATE), 'evaluate': (False, BATCH, SEPARATE),
             'evaluate-valid': (False, VALID_BATCH, SEPARATE), 'train-joint': (True, BATCH, JOINT),
             'evaluate-valid-joint': (False, VALID_BATCH, JOINT)}


def grus(train, batch, shapes, repeats):
    modules = [torch.nn.GRU(d, h, batch_first=True) for _, d, h in shapes]
    inputs = [torch.randn(batch, t, d) for t, d, _ in shapes]
    millis = []
    for r in range(-WARMUP, repeats):
        start = time.perf_counter()
        with torch.set_grad_enabled(train):
            total = sum(gru(x)[0].sum() for gru, x in zip(modules, inputs))
            if train:
                total.backward()
        if r >= 0:
            millis.append((time.perf_counter() - start) * 1e3)
    return millis


def products(repeats):
    x, w = torch.randn(BATCH, 16), torch.randn(16, 48)
    millis = []
    with torch.no_grad():
        for r in range(-WARMUP, repeats):
            start = time.perf_counter()
            for _ in range(1000):
                x @ w
            if r >= 0:
                millis.append((time.perf_counter() - start) * 1e3)
    return millis


def main(argv):
    if len(argv) != 3 or argv[1] not in (*WORKLOADS, 'mm'):
        sys.exit(f'usage: engine_floor_ref.py THREADS {"|".join((*WORKLOADS, "mm"))} REPEATS')
    threads, workload, repeats = int(argv[0]), argv[1], int(argv[2])
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    millis = products(repeats) if workload == 'mm' else grus(*WORKLOADS[workload], repeats)
    print(f'torch {torch.__version__} threads {torch.get_num_threads()} {workload} median {median(millis):.3f} ms')


if __name__ == '__main__':
    main(sys.argv[1:])
