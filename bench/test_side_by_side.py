"""side_by_side.py's parsing, medians, ratios, interleaving and table: cd bench && /usr/bin/python3 -m unittest test_side_by_side"""
import argparse, contextlib, io, json, math, os, tempfile, unittest
from unittest import mock

import side_by_side as sbs

# What baseline_ref.py prints (its format, shared by every reference).
REFERENCE_OUTPUT = """torch 1.13.0a0 threads 2 baseline gru=padded data=x.npz params 15249 batch 32
train step  median 0.1160 s, mean 0.1200 s, min 0.1100 s over 10 steps (2 warm-up)
train       275.9 samples/s
evaluate    848.1 samples/s (229 validation samples in median 0.270 s, first 0.270 s, 1 reps)
peak memory 458 MiB resident (ru_maxrss)
"""


def mosaic_json(step, evaluation, peak, parameters=15249, threads=2):
    return json.dumps(dict(assembly='baseline', step_seconds=[step], step_median_seconds=step, threads=threads,
                           evaluation_seconds=evaluation, peak_resident_mib=peak, parameters=parameters))


class ParsingTest(unittest.TestCase):
    def test_reads_the_three_figures_a_reference_prints(self):
        self.assertEqual(sbs.parse_reference(REFERENCE_OUTPUT), dict(threads=2, parameters=15249, step=0.116, evaluation=0.27, peak=458.0))

    def test_reads_the_model_s_parameters_before_an_objective_s(self):
        text = REFERENCE_OUTPUT.replace('params 15249 batch', 'params 109256 + reconstruction 24960 batch')
        self.assertEqual(sbs.parse_reference(text)['parameters'], 109256)

    def test_reads_an_evaluation_line_without_median(self):
        text = REFERENCE_OUTPUT.replace('in median 0.270 s', 'in 0.310 s')
        self.assertEqual(sbs.parse_reference(text)['evaluation'], 0.31)

    def test_a_missing_line_names_the_source_and_the_line(self):
        with self.assertRaisesRegex(sbs.BenchError, r'^cider_ref\.py: no line matching .*peak memory'):
            sbs.parse_reference(REFERENCE_OUTPUT.replace('peak memory', 'peak'), 'cider_ref.py')

    def test_reads_mosaic_bench_json(self):
        self.assertEqual(sbs.parse_mosaic(mosaic_json(0.213, 0.49, 1325.5)),
                         dict(step=0.213, evaluation=0.49, peak=1325.5, parameters=15249, threads=2))

    def test_refuses_json_without_a_figure(self):
        with self.assertRaisesRegex(sbs.BenchError, r"^run\.json: not the JSON mosaic bench writes \(KeyError: 'peak_resident_mib'\)"):
            sbs.parse_mosaic(json.dumps(dict(step_median_seconds=1, evaluation_seconds=1, parameters=3, threads=1)), 'run.json')

    def test_refuses_what_is_not_json(self):
        with self.assertRaisesRegex(sbs.BenchError, 'not the JSON'):
            sbs.parse_mosaic('assembly    baseline on testbed')


class ArithmeticTest(unittest.TestCase):
    def test_median_of_odd_and_even_counts(self):
        self.assertEqual(sbs.median([3.0, 1.0, 2.0]), 2.0)
        self.assertEqual(sbs.median([4.0, 1.0, 3.0, 2.0]), 2.5)
        self.assertEqual(sbs.median([7.0]), 7.0)
        with self.assertRaises(ValueError):
            sbs.median([])

    def test_ratio_is_mosaic_over_pytorch(self):
        self.assertAlmostEqual(sbs.ratio(0.213, 0.116), 1.8362068965517242)
        self.assertTrue(math.isinf(sbs.ratio(1.0, 0.0)))


