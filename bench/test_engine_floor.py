"""Unit tests of engine_floor.py: cd bench && /usr/bin/python3 -m unittest test_engine_floor"""
import os, sys, unittest

import engine_floor


class MeasureTest(unittest.TestCase):
    def run_printing(self, text, code=0):
        return engine_floor.measure([sys.executable, '-c', f'import sys; print({text!r}); sys.exit({code})'],
                                    dict(os.environ))

    def test_reads_the_version_threads_and_median_of_either_side(self):
        self.assertEqual(self.run_printing('djl libtorch 2.5.1 threads 2 train median 145.520 ms'),
                         ('2.5.1', 2, 145.52))
        self.assertEqual(self.run_printing('torch 1.13.0a0 threads 1 mm median 1.870 ms'), ('1.13.0a0', 1, 1.87))
        self.assertEqual(self.run_printing('torch 1.13.0a0 threads 1 evaluate-valid-joint median 40.5 ms'),
                         ('1.13.0a0', 1, 40.5))

    def test_a_failed_run_or_an_unknown_line_stops_with_the_command(self):
        with self.assertRaises(SystemExit) as failed:
            self.run_printing('djl libtorch 2.5.1 threads 2 train median 1.0 ms', code=3)
        self.assertIn('failed (3)', str(failed.exception))
        with self.assertRaises(SystemExit):
            self.run_printing('train took 1.0 ms')


if __name__ == '__main__':
    unittest.main()
