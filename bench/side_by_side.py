"""Mosaic against its PyTorch references, side by side: for each pipeline, `mosaic bench` and the reference script run
interleaved (Mosaic, PyTorch, Mosaic, PyTorch ... for --rounds rounds) on the same samples (the reference reads `mosaic
data testbed`'s export of the testbed the assembly generates, seed 1111), with the same threads on both sides
(OMP_NUM_THREADS=N, OPENBLAS_NUM_THREADS=1 and the launcher's GLIBC_TUNABLES for both, Mosaic's --set backend.threads=N,
the reference's --threads N; each side's report of its threads is checked; with --mosaic-threads assembly, Mosaic runs
on each assembly's own backend.threads, what a user gets, and only the reference's threads are checked) and the same
evaluations (--eval-reps N to both). It prints a Markdown table: per pipeline the median over the rounds of each run's median training step, of its
median evaluation of the validation split (--eval-reps evaluations in a row per run; with an even number, each side's
median is the mean of the two middle times) and of its peak resident memory, Mosaic's, PyTorch's and their ratio; then
the settings and every command it ran. With --profile DIR, after the timed rounds, one more run of each side per
pipeline under libtorch's profiler (into DIR/PIPELINE/mosaic and DIR/PIPELINE/torch; their times are not in the table)
and profile_compare.py's operator tables of the two. Standard library only.

  /usr/bin/python3 bench/side_by_side.py [PIPELINE ...] [--rounds 3] [--steps 10] [--warmup 2] [--eval-reps 3]
                                         [--threads 2] [--mosaic-threads asked|assembly] [--data DIR]
                                         [--mosaic ./mosaic] [--python /usr/bin/python3]
                                         [--profile DIR [--top 20]]

Unit tests: cd bench && /usr/bin/python3 -m unittest test_side_by_side
"""
import argparse, json, os, re, shlex, subprocess, sys, tempfile
from dataclasses import dataclass, field

import profile_compare, profiling
from stats import median

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 1111


@dataclass(frozen=True)
class Pipeline:
    """An assembly, the reference that computes it, and the testbed export both read."""
    assembly: str
    script: str
    options: tuple          # the reference's own options (those that make it compute what Mosaic computes)
    preset: str
    file: str               # the export's file name
    export: tuple = ()      # `mosaic data testbed` options besides --preset, --seed and --out
    settings: tuple = ()    # `mosaic bench --set` KEY=VALUE of a variant of the assembly

    def data_file(self, folder):
        return os.path.join(folder, self.file)


SINGLE_SOURCE = ('--train-domains', '0', '--test-domains', '3,4')
PIPELINES = {
    'baseline': Pipeline('baseline', 'baseline_ref.py', ('--gru', 'padded'), 'mosi-like', 'mosi-like.npz'),
    'cider': Pipeline('cider', 'cider_ref.py', ('--gru', 'padded'), 'mosi-like', 'mosi-like.npz'),
    'sati': Pipeline('sati', 'sati_ref.py', (), 'mosi-aligned', 'mosi-aligned.npz'),
    'self-mm': Pipeline('self-mm', 'selfmm_ref.py', ('--lstm', 'padded'), 'mosi-like', 'mosi-like.npz'),
    'coral-ulgm': Pipeline('coral-ulgm', 'selfmm_ref.py', ('--lstm', 'padded', '--coral'), 'mosi-like', 'mosi-like.npz'),
    's2lif': Pipeline('s2lif', 's2lif_ref.py', (), 'meld-like', 'meld-like-0-to-3-4.npz', SINGLE_SOURCE),
    'mult': Pipeline('mult', 'mult_ref.py', (), 'mosi-aligned', 'mosi-aligned.npz'),
    'mult-s2lif': Pipeline('mult-s2lif', 'mult_ref.py', ('--s2lif',), 'meld-like', 'meld-like-0-to-3-4.npz', SINGLE_SOURCE),
    # CIDer's MCA with every variant's whole attention matrix (8 s a step on 2 cores: not in the default list)
    'cider-dense': Pipeline('cider', 'cider_ref.py', ('--gru', 'padded', '--attention', 'dense'), 'mosi-like',
                            'mosi-like.npz', settings=('components.fusion.attention=dense',)),
}
DEFAULT = ('baseline', 'cider', 'sati', 'self-mm', 'coral-ulgm', 's2lif', 'mult')
WORKLOADS = (('step', 'training step', 's'), ('evaluation', 'evaluation of valid', 's'),
             ('peak', 'peak resident memory', 'MiB'))


