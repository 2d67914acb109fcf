"""profile_compare.py's self times, per-run division, sorting and totals on hand-written traces:
cd bench && /usr/bin/python3 -m unittest test_profile_compare"""
import json, os, tempfile, unittest

import profile_compare as pc


def event(name, ts, dur, tid=1, **extra):
    return dict(name=name, ph='X', ts=ts, dur=dur, tid=tid, pid='CPU Functions', args={}, **extra)


# One training step as libtorch records it, by hand (microseconds):
#   aten::linear   0 .. 100          self 100 - 60 - 10 = 30
#     aten::t      5 .. 15           self 10 (a leaf)
#     aten::addmm  20 .. 80          self 60 - 25 = 35
#       aten::copy_ 30 .. 55         self 25
#   aten::relu     100 .. 120        starts where linear ends: a sibling, not a child; self 20
#   and, on another thread, aten::mm 10 .. 50 (overlapping linear in time, but not enclosed by it): self 40
# DJL writes children before their parents (each event as it ends); the order in the file must not matter.
STEP = [event('aten::t', 5, 10), event('aten::copy_', 30, 25), event('aten::addmm', 20, 60),
        event('aten::linear', 0, 100), event('aten::relu', 100, 20), event('aten::mm', 10, 40, tid=2)]


def self_of(events):
    return pc.self_times(pc.parse_events(events, 'trace'))


class SelfTimeTest(unittest.TestCase):
    def test_self_time_is_the_duration_less_the_directly_enclosed_events(self):
        self.assertEqual(self_of(STEP), {'aten::linear': (1, 30.0), 'aten::t': (1, 10.0), 'aten::addmm': (1, 35.0),
                                         'aten::copy_': (1, 25.0), 'aten::relu': (1, 20.0), 'aten::mm': (1, 40.0)})

    def test_the_order_of_the_events_in_the_file_does_not_matter(self):
        self.assertEqual(self_of(list(reversed(STEP))), self_of(STEP))

    def test_the_self_times_of_a_thread_add_up_to_the_time_it_spent_in_operators(self):
        ops = self_of([e for e in STEP if e['tid'] == 1])
        self.assertEqual(sum(us for _, us in ops.values()), 120.0)

    def test_calls_and_self_times_add_up_over_events_of_the_same_name(self):
        ops = self_of([event('aten::add', 0, 5), event('aten::add', 10, 7), event('aten::mul', 20, 3)])
        self.assertEqual(ops, {'aten::add': (2, 12.0), 'aten::mul': (1, 3.0)})

    def test_a_child_rounded_past_its_parent_s_end_takes_only_the_part_inside(self):
        # torch's legacy trace rounds to whole microseconds: a view of 3 inside a reshape ending 1 earlier
        ops = self_of([event('aten::reshape', 0, 4), event('aten::view', 2, 3)])
        self.assertEqual(ops, {'aten::reshape': (1, 2.0), 'aten::view': (1, 3.0)})

    def test_a_deeper_nesting_charges_each_level_only_its_own_time(self):
        ops = self_of([event('a', 0, 100), event('b', 10, 80), event('c', 20, 60), event('d', 30, 40)])
        self.assertEqual(ops, {'a': (1, 20.0), 'b': (1, 20.0), 'c': (1, 20.0), 'd': (1, 40.0)})

    def test_reads_an_object_with_trace_events_and_skips_what_is_not_a_complete_event(self):
        trace = dict(traceEvents=[event('aten::mm', 0, 10), dict(name='flow', ph='s', ts=1, id=1),
                                  dict(name='process_name', ph='M', args={})])
        self.assertEqual(self_of(trace), {'aten::mm': (1, 10.0)})

    def test_an_event_without_a_duration_is_named_by_its_index(self):
        with self.assertRaisesRegex(pc.ProfileError, r"^train\.json: event 1: expected name, ts and dur \(KeyError: 'dur'\)"):
            pc.parse_events([event('aten::mm', 0, 10), dict(name='aten::add', ph='X', ts=3)], 'train.json')

    def test_a_negative_duration_is_refused(self):
        with self.assertRaisesRegex(pc.ProfileError, 'event 0: expected a name, a finite ts and a duration >= 0'):
            pc.parse_events([event('aten::mm', 0, -1)], 'train.json')

    def test_what_is_not_a_trace_is_refused(self):
        with self.assertRaisesRegex(pc.ProfileError, '^x.json: not a Chrome trace'):
            pc.parse_events(dict(events=[]), 'x.json')


def phase(ops, runs, seconds):
    return pc.Phase(ops, runs, seconds)