class InterleavingTest(unittest.TestCase):
    def args(self, rounds=3):
        return argparse.Namespace(rounds=rounds, steps=2, warmup=1, eval_reps=3, threads=2, data='/data',
                                  mosaic='./mosaic', python='/usr/bin/python3', mosaic_threads='asked')

    def test_runs_mosaic_and_the_reference_in_turn_and_takes_medians_per_side(self):
        mosaic_figures = iter([(0.30, 1.0, 1000), (0.10, 3.0, 1200), (0.20, 2.0, 1100)])
        torch_steps = iter([0.05, 0.15, 0.10])
        ran, written = [], {}

        def execute(command, env):
            ran.append(command)
            self.assertEqual((env['OMP_NUM_THREADS'], env['OPENBLAS_NUM_THREADS']), ('2', '1'))
            if command[1] == 'bench':
                written[command[command.index('--json') + 1]] = mosaic_json(*next(mosaic_figures))
                return 'assembly ...'
            return REFERENCE_OUTPUT.replace('median 0.1160 s', f'median {next(torch_steps):.4f} s')

        lines = []
        results, listed = sbs.measure(['s2lif'], self.args(), execute, read=lambda path: written[path],
                                      progress=lines.append)

        self.assertEqual(lines[0], 's2lif round 1/3: step Mosaic 0.3000 s, PyTorch 0.0500 s; evaluation Mosaic '
                                   '1.0000 s, PyTorch 0.2700 s; peak Mosaic 1000 MiB, PyTorch 458 MiB')
        self.assertEqual(listed, ran)
        self.assertEqual([c[1] if c[1] == 'bench' else os.path.basename(c[1]) for c in ran],
                         ['bench', 's2lif_ref.py'] * 3)
        reference = ran[1]
        self.assertEqual(reference[reference.index('--threads') + 1], '2')
        self.assertEqual(reference[reference.index('--npz') + 1], '/data/meld-like-0-to-3-4.npz')
        for side in ran:
            self.assertEqual(side[side.index('--eval-reps') + 1], '3', side)
            self.assertEqual(side[side.index('--steps') + 1], '2', side)
        self.assertIn('backend.threads=2', ran[0])
        self.assertNotIn('--profile', ran[0] + ran[1])
        rows = sbs.summarise(results)
        self.assertEqual([(r[1], r[3], r[4]) for r in rows], [('training step', 0.20, 0.10),
                                                            ('evaluation of valid', 2.0, 0.27),
                                                            ('peak resident memory', 1100, 458.0)])
        self.assertAlmostEqual(rows[0][5], 2.0)

    def test_a_reference_of_another_parameter_count_stops_the_comparison(self):
        written = {}

        def execute(command, env):
            if command[1] == 'bench':
                written[command[command.index('--json') + 1]] = mosaic_json(0.2, 1.0, 900, parameters=15250)
                return ''
            return REFERENCE_OUTPUT

        with self.assertRaisesRegex(sbs.BenchError, r'^baseline: Mosaic has 15,250 parameters, the reference 15,249'):
            sbs.measure(['baseline'], self.args(1), execute, read=lambda path: written[path], progress=lambda line: None)

    def test_a_side_on_other_threads_stops_the_comparison(self):
        written = {}

        def execute(command, env):
            if command[1] == 'bench':
                written[command[command.index('--json') + 1]] = mosaic_json(0.2, 1.0, 900, threads=1)
                return ''
            return REFERENCE_OUTPUT

        with self.assertRaisesRegex(sbs.BenchError, r'^baseline: Mosaic ran on 1 threads, not the 2 asked for'):
            sbs.measure(['baseline'], self.args(1), execute, read=lambda path: written[path], progress=lambda line: None)

    def test_with_the_assembly_s_threads_mosaic_gets_no_thread_setting_and_may_run_on_fewer(self):
        written, ran = {}, []

        def execute(command, env):
            ran.append(command)
            if command[1] == 'bench':
                written[command[command.index('--json') + 1]] = mosaic_json(0.2, 1.0, 900, threads=1)
                return ''
            return REFERENCE_OUTPUT

        args = self.args(1)
        args.mosaic_threads = 'assembly'
        results, _ = sbs.measure(['baseline'], args, execute, read=lambda path: written[path],
                                 progress=lambda line: None)
        self.assertFalse([a for a in ran[0] if a.startswith('backend.threads')], ran[0])
        self.assertEqual(ran[1][ran[1].index('--threads') + 1], '2')
        self.assertEqual(sbs.mosaic_threads(results), {'baseline': [1]})

        def reference_on_one_thread(command, env):
            return execute(command, env).replace('threads 2', 'threads 1')

        with self.assertRaisesRegex(sbs.BenchError, r'^baseline: the reference ran on 1 threads, not the 2 asked'):
            sbs.measure(['baseline'], args, reference_on_one_thread, read=lambda path: written[path],
                        progress=lambda line: None)

    def test_a_missing_json_file_is_a_bench_error(self):
        with self.assertRaisesRegex(sbs.BenchError, r'/nonexistent/x.json: No such file'):
            sbs.read_text('/nonexistent/x.json')

    def test_the_table_has_a_row_per_workload_with_the_ratio(self):
        rows = [('mult', 'training step', 's', 0.5, 0.25, 2.0), ('mult', 'peak resident memory', 'MiB', 1500.0, 1000.0, 1.5)]
        self.assertEqual(sbs.table(rows).splitlines(), [
            '| pipeline | workload | Mosaic | PyTorch | Mosaic / PyTorch |', '|---|---|---|---|---|',
            '| `mult` | training step | 0.500 s | 0.250 s | 2.00 |',
            '| `mult` | peak resident memory | 1,500 MiB | 1,000 MiB | 1.50 |'])

    def test_both_sides_run_with_the_threads_and_the_launcher_s_allocator_setting_unless_set(self):
        saved = os.environ.pop('GLIBC_TUNABLES', None)
        try:
            env = sbs.environment(3)
            self.assertEqual((env['OMP_NUM_THREADS'], env['OPENBLAS_NUM_THREADS'], env['GLIBC_TUNABLES']),
                             ('3', '1', 'glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1'))
            os.environ['GLIBC_TUNABLES'] = 'glibc.malloc.hugetlb=0'
            self.assertEqual(sbs.environment(2)['GLIBC_TUNABLES'], 'glibc.malloc.hugetlb=0')
        finally:
            os.environ.pop('GLIBC_TUNABLES', None)
            if saved is not None:
                os.environ['GLIBC_TUNABLES'] = saved

    def test_both_sides_get_the_same_evaluations_three_by_default(self):
        parsed = []
        with mock.patch.object(sbs, 'export_data'), \
                mock.patch.object(sbs, 'measure', lambda pipelines, args: parsed.append(args) or ({}, [])), \
                contextlib.redirect_stdout(io.StringIO()) as out:
            self.assertEqual(sbs.main(['baseline']), 0)
            self.assertEqual(sbs.main(['baseline', '--eval-reps', '5']), 0)
        self.assertEqual([a.eval_reps for a in parsed], [3, 5])
        self.assertIn('the median of 5 evaluation(s) of valid in a row (--eval-reps 5 on both sides)', out.getvalue())
        mosaic, reference = sbs.commands(sbs.PIPELINES['baseline'], parsed[1], '/data/x.npz', '/tmp/x.json')
        self.assertEqual((mosaic[mosaic.index('--eval-reps') + 1], reference[reference.index('--eval-reps') + 1]),
                         ('5', '5'))

    def test_no_evaluation_is_a_usage_error(self):
        with contextlib.redirect_stderr(io.StringIO()) as err, self.assertRaises(SystemExit) as exit:
            sbs.main(['baseline', '--eval-reps', '0'])
        self.assertEqual(exit.exception.code, 2)
        self.assertIn('--eval-reps and --threads must be at least 1', err.getvalue())

    def test_a_variant_sets_its_assembly_s_keys_and_its_reference_s_options(self):
        ran, written = [], {}

        def execute(command, env):
            ran.append(command)
            if command[1] == 'bench':
                written[command[command.index('--json') + 1]] = mosaic_json(2.0, 3.0, 3000)
                return ''
            return REFERENCE_OUTPUT

        sbs.measure(['cider-dense'], self.args(rounds=1), execute, read=lambda path: written[path],
                    progress=lambda line: None)

        mosaic, reference = ran
        self.assertEqual(mosaic[1:5], ['bench', 'cider', '--set', 'components.fusion.attention=dense'])
        self.assertEqual(os.path.basename(reference[1]), 'cider_ref.py')
        self.assertEqual(reference[reference.index('--attention') + 1], 'dense')
        self.assertEqual(reference[reference.index('--npz') + 1], '/data/mosi-like.npz')

    def test_every_pipeline_has_a_reference_that_exists(self):
        for name in sbs.PIPELINES:
            self.assertTrue(os.path.exists(os.path.join(sbs.HERE, sbs.PIPELINES[name].script)), name)