class BenchError(Exception):
    pass


# ------------------------------------------------------------------------------------------------- parsing
def parse_mosaic(text, source='mosaic bench --json'):
    """The figures of `mosaic bench --json FILE`: {'step', 'evaluation', 'peak', 'parameters', 'threads'}."""
    try:
        d = json.loads(text)
        return dict(step=float(d['step_median_seconds']), evaluation=float(d['evaluation_seconds']),
                    peak=float(d['peak_resident_mib']), parameters=int(d['parameters']), threads=int(d['threads']))
    except (ValueError, KeyError, TypeError) as e:
        raise BenchError(f'{source}: not the JSON mosaic bench writes ({type(e).__name__}: {e})') from None


REFERENCE_LINES = {
    'threads': re.compile(r'^torch \S+ threads ([0-9]+)', re.M),
    'parameters': re.compile(r'^torch .*\bparams ([0-9]+)', re.M),
    'step': re.compile(r'^train step\s+median ([0-9.]+) s', re.M),
    'evaluation': re.compile(r'^evaluate\s.*validation samples in (?:median )?([0-9.]+) s', re.M),
    'peak': re.compile(r'^peak memory ([0-9.]+) MiB', re.M),
}


def parse_reference(text, source='reference'):
    """The figures a reference script prints: its threads and the model's parameters on its first line (`torch V
    threads T ... params N`), its
    `train step  median S s`, `evaluate ... in median E s` and `peak memory M MiB` lines."""
    figures = {}
    for key, pattern in REFERENCE_LINES.items():
        match = pattern.search(text)
        if match is None:
            raise BenchError(f'{source}: no line matching {pattern.pattern!r} in its output')
        figures[key] = int(match.group(1)) if key in ('threads', 'parameters') else float(match.group(1))
    return figures



def ratio(mosaic, torch):
    return float('inf') if torch == 0 else mosaic / torch


# ------------------------------------------------------------------------------------------------- running
def commands(pipeline, args, data_file, json_file, profiles=None):
    """The two command lines of a round: Mosaic's and the reference's; with `profiles` ({'mosaic': DIR, 'torch':
    DIR}), each side profiled into its folder."""
    timing = ['--steps', str(args.steps), '--warmup', str(args.warmup), '--eval-reps', str(args.eval_reps)]
    threads = [] if args.mosaic_threads == 'assembly' else ['--set', f'backend.threads={args.threads}']
    variant = [part for setting in pipeline.settings for part in ('--set', setting)]
    mosaic = [args.mosaic, 'bench', pipeline.assembly, *variant, *threads, *timing, '--json', json_file]
    reference = [args.python, os.path.join(HERE, pipeline.script), *pipeline.options, '--threads', str(args.threads),
                 *timing, '--npz', data_file]
    if profiles:
        mosaic += ['--profile', profiles['mosaic']]
        reference += ['--profile', profiles['torch']]
    return mosaic, reference


# What the `mosaic` launcher sets unless the user has: the reference runs with the same allocator setting.
LAUNCHER_TUNABLES = 'glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1'


def environment(threads):
    env = dict(os.environ)
    env.update(OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS='1')
    env.setdefault('GLIBC_TUNABLES', LAUNCHER_TUNABLES)
    return env


def run(command, env):
    """Runs a command; its standard output, or a BenchError with the command and the end of what it printed."""
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        tail = '\n'.join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise BenchError(f'{shlex.join(command)} exited with {done.returncode}:\n{tail}')
    return done.stdout


def to_stderr(line):
    print(line, file=sys.stderr, flush=True)


