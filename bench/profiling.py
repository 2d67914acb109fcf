"""`--profile DIR` of the reference scripts: libtorch's profiler (torch.autograd.profiler.profile) around the timed
training steps (DIR/train.json) and around the evaluations (DIR/evaluate.json), Chrome traces as `mosaic bench
--profile DIR` writes them, and DIR/wall.json with the wall seconds of every profiled run of each phase. Every file is
written to a temporary file in DIR first and moved over its name. `bench/profile_compare.py` compares two such
folders.

    profile = profiling.Profile.of(args.profile)      # args from an ArgumentParser given profiling.add_argument
    with profile.phase('train', times):               # times: the list the loop appends each step's seconds to
        for s in ...: ...
    with profile.phase('evaluate', ev): ...
    profile.finish('baseline', batch=B, threads=torch.get_num_threads(), evaluation_samples=229)
"""
import contextlib, json, os, sys, tempfile

PHASES = ('train', 'evaluate')


def add_argument(parser):
    parser.add_argument('--profile', metavar='DIR', default=None,
                        help="record libtorch's profiler around the timed steps and the evaluation into DIR "
                             '(train.json, evaluate.json, wall.json) for profile_compare.py; it slows them')


def writable_folder(folder):
    """`folder`, created if need be; exits naming it when it is a file or cannot be written."""
    if os.path.exists(folder) and not os.path.isdir(folder):
        sys.exit(f'--profile {folder} is a file, not a folder')
    try:
        os.makedirs(folder, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix='.profile', suffix='.probe'):
            pass
    except OSError as e:
        sys.exit(f'--profile {folder}: cannot write there ({e.strerror or e})')
    return folder


def write_atomically(path, write):
    """Calls `write(temporary_path)`, then moves the temporary file (in the same folder) over `path`."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(dir=folder, prefix='.' + os.path.basename(path), suffix='.partial')
    os.close(fd)
    try:
        write(temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


class Profile:
    """Profiles the phases into a folder; `Profile.of(None)` profiles nothing."""

    def __init__(self, folder):
        self.folder = folder
        self.wall = {}

    @staticmethod
    def of(folder):
        return Profile(writable_folder(folder)) if folder else Profile(None)

    @contextlib.contextmanager
    def phase(self, name, seconds):
        """Profiles the block, the phase `name`; `seconds` is the list of the wall seconds of its runs, filled in by
        the block."""
        if name not in PHASES:
            raise ValueError(f'unknown phase {name!r}; expected one of {PHASES}')
        if self.folder is None:
            yield
            return
        import torch
        with torch.autograd.profiler.profile() as recorded:
            yield
        write_atomically(os.path.join(self.folder, name + '.json'), recorded.export_chrome_trace)
        self.wall[name] = dict(runs=len(seconds), seconds=list(seconds), total_seconds=sum(seconds))

    def finish(self, assembly, **fields):
        """Writes wall.json (the phases' wall seconds, and `fields`) and says that the times printed were taken under
        the profiler."""
        if self.folder is None:
            return
        missing = [p for p in PHASES if p not in self.wall]
        if missing:
            raise ValueError(f'phases not profiled: {", ".join(missing)}')
        text = json.dumps(dict(side='torch', assembly=assembly, **fields, **self.wall), indent=2) + '\n'

        def write(path):
            with open(path, 'w') as out:
                out.write(text)
        write_atomically(os.path.join(self.folder, 'wall.json'), write)
        print(f'profile     {self.folder} (train.json, evaluate.json, wall.json); the times above were taken under '
              "libtorch's profiler, which slows them")
