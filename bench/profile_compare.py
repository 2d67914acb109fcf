"""Op-by-op comparison of two libtorch profiles, Mosaic's (`mosaic bench ASSEMBLY --profile DIR`) and a reference
script's (`*_ref.py --profile DIR`): per phase (`train`, the timed steps; `evaluate`, the evaluations of the validation
split) a Markdown table of the operators (aten::..., the autograd engine's backward nodes) with, on each side, the
calls and the self milliseconds per run of the phase (a training step, an evaluation), their difference (Mosaic minus
PyTorch) and ratio (Mosaic / PyTorch), largest absolute difference first; then the totals: the operators' self time per
run against the wall time per run on each side, and the remainder, the time outside libtorch's operators (Java, JNI
and DJL on Mosaic's side, Python and torch's dispatch from Python on PyTorch's).

Both profilers write Chrome traces: a JSON list of complete events (`"ph": "X"`, `ts` and `dur` in microseconds, a
`tid`) without self times, the nesting left to the reader. An operator's self time here is its duration minus the time
of the operators it encloses on the same thread (an event enclosed in another starts before the other ends); the
self times of one thread add up to the time that thread spent inside any operator.

  /usr/bin/python3 bench/profile_compare.py MOSAIC_DIR TORCH_DIR [--top N]

Standard library only. Unit tests: cd bench && /usr/bin/python3 -m unittest test_profile_compare
"""
import argparse, json, math, os, sys
from collections import defaultdict
from dataclasses import dataclass

PHASES = (('train', 'training step'), ('evaluate', 'evaluation'))


class ProfileError(Exception):
    pass


@dataclass(frozen=True)
class Event:
    name: str
    thread: tuple           # (pid, tid)
    start: float            # microseconds
    duration: float

    @property
    def end(self):
        return self.start + self.duration


@dataclass(frozen=True)
class Phase:
    """One side's profile of a phase: per operator name (calls, self microseconds) over all its runs; the runs and
    their wall seconds."""
    ops: dict
    runs: int
    wall_seconds: float


# ------------------------------------------------------------------------------------------------- reading
def read_json(path):
    try:
        with open(path, encoding='utf-8') as f:
            return json.load(f)
    except OSError as e:
        raise ProfileError(f'{path}: cannot read ({e.strerror or e})') from None
    except ValueError as e:
        raise ProfileError(f'{path}: not JSON ({e})') from None


def parse_events(trace, source):
    """The complete events ("ph": "X") of a Chrome trace: a list of events, or an object with `traceEvents`."""
    events = trace.get('traceEvents') if isinstance(trace, dict) else trace
    if not isinstance(events, list):
        raise ProfileError(f'{source}: not a Chrome trace (expected a list of events or an object with traceEvents)')
    parsed = []
    for i, e in enumerate(events):
        if not isinstance(e, dict) or e.get('ph') != 'X':
            continue
        try:
            start, duration = float(e['ts']), float(e['dur'])
            name = e['name']
        except (KeyError, TypeError, ValueError) as problem:
            raise ProfileError(f'{source}: event {i}: expected name, ts and dur ({type(problem).__name__}: '
                               f'{problem})') from None
        if not isinstance(name, str) or not math.isfinite(start) or not math.isfinite(duration) or duration < 0:
            raise ProfileError(f'{source}: event {i}: expected a name, a finite ts and a duration >= 0')
        parsed.append(Event(name, (str(e.get('pid')), str(e.get('tid'))), start, duration))
    return parsed


def self_times(events):
    """{name: (calls, self microseconds)}: each event's duration minus the part of it its directly enclosed events
    take, on its own thread. An event is enclosed in the innermost open event it starts before the end of (the
    profilers round times, so a child may end a little after its parent: only the part inside counts)."""
    ops = defaultdict(lambda: [0, 0.0])
    threads = defaultdict(list)
    for index, e in enumerate(events):
        threads[e.thread].append((e.start, -e.duration, index, e))

    def close(frame):
        event, enclosed = frame
        op = ops[event.name]
        op[0] += 1
        op[1] += max(0.0, event.duration - enclosed)

    for entries in threads.values():
        entries.sort()
        open_events = []        # [event, microseconds of it its children take]
        for _, _, _, e in entries:
            while open_events and open_events[-1][0].end <= e.start:
                close(open_events.pop())
            if open_events:
                parent = open_events[-1]
                parent[1] += min(e.end, parent[0].end) - e.start
            open_events.append([e, 0.0])
        while open_events:
            close(open_events.pop())
    return {name: (calls, us) for name, (calls, us) in ops.items()}


def parse_wall(wall, phase, source):
    """(runs, total wall seconds) of `phase` in a wall.json."""
    try:
        entry = wall[phase]
        runs, seconds = entry['runs'], float(entry['total_seconds'])
    except (KeyError, TypeError, ValueError) as e:
        raise ProfileError(f'{source}: expected {phase}.runs and {phase}.total_seconds ({type(e).__name__}: '
                           f'{e})') from None
    if not isinstance(runs, int) or runs < 1 or not math.isfinite(seconds) or seconds < 0:
        raise ProfileError(f'{source}: {phase}.runs must be a whole number >= 1 and {phase}.total_seconds a '
                           f'number >= 0')
    return runs, seconds