def read_text(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError as e:
        raise BenchError(f'{path}: {e.strerror}') from None


def measure(pipelines, args, execute=run, read=read_text, progress=to_stderr):
    """Runs every pipeline's rounds, A B A B; returns ({name: {'mosaic': [figures], 'torch': [figures]}}, the command
    lines run in order)."""
    results, ran = {}, []
    env = environment(args.threads)
    with tempfile.TemporaryDirectory(prefix='side-by-side-') as scratch:
        for name in pipelines:
            pipeline = PIPELINES[name]
            results[name] = {'mosaic': [], 'torch': []}
            for r in range(args.rounds):
                json_file = os.path.join(scratch, f'{name}-{r}.json')
                mosaic, reference = commands(pipeline, args, pipeline.data_file(args.data), json_file)
                ran.append(mosaic); execute(mosaic, env)
                results[name]['mosaic'].append(parse_mosaic(read(json_file), shlex.join(mosaic)))
                ran.append(reference)
                results[name]['torch'].append(parse_reference(execute(reference, env), shlex.join(reference)))
                check_same_work(name, results[name]['mosaic'][-1], results[name]['torch'][-1], args.threads,
                                args.mosaic_threads == 'assembly')
                ours, theirs = results[name]['mosaic'][-1], results[name]['torch'][-1]
                progress(f'{name} round {r + 1}/{args.rounds}: step Mosaic {ours["step"]:.4f} s, PyTorch '
                         f'{theirs["step"]:.4f} s; evaluation Mosaic {ours["evaluation"]:.4f} s, PyTorch '
                         f'{theirs["evaluation"]:.4f} s; peak Mosaic {ours["peak"]:.0f} MiB, PyTorch '
                         f'{theirs["peak"]:.0f} MiB')
    return results, ran


def profile(pipelines, args, execute=run, compare=profile_compare.report, progress=to_stderr):
    """One more run of each side per pipeline under libtorch's profiler, Mosaic then PyTorch, into
    --profile/PIPELINE/{mosaic,torch}; returns ([(pipeline, profile_compare's report)], the command lines run)."""
    reports, ran = [], []
    env = environment(args.threads)
    with tempfile.TemporaryDirectory(prefix='side-by-side-') as scratch:
        for name in pipelines:
            pipeline = PIPELINES[name]
            folders = {side: os.path.join(args.profile, name, side) for side in ('mosaic', 'torch')}
            for command in commands(pipeline, args, pipeline.data_file(args.data),
                                    os.path.join(scratch, f'{name}-profiled.json'), folders):
                ran.append(command)
                execute(command, env)
            try:
                reports.append((name, compare(folders['mosaic'], folders['torch'], args.top)))
            except profile_compare.ProfileError as e:
                raise BenchError(f'{name}: {e}') from None
            progress(f'{name} profiled into {os.path.join(args.profile, name)}')
    return reports, ran


def check_same_work(name, mosaic, torch, threads, assembly_threads=False):
    """Both sides ran the same model on the threads asked for (Mosaic on its assembly's own with
    `assembly_threads`), or a BenchError says what differs."""
    if mosaic['parameters'] != torch['parameters']:
        raise BenchError(f'{name}: Mosaic has {mosaic["parameters"]:,} parameters, the reference '
                         f'{torch["parameters"]:,}: they do not run the same model')
    for side, figures in (('the reference', torch),) if assembly_threads else (('Mosaic', mosaic), ('the reference', torch)):
        if figures['threads'] != threads:
            raise BenchError(f'{name}: {side} ran on {figures["threads"]} threads, not the {threads} asked for')


def export_data(pipelines, args, execute=run):
    """Writes each preset's testbed export into --data once (kept between invocations)."""
    os.makedirs(args.data, exist_ok=True)
    for name in pipelines:
        pipeline = PIPELINES[name]
        target = pipeline.data_file(args.data)
        if not os.path.exists(target):
            execute([args.mosaic, 'data', 'testbed', '--preset', pipeline.preset, '--seed', str(SEED),
                     *pipeline.export, '--out', target], environment(args.threads))


# ------------------------------------------------------------------------------------------------- the table
def summarise(results):
    """Per pipeline and workload: (pipeline, workload, unit, Mosaic's median over rounds, PyTorch's, Mosaic / PyTorch)."""
    rows = []
    for name, runs in results.items():
        for key, label, unit in WORKLOADS:
            m = median([f[key] for f in runs['mosaic']])
            t = median([f[key] for f in runs['torch']])
            rows.append((name, label, unit, m, t, ratio(m, t)))
    return rows


def number(value, unit):
    return f'{value:,.0f} {unit}' if unit == 'MiB' else f'{value:.3f} {unit}'


def mosaic_threads(results):
    """Per pipeline, the intra-op threads Mosaic's runs reported (one number when all agree)."""
    return {name: sorted({f['threads'] for f in runs['mosaic']}) for name, runs in results.items()}


def table(rows):
    lines = ['| pipeline | workload | Mosaic | PyTorch | Mosaic / PyTorch |', '|---|---|---|---|---|']
    for name, label, unit, m, t, r in rows:
        lines.append(f'| `{name}` | {label} | {number(m, unit)} | {number(t, unit)} | {r:.2f} |')
    return '\n'.join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('pipelines', nargs='*', default=list(DEFAULT), help=f'of {", ".join(PIPELINES)} (default: {" ".join(DEFAULT)})')
    ap.add_argument('--rounds', type=int, default=3); ap.add_argument('--steps', type=int, default=10)
    ap.add_argument('--warmup', type=int, default=2); ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--eval-reps', type=int, default=3, metavar='N', help='evaluations of the validation split per '
                    'run, on both sides, of which each reports the median (default 3)')
    ap.add_argument('--mosaic-threads', choices=('asked', 'assembly'), default='asked', help="Mosaic's intra-op "
                    "threads: --threads, as the reference (asked, the default), or each assembly's own "
                    "backend.threads, the setting a user gets (assembly)")
    ap.add_argument('--data', default=os.path.join(HERE, 'data'), help='where the testbed exports are kept')
    ap.add_argument('--mosaic', default=os.path.join(os.path.dirname(HERE), 'mosaic'))
    ap.add_argument('--python', default='/usr/bin/python3')
    ap.add_argument('--profile', metavar='DIR', help="after the timed rounds, profile one more run of each side per "
                    "pipeline into DIR/PIPELINE/{mosaic,torch} and print profile_compare.py's tables")
    ap.add_argument('--top', type=int, default=20, metavar='N', help='operators per table with --profile (default 20)')
    args = ap.parse_args(argv)
    unknown = [p for p in args.pipelines if p not in PIPELINES]
    if unknown:
        ap.error(f'unknown pipeline {", ".join(unknown)}; known: {", ".join(PIPELINES)}')
    if args.rounds < 1 or args.steps < 1 or args.eval_reps < 1 or args.warmup < 0 or args.threads < 1:
        ap.error('--rounds, --steps, --eval-reps and --threads must be at least 1, --warmup at least 0')
    if args.top < 1:
        ap.error(f'--top must be at least 1, found {args.top}')
    if args.profile:
        profiling.writable_folder(args.profile)
    try:
        export_data(args.pipelines, args)
        results, ran = measure(args.pipelines, args)
        reports, profiled = profile(args.pipelines, args) if args.profile else ([], [])
    except BenchError as e:
        print(f'side_by_side: {e}', file=sys.stderr)
        return 1
    print(table(summarise(results)))
    print()
    print(f'Medians over {args.rounds} interleaved round(s) (Mosaic, PyTorch, ...), each {args.steps} timed steps after '
          f'{args.warmup} warm-up and the median of {args.eval_reps} evaluation(s) of valid in a row (--eval-reps '
          f'{args.eval_reps} on both sides); OMP_NUM_THREADS={args.threads} OPENBLAS_NUM_THREADS=1 '
          f'GLIBC_TUNABLES={environment(args.threads)["GLIBC_TUNABLES"]} on both sides, Mosaic '
          + (f'with --set backend.threads={args.threads}' if args.mosaic_threads == 'asked' else
             "with each assembly's own backend.threads (" + ', '.join(
                 f'`{name}` {"/".join(map(str, counts))}' for name, counts in mosaic_threads(results).items()) + ')')
          + f', the references with --threads {args.threads}; data: `mosaic data testbed --seed {SEED}` exports in {args.data}.')
    print()
    print(f'    {shlex.join([sys.executable, *sys.argv])}')
    print('ran:')
    for command in ran + profiled:
        print(f'    {shlex.join(command)}')
    for name, report in reports:
        print()
        print(f'## `{name}`: libtorch\'s operators, Mosaic against PyTorch (one more run of each side under the '
              f'profiler, into {os.path.join(args.profile, name)})')
        print()
        print(report, end='')
    return 0


if __name__ == '__main__':
    sys.exit(main())
