"""Tests of the notebook runner: the CHECK parser, the verdicts, and, when the
gendl kernel is installed, real runs of tiny notebooks that must pass or fail.

Run with: .gendl/venv/bin/python -m unittest discover -s kernel/python -v
"""

import json
import os
import shlex
import tempfile
import unittest
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager

import run_notebooks as rn


class ParseCheckTest(unittest.TestCase):
    def test_forms(self):
        cases = [
            ("CHECK loss 1.93 < 2.5", True),
            ("CHECK loss 2.6 < 2.5", False),
            ("CHECK loss 2.5 <= 2.5", True),
            ("CHECK acc 0.81 >= 0.7", True),
            ("CHECK acc 0.61 > 0.7", False),
            ("CHECK mean 0.502 == 0.5 +- 0.01", True),
            ("CHECK mean 0.52 == 0.5 ± 0.01", False),
            ("CHECK err 3.1e-09 < 1e-6", True),
            ("CHECK p 0.5 in [0, 1]", True),
            ("CHECK p -0.1 in [0, 1]", False),
            ("CHECK steps 200", True),
            ("CHECK loss NaN", False),
            ("CHECK loss +Inf < 3", False),
            ("CHECK loss 1.2 is small", False),  # malformed: fails loudly
        ]
        for line, ok in cases:
            c = rn.parse_check(line)
            self.assertIsNotNone(c, line)
            self.assertEqual(c.ok, ok, f"{line}: {c}")
        self.assertIsNone(rn.parse_check("loss 1.2"))
        self.assertEqual(rn.parse_check("  CHECK a.b/c 1 < 2  ").name, "a.b/c")

    def test_judge(self):
        ok = rn.Check("a", "CHECK a 1 < 2", True)
        bad = rn.Check("q1", "CHECK q1 5 < 4", False, "5 < 4 is false")
        res = rn.Result(Path("x.ipynb"), checks=[ok])
        rn.judge(res, {})
        self.assertTrue(res.verdict, res.reasons)

        res = rn.Result(Path("x.ipynb"), checks=[ok])
        rn.judge(res, {"min_images": 1})
        self.assertFalse(res.verdict)

        res = rn.Result(Path("x.ipynb"))
        rn.judge(res, {})
        self.assertFalse(res.verdict, "a notebook with no CHECK line must fail by default")

        res = rn.Result(Path("x.ipynb"), checks=[ok, bad])
        rn.judge(res, {"expect": "fail", "fail_checks": ["q1"]})
        self.assertTrue(res.verdict, res.reasons)

        res = rn.Result(Path("x.ipynb"), checks=[ok, bad])
        rn.judge(res, {"expect": "fail", "fail_checks": ["a"]})
        self.assertFalse(res.verdict, "a check expected to fail passed")

        res = rn.Result(Path("x.ipynb"), checks=[ok])
        rn.judge(res, {"expect": "fail"})
        self.assertFalse(res.verdict, "expect fail with nothing failing")

        # "clean": a blank homework must fail through its checks, not crash.
        res = rn.Result(Path("x.ipynb"), checks=[ok, bad], errors=["cell 3: panic: boom"])
        rn.judge(res, {"expect": "fail", "fail_checks": ["q1"]})
        self.assertTrue(res.verdict, "without clean an error counts as the expected failure")
        res = rn.Result(Path("x.ipynb"), checks=[ok, bad], errors=["cell 3: panic: boom"])
        rn.judge(res, {"expect": "fail", "clean": True, "fail_checks": ["q1"]})
        self.assertFalse(res.verdict, "clean: an error must fail the notebook")
        res = rn.Result(Path("x.ipynb"), checks=[ok, bad])
        rn.judge(res, {"expect": "fail", "clean": True, "fail_checks": ["q1"]})
        self.assertTrue(res.verdict, res.reasons)
        res = rn.Result(Path("x.ipynb"), checks=[bad])
        rn.judge(res, {"expect": "fail", "clean": True, "min_checks": 2})
        self.assertFalse(res.verdict, "clean: too few CHECK lines must fail")


class CoalesceTest(unittest.TestCase):
    def test_streams_merge(self):
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("x")
        cell.outputs = [
            nbformat.v4.new_output("stream", name="stdout", text="CHECK a 1"),
            nbformat.v4.new_output("stream", name="stdout", text=" < 2\nok\n"),
            nbformat.v4.new_output("stream", name="stderr", text="warn\n"),
            nbformat.v4.new_output("display_data", data={"text/plain": "img"}),
            nbformat.v4.new_output("stream", name="stdout", text="after\n"),
        ]
        nb.cells = [cell]
        rn.coalesce_streams(nb)
        kinds = [(o.output_type, o.get("name")) for o in nb.cells[0].outputs]
        self.assertEqual(kinds, [("stream", "stdout"), ("stream", "stderr"), ("display_data", None), ("stream", "stdout")])
        self.assertEqual(nb.cells[0].outputs[0]["text"], "CHECK a 1 < 2\nok\n")
        res = rn.Result(Path("x.ipynb"))
        rn.collect(nb, res)
        self.assertEqual([c.line for c in res.checks], ["CHECK a 1 < 2"])