def load(folder):
    """{phase: Phase} of a --profile folder (train.json, evaluate.json, wall.json)."""
    wall_file = os.path.join(folder, 'wall.json')
    wall = read_json(wall_file)
    phases = {}
    for phase, _ in PHASES:
        trace_file = os.path.join(folder, phase + '.json')
        runs, seconds = parse_wall(wall, phase, wall_file)
        phases[phase] = Phase(self_times(parse_events(read_json(trace_file), trace_file)), runs, seconds)
    return phases


# ------------------------------------------------------------------------------------------------- comparing
@dataclass(frozen=True)
class Row:
    name: str
    mosaic_calls: float     # per run of the phase
    mosaic_ms: float
    torch_calls: float
    torch_ms: float

    @property
    def difference(self):
        return self.mosaic_ms - self.torch_ms

    @property
    def ratio(self):
        return self.mosaic_ms / self.torch_ms if self.torch_ms > 0 else None


def rows(mosaic, torch):
    """Every operator of either side, per run (calls, self ms), largest absolute difference first (then by name)."""
    def per_run(phase, name):
        calls, us = phase.ops.get(name, (0, 0.0))
        return calls / phase.runs, us / 1000 / phase.runs
    table = [Row(name, *per_run(mosaic, name), *per_run(torch, name)) for name in set(mosaic.ops) | set(torch.ops)]
    return sorted(table, key=lambda r: (-abs(r.difference), r.name))


def totals(phase):
    """(wall ms, operators' self ms, calls) per run."""
    ops_us = sum(us for _, us in phase.ops.values())
    calls = sum(c for c, _ in phase.ops.values())
    return phase.wall_seconds * 1000 / phase.runs, ops_us / 1000 / phase.runs, calls / phase.runs


def number(x, digits=3):
    return f'{x:,.{digits}f}'


def calls_text(x):
    return f'{x:,.0f}' if x == int(x) else f'{x:,.1f}'


def phase_table(title, unit, mosaic, torch, top):
    lines = [f'### {title}: per {unit} (Mosaic {mosaic.runs} {unit}s, PyTorch {torch.runs})', '',
             '| operator | Mosaic calls | Mosaic self ms | PyTorch calls | PyTorch self ms | difference ms | ratio |',
             '|---|---:|---:|---:|---:|---:|---:|']
    table = rows(mosaic, torch)
    for r in table[:top]:
        ratio = '–' if r.ratio is None else f'{r.ratio:.2f}'
        lines.append(f'| `{r.name}` | {calls_text(r.mosaic_calls)} | {number(r.mosaic_ms)} | '
                     f'{calls_text(r.torch_calls)} | {number(r.torch_ms)} | {r.difference:+,.3f} | {ratio} |')
    rest = table[top:]
    if rest:
        lines.append(f'| {len(rest)} more operators | {calls_text(sum(r.mosaic_calls for r in rest))} | '
                     f'{number(sum(r.mosaic_ms for r in rest))} | {calls_text(sum(r.torch_calls for r in rest))} | '
                     f'{number(sum(r.torch_ms for r in rest))} | {sum(r.difference for r in rest):+,.3f} | |')
    (mw, mo, mc), (tw, to, tc) = totals(mosaic), totals(torch)

    def share(part, whole):
        return f' ({100 * part / whole:.0f}%)' if whole > 0 else ''
    lines += ['', f'| per {unit} | Mosaic | PyTorch | Mosaic / PyTorch |', '|---|---:|---:|---:|',
              f'| wall ms | {number(mw, 1)} | {number(tw, 1)} | {ratio_text(mw, tw)} |',
              f'| operators\' self ms | {number(mo, 1)}{share(mo, mw)} | {number(to, 1)}{share(to, tw)} | '
              f'{ratio_text(mo, to)} |',
              f'| outside libtorch\'s operators, ms | {number(mw - mo, 1)}{share(mw - mo, mw)} | '
              f'{number(tw - to, 1)}{share(tw - to, tw)} | {ratio_text(mw - mo, tw - to)} |',
              f'| operator calls | {calls_text(mc)} | {calls_text(tc)} | {ratio_text(mc, tc)} |']
    return '\n'.join(lines)


def ratio_text(a, b):
    return f'{a / b:.2f}' if b > 0 else '–'


def report(mosaic_folder, torch_folder, top=25):
    """The Markdown comparison of two --profile folders."""
    mosaic, torch = load(mosaic_folder), load(torch_folder)
    return '\n\n'.join(phase_table(phase.capitalize(), title, mosaic[phase], torch[phase], top)
                       for phase, title in PHASES) + '\n'


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('mosaic', metavar='MOSAIC_DIR', help='the folder of mosaic bench --profile')
    ap.add_argument('torch', metavar='TORCH_DIR', help="the folder of a reference script's --profile")
    ap.add_argument('--top', type=int, default=25, metavar='N', help='operators listed per phase (default 25)')
    a = ap.parse_args(argv)
    if a.top < 1:
        ap.error(f'--top must be at least 1, found {a.top}')
    try:
        sys.stdout.write(report(a.mosaic, a.torch, a.top))
    except ProfileError as e:
        sys.exit(f'profile_compare: {e}')


if __name__ == '__main__':
    main()