class ComparisonTest(unittest.TestCase):
    # Mosaic: 2 steps, torch: 4 steps; figures are totals over the runs
    MOSAIC = phase({'aten::mm': (20, 8000.0), 'aten::add': (40, 2000.0), 'aten::copy_': (10, 500.0)}, 2, 0.030)
    TORCH = phase({'aten::mm': (40, 12000.0), 'aten::add': (40, 1000.0), 'aten::gru': (4, 4000.0)}, 4, 0.024)

    def test_divides_calls_and_self_times_by_each_side_s_runs(self):
        by_name = {r.name: r for r in pc.rows(self.MOSAIC, self.TORCH)}
        mm = by_name['aten::mm']
        self.assertEqual((mm.mosaic_calls, mm.mosaic_ms, mm.torch_calls, mm.torch_ms), (10, 4.0, 10, 3.0))
        self.assertAlmostEqual(mm.difference, 1.0)
        self.assertAlmostEqual(mm.ratio, 4 / 3)
        add = by_name['aten::add']
        self.assertEqual((add.mosaic_calls, add.mosaic_ms, add.torch_calls, add.torch_ms), (20, 1.0, 10, 0.25))

    def test_an_operator_of_one_side_only_has_zero_on_the_other_and_no_ratio_without_torch_time(self):
        by_name = {r.name: r for r in pc.rows(self.MOSAIC, self.TORCH)}
        self.assertEqual((by_name['aten::gru'].mosaic_ms, by_name['aten::gru'].torch_ms), (0.0, 1.0))
        self.assertEqual(by_name['aten::gru'].ratio, 0.0)
        self.assertIsNone(by_name['aten::copy_'].ratio)

    def test_sorted_by_absolute_difference(self):
        # differences: mm +1.0, gru -1.0, add +0.75, copy_ +0.25; ties by name
        self.assertEqual([r.name for r in pc.rows(self.MOSAIC, self.TORCH)],
                         ['aten::gru', 'aten::mm', 'aten::add', 'aten::copy_'])

    def test_totals_per_run(self):
        self.assertEqual(pc.totals(self.MOSAIC), (15.0, 5.25, 35.0))
        self.assertEqual(pc.totals(self.TORCH), (6.0, 4.25, 21.0))

    def test_the_table_lists_the_top_operators_then_the_rest_and_the_totals(self):
        text = pc.phase_table('Train', 'training step', self.MOSAIC, self.TORCH, top=2)
        lines = text.splitlines()
        self.assertEqual(lines[0], '### Train: per training step (Mosaic 2 training steps, PyTorch 4)')
        self.assertEqual(lines[4], '| `aten::gru` | 0 | 0.000 | 1 | 1.000 | -1.000 | 0.00 |')
        self.assertEqual(lines[5], '| `aten::mm` | 10 | 4.000 | 10 | 3.000 | +1.000 | 1.33 |')
        self.assertEqual(lines[6], '| 2 more operators | 25 | 1.250 | 10 | 0.250 | +1.000 | |')
        self.assertIn('| wall ms | 15.0 | 6.0 | 2.50 |', lines)
        self.assertIn("| operators' self ms | 5.2 (35%) | 4.2 (71%) | 1.24 |", lines)
        self.assertIn("| outside libtorch's operators, ms | 9.8 (65%) | 1.8 (29%) | 5.57 |", lines)
        self.assertIn('| operator calls | 35 | 21 | 1.67 |', lines)


class FolderTest(unittest.TestCase):
    def write(self, folder, train, evaluate, wall):
        os.makedirs(folder, exist_ok=True)
        for name, content in (('train.json', train), ('evaluate.json', evaluate), ('wall.json', wall)):
            with open(os.path.join(folder, name), 'w') as f:
                json.dump(content, f)

    def test_report_of_two_folders(self):
        with tempfile.TemporaryDirectory() as root:
            mosaic, torch = os.path.join(root, 'mosaic'), os.path.join(root, 'torch')
            wall = dict(train=dict(runs=1, total_seconds=0.0002), evaluate=dict(runs=1, total_seconds=0.0001))
            self.write(mosaic, STEP, [event('aten::mm', 0, 50)], wall)
            self.write(torch, STEP[:4], [event('aten::mm', 0, 20)], wall)
            text = pc.report(mosaic, torch, top=10)
        self.assertIn('### Train: per training step (Mosaic 1 training steps, PyTorch 1)', text)
        self.assertIn('| `aten::mm` | 1 | 0.040 | 0 | 0.000 | +0.040 | – |', text)
        self.assertIn('| `aten::linear` | 1 | 0.030 | 1 | 0.030 | +0.000 | 1.00 |', text)
        self.assertIn('### Evaluate: per evaluation (Mosaic 1 evaluations, PyTorch 1)', text)
        self.assertIn('| `aten::mm` | 1 | 0.050 | 1 | 0.020 | +0.030 | 2.50 |', text)
        # train: 0.2 ms wall on both sides; Mosaic 0.16 ms in operators (two threads' 120 + 40 us), torch 0.1 ms
        self.assertIn("| outside libtorch's operators, ms | 0.0 (20%) | 0.1 (50%) | 0.40 |", text)

    def test_a_missing_trace_is_named(self):
        with tempfile.TemporaryDirectory() as root:
            self.write(root, STEP, STEP, dict(train=dict(runs=1, total_seconds=1), evaluate=dict(runs=1, total_seconds=1)))
            os.remove(os.path.join(root, 'evaluate.json'))
            with self.assertRaisesRegex(pc.ProfileError, r'evaluate\.json: cannot read \(No such file or directory\)'):
                pc.load(root)

    def test_a_wall_file_without_a_phase_is_named(self):
        with tempfile.TemporaryDirectory() as root:
            self.write(root, STEP, STEP, dict(train=dict(runs=1, total_seconds=1)))
            with self.assertRaisesRegex(pc.ProfileError, r"wall\.json: expected evaluate\.runs and evaluate\.total_seconds"):
                pc.load(root)

    def test_zero_runs_are_refused(self):
        with self.assertRaisesRegex(pc.ProfileError, 'train.runs must be a whole number >= 1'):
            pc.parse_wall(dict(train=dict(runs=0, total_seconds=1)), 'train', 'wall.json')

    def test_a_trace_that_is_not_json_is_named(self):
        with tempfile.TemporaryDirectory() as root:
            path = os.path.join(root, 'train.json')
            with open(path, 'w') as f:
                f.write('[{"name": ')
            with self.assertRaisesRegex(pc.ProfileError, r'train\.json: not JSON'):
                pc.read_json(path)


if __name__ == '__main__':
    unittest.main()