def make_notebook(path, cells, meta=None):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "gendl", "display_name": "Go (gendl)", "language": "go"}
    if meta:
        nb.metadata["gendl"] = meta
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, path)


@unittest.skipUnless("gendl" in KernelSpecManager().find_kernel_specs(), "gendl kernel not installed (run ./install.sh)")
class KernelRunTest(unittest.TestCase):
    """Runs tiny notebooks through the real kernel: the runner must tell
    passing from failing ones."""

    def run_nb(self, cells, meta=None):
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "t.ipynb"
            make_notebook(path, ["%noautoget"] + cells, meta)
            res = rn.run_one(path, "gendl", 300, False, True, Path(d))
            written = nbformat.read(path, as_version=4)
            return res, written

    def test_pass_and_write(self):
        res, nb = self.run_nb(['%%\nfmt.Println("CHECK x 0.5 == 0.5 +- 0.01")\nfmt.Println(os.Getenv("GENDL_SHORT") != "")'])
        self.assertTrue(res.verdict, res.reasons)
        self.assertEqual(len(res.checks), 1)
        self.assertIn("CHECK x", nb.cells[1].outputs[0]["text"], "--write must save outputs")

    def test_compile_error_fails(self):
        res, _ = self.run_nb(['%%\nfmt.Println("CHECK x 1")', "%%\nx := undefinedThing + 1"])
        self.assertFalse(res.verdict)
        self.assertIn("undefinedThing", "\n".join(res.reasons))

    def test_panic_fails(self):
        res, _ = self.run_nb(['%%\nfmt.Println("CHECK x 1")', '%%\npanic("boom")'])
        self.assertFalse(res.verdict)
        self.assertIn("boom", "\n".join(res.reasons))

    def test_failed_check_fails(self):
        res, _ = self.run_nb(['%%\nfmt.Println("CHECK x 5 < 4")'])
        self.assertFalse(res.verdict)

    def test_expected_failure(self):
        res, _ = self.run_nb(['%%\nfmt.Println("CHECK q1 5 < 4")\nfmt.Println("CHECK q2 1 < 4")'],
                             {"expect": "fail", "fail_checks": ["q1"]})
        self.assertTrue(res.verdict, res.reasons)

    def test_port_race_retried(self):
        """A kernel that loses a port race on start (as a front whose port
        another process took would) is started again on new ports."""
        real = KernelSpecManager().get_kernel_spec("gendl")
        with tempfile.TemporaryDirectory() as d:
            marker = Path(d) / "failed-once"
            script = Path(d) / "flaky.sh"
            argv = " ".join('"$1"' if a == "{connection_file}" else shlex.quote(a) for a in real.argv)
            script.write_text(
                f'if [ ! -e {shlex.quote(str(marker))} ]; then\n'
                f'  touch {shlex.quote(str(marker))}\n'
                '  echo "front: listening for shell on tcp://127.0.0.1:1: bind: address already in use" >&2\n'
                '  exit 1\n'
                f'fi\nexec {argv}\n')
            spec_dir = Path(d) / "kernels" / "gendl-flaky"
            spec_dir.mkdir(parents=True)
            spec = {"argv": ["/bin/sh", str(script), "{connection_file}"], "display_name": "flaky",
                    "language": "go", "env": real.env, "interrupt_mode": real.interrupt_mode}
            (spec_dir / "kernel.json").write_text(json.dumps(spec))
            path = Path(d) / "t.ipynb"
            make_notebook(path, ["%noautoget", '%%\nfmt.Println("CHECK x 1")'])
            old = os.environ.get("JUPYTER_PATH")
            os.environ["JUPYTER_PATH"] = d
            try:
                res = rn.run_one(path, "gendl-flaky", 300, False, False, Path(d))
            finally:
                if old is None:
                    del os.environ["JUPYTER_PATH"]
                else:
                    os.environ["JUPYTER_PATH"] = old
            self.assertTrue(marker.exists(), "the flaky kernel never ran")
            self.assertTrue(res.verdict, res.reasons)
            self.assertEqual(len(res.checks), 1)


if __name__ == "__main__":
    unittest.main()
