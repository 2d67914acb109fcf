"""The engines alone: libtorch's GRU through DJL (EngineFloor.java, what Mosaic's `gru` calls) against PyTorch's
(engine_floor_ref.py), interleaved, as a Markdown table of medians and ratios. It shows the part of a GRU pipeline's
ratio that no code of Mosaic's can change: the two libtorch builds' own speed on the same work.

  /usr/bin/python3 bench/engine_floor.py [--rounds 3] [--repeats 20] [--threads 1 2] [--lib DIR]

--lib is an installation's lib folder (default: $MOSAIC_HOME/lib, else runtime/target/mosaic/lib, which `./mosaic`
builds). Both sides run with OMP_NUM_THREADS=T, OPENBLAS_NUM_THREADS=1 and the launcher's GLIBC_TUNABLES.
"""
import argparse, os, re, subprocess, sys

from side_by_side import environment
from stats import median

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORKLOADS = (('train', 'three GRUs, forward and backward, batch 32'),
             ('train-joint', 'the same, audio and vision as one GRU'),
             ('evaluate', 'three GRUs, forward without autograd, batch 32'),
             ('evaluate-valid', 'the same at batch 229 (valid in one batch)'),
             ('evaluate-valid-joint', 'the same, audio and vision as one GRU'),
             ('mm', '1,000 products [32, 16] x [16, 48]'))
LINE = re.compile(r'^(djl libtorch|torch) (\S+) threads (\d+) ([\w-]+) median ([0-9.]+) ms$', re.M)


def measure(command, env):
    """(engine version, threads, median ms) from one run's output line."""
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    match = LINE.search(done.stdout)
    if done.returncode != 0 or match is None:
        sys.exit(f'{" ".join(command)} failed ({done.returncode}): {done.stderr.strip()[-400:]}')
    return match.group(2), int(match.group(3)), float(match.group(5))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--rounds', type=int, default=3)
    ap.add_argument('--repeats', type=int, default=20)
    ap.add_argument('--threads', type=int, nargs='+', default=[1, 2])
    ap.add_argument('--lib', default=os.path.join(os.environ.get('MOSAIC_HOME', os.path.join(ROOT, 'runtime', 'target',
                                                                                          'mosaic')), 'lib'))
    ap.add_argument('--java', default='java')
    ap.add_argument('--python', default='/usr/bin/python3')
    args = ap.parse_args(argv)
    if not os.path.isdir(args.lib):
        ap.error(f'--lib {args.lib} is not a folder (build the runtime with ./mosaic --version first)')
    rows = []
    for threads in args.threads:
        env = environment(threads)
        for workload, what in WORKLOADS:
            djl, torch = [], []
            for _ in range(args.rounds):
                djl.append(measure([args.java, '-cp', os.path.join(args.lib, '*'),
                                    os.path.join(HERE, 'EngineFloor.java'), str(threads), workload,
                                    str(args.repeats)], env))
                torch.append(measure([args.python, os.path.join(HERE, 'engine_floor_ref.py'), str(threads),
                                      workload, str(args.repeats)], env))
            for side, runs in (('DJL', djl), ('PyTorch', torch)):
                if any(t != threads for _, t, _ in runs):
                    sys.exit(f'{side} ran {workload} on {runs[0][1]} threads, not {threads}')
            a, b = median([m for _, _, m in djl]), median([m for _, _, m in torch])
            rows.append((workload, what, threads, djl[0][0], a, torch[0][0], b))
    print(f'Engines alone, medians of {args.rounds} interleaved rounds of {args.repeats} repeats each '
          f'(OMP_NUM_THREADS=T OPENBLAS_NUM_THREADS=1 GLIBC_TUNABLES={environment(1)["GLIBC_TUNABLES"]}):\n')
    print('| workload | threads | libtorch via DJL | PyTorch | ratio |')
    print('|---|---:|---:|---:|---:|')
    for workload, what, threads, djl_version, a, torch_version, b in rows:
        print(f'| `{workload}`: {what} | {threads} | {a:.2f} ms ({djl_version}) | {b:.2f} ms ({torch_version}) '
              f'| {a / b:.2f} |')


if __name__ == '__main__':
    main()