class ProfileTest(unittest.TestCase):
    """--profile: one more run of each side per pipeline under the profiler, and profile_compare's tables."""

    def args(self, folder):
        return argparse.Namespace(rounds=2, steps=3, warmup=1, eval_reps=2, threads=2, data='/data',
                                  mosaic='./mosaic', python='/usr/bin/python3', profile=folder, top=5,
                                  mosaic_threads='asked')

    @staticmethod
    def write_profile(folder, mm_us):
        os.makedirs(folder, exist_ok=True)
        trace = [dict(name='aten::mm', ph='X', ts=0, dur=mm_us, tid=1, pid='CPU Functions', args={})]
        wall = dict(train=dict(runs=3, seconds=[0.001] * 3, total_seconds=0.003),
                    evaluate=dict(runs=1, seconds=[0.002], total_seconds=0.002))
        for name, content in (('train.json', trace), ('evaluate.json', trace), ('wall.json', wall)):
            with open(os.path.join(folder, name), 'w') as f:
                json.dump(content, f)

    def test_profiles_each_side_once_per_pipeline_into_its_folder_and_compares_them(self):
        ran = []

        def execute(command, env):
            ran.append(command)
            self.assertEqual(env['OMP_NUM_THREADS'], '2')
            folder = command[command.index('--profile') + 1]
            self.write_profile(folder, 1500 if command[1] == 'bench' else 600)
            return ''

        with tempfile.TemporaryDirectory() as root:
            reports, listed = sbs.profile(['baseline', 'mult'], self.args(root), execute, progress=lambda line: None)
            self.assertEqual(listed, ran)
            self.assertEqual([(c[1] if c[1] == 'bench' else os.path.basename(c[1]), c[c.index('--profile') + 1])
                              for c in ran],
                             [('bench', f'{root}/baseline/mosaic'), ('baseline_ref.py', f'{root}/baseline/torch'),
                              ('bench', f'{root}/mult/mosaic'), ('mult_ref.py', f'{root}/mult/torch')])
            self.assertEqual(ran[1][ran[1].index('--steps') + 1], '3')
            self.assertEqual([c[c.index('--eval-reps') + 1] for c in ran], ['2'] * 4)
        self.assertEqual([name for name, _ in reports], ['baseline', 'mult'])
        # one aten::mm of 1.5 ms against 0.6 ms over 3 steps: a third of a call and 0.5 and 0.2 ms a step
        self.assertIn('| `aten::mm` | 0.3 | 0.500 | 0.3 | 0.200 | +0.300 | 2.50 |', reports[0][1])
        self.assertIn('| `aten::mm` | 1 | 1.500 | 1 | 0.600 | +0.900 | 2.50 |', reports[0][1])

    def test_the_comparison_gets_the_two_folders_and_the_top(self):
        seen = []
        sbs.profile(['s2lif'], self.args('/p'), lambda command, env: '',
                    compare=lambda m, t, top: seen.append((m, t, top)) or 'table', progress=lambda line: None)
        self.assertEqual(seen, [('/p/s2lif/mosaic', '/p/s2lif/torch', 5)])

    def test_a_profile_that_cannot_be_read_stops_naming_the_pipeline(self):
        with tempfile.TemporaryDirectory() as root:
            with self.assertRaisesRegex(sbs.BenchError, r'^cider: .*cider/mosaic/wall\.json: cannot read'):
                sbs.profile(['cider'], self.args(root), lambda command, env: '', progress=lambda line: None)


if __name__ == '__main__':
    unittest.main()
