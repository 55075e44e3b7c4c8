"""`jupyter console --kernel <gendl>` with a multi-line Go cell, driven
through a pseudo-terminal by pexpect, every wait bounded.

The console asks the kernel is_complete_request on every Enter: a cell
opening a brace must get a continuation prompt, and "}" must run it.

Run: .gendl/venv/bin/python -m unittest discover -s kernel/conformance -v
"""

import os
import shutil
import time
import unittest
from pathlib import Path

import gendl_kernel as gk

try:
    import pexpect
except ImportError:  # pragma: no cover - requirements.txt installs it
    pexpect = None

JUPYTER = Path(gk.REPO) / ".gendl" / "venv" / "bin" / "jupyter"


def setUpModule():
    gk.setup()


def tearDownModule():
    gk.teardown()


@unittest.skipIf(pexpect is None, "pexpect is not installed")
class ConsoleTest(unittest.TestCase):
    def test_multiline_cell(self):
        jupyter = str(JUPYTER) if JUPYTER.exists() else shutil.which("jupyter")
        self.assertIsNotNone(jupyter, "no jupyter command")
        child = pexpect.spawn(
            jupyter,
            ["console", "--kernel=" + gk.KERNEL_NAME],
            encoding="utf-8",
            timeout=gk.WAIT,
            env=dict(os.environ, TERM="xterm"),
            dimensions=(40, 200),
        )
        try:
            child.expect(r"In \[", timeout=120)
            time.sleep(1)
            # Enter after "{" must continue the cell (indented), not run it.
            child.send("func square(x int) int {\r")
            child.expect(r"\.\.\.:")
            child.send("return x * x\r")
            child.expect(r"\.\.\.:")
            child.send("}\r")
            child.expect(r"In \[")
            # A bare "%%" waits for its body.
            child.send("%%\r")
            child.expect(r"\.\.\.:")
            child.send('fmt.Println("square", square(12345))\r')
            child.expect("square 152399025", timeout=120)
            # A bare expression comes back as Out[n].
            child.send("(square(111))\r")
            child.expect(r"Out\[[^\n]{0,80}?12321", timeout=120)  # colours sit between
            child.send("exit\r")
            child.expect(pexpect.EOF)
        finally:
            if child.isalive():
                child.terminate(force=True)


if __name__ == "__main__":
    unittest.main()
