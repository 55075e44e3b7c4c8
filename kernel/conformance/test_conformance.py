"""Jupyter's conformance suite (jupyter_kernel_test) against the gendl
kernel, with Go samples, plus the behaviours the suite does not cover:
compile errors and panics, stop_on_error, interrupting a running cell.

Every wait is bounded (gendl_kernel.WAIT, and a watchdog per test), so a
missing reply fails a test instead of hanging the run.

Run: .gendl/venv/bin/python -m unittest discover -s kernel/conformance -v

Not applicable: IopubWelcomeTests (the iopub_welcome message belongs to
protocol 5.5's XPUB iopub; gendl speaks 5.3) and test_clear_output (GoNB's
gonbui has no clear_output call, so no Go cell can produce one).
"""

import signal
import time
import unittest
from queue import Empty

import jupyter_kernel_test as jkt

import gendl_kernel as gk

# No %noautoget: the kernel sends it to GoNB at start. gonbui.Sync() waits
# until GoNB has published what the cell displayed: GoNB reads displays from
# a pipe that it stops reading when the cell's process exits, so without it
# a display can come after the cell's idle status, or not at all (1 run in 10).
PNG_CELL = """%%
img := image.NewGray(image.Rect(0, 0, 8, 8))
var buf bytes.Buffer
if err := png.Encode(&buf, img); err != nil {
	panic(err)
}
gonbui.DisplayPNG(buf.Bytes())
gonbui.Sync()"""


def setUpModule():
    gk.setup()


def tearDownModule():
    gk.teardown()


class Watchdog:
    """Fails the running test with TimeoutError after seconds."""

    def __init__(self, seconds):
        self.seconds = seconds

    def start(self):
        def fire(signum, frame):
            raise TimeoutError(f"test still running after {self.seconds} s")

        signal.signal(signal.SIGALRM, fire)
        signal.alarm(self.seconds)

    @staticmethod
    def stop():
        signal.alarm(0)


class GendlKernelTests(jkt.KernelTests):
    kernel_name = gk.KERNEL_NAME

    language_name = "go"
    file_extension = ".go"

    code_hello_world = '%%\nfmt.Println("hello, world")'
    code_stderr = '%%\nfmt.Fprintln(os.Stderr, "to stderr")'

    # A failing special command: exactly one output, the error.
    code_generate_error = "%cd /nonexistent-gendl-dir"

    completion_samples = [
        {"text": "fmt.Sprin", "matches": {"Sprint", "Sprintf", "Sprintln"}},
        {"text": "%%\nstrings.ToLow", "matches": {"ToLower", "ToLowerSpecial"}},
    ]

    complete_code_samples = [
        'fmt.Println("hi")',
        "func main() {\n\tfmt.Println(1)\n}",
        "%%\nfmt.Println(1)",
        "%help",
        "x := []int{1, 2}",
        "1+2",
    ]
    incomplete_code_samples = [
        "func main() {",
        "x := []int{1,\n2,",
        "var s = `raw",
        "/* comment",
        "%%writefile f.go\npackage main",
        "%env A \\",
        "var y = 1 +",
    ]
    invalid_code_samples = ["func main() }", "x := (1]", 'var s = "ab\ncd"']

    # Bare expressions give an execute_result, as Python's last line does.
    code_execute_result = [
        {"code": "1+2", "result": "3"},
        {"code": "[]int{1, 2}", "result": "[1 2]"},
    ]
    code_history_pattern = "1+?"
    supported_history_operations = ("tail", "range", "search")

    code_page_something = "?fmt.Println"
    code_inspect_sample = "fmt.Println"

    code_display_data = [
        {"code": '%%\ngonbui.DisplayHTML("<b>bold</b>")\ngonbui.Sync()', "mime": "text/html"},
        {"code": PNG_CELL, "mime": "image/png"},
    ]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Compile something once so later waits measure the kernel, not a
        # cold Go build cache.
        cls.kc.execute_interactive('%%\nfmt.Println("warm")', timeout=600)

    def setUp(self):
        self.watchdog = Watchdog(300)
        self.watchdog.start()

    def tearDown(self):
        self.watchdog.stop()

    # The suite waits without a bound in a few places; bound them all.
    def get_non_kernel_info_reply(self, timeout=None):
        return super().get_non_kernel_info_reply(timeout=timeout or gk.WAIT)

    def execute_helper(self, code, timeout=gk.WAIT, **kwargs):
        return super().execute_helper(code, timeout=timeout, **kwargs)

    # --- beyond the suite ------------------------------------------------

    def outputs(self, msg_id):
        """iopub messages for msg_id up to its idle status."""
        out = []
        deadline = time.monotonic() + gk.WAIT
        while time.monotonic() < deadline:
            try:
                msg = self.kc.get_iopub_msg(timeout=1)
            except Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return out
            out.append(msg)
        self.fail(f"no idle status for {msg_id} within {gk.WAIT} s")

    def reply(self, msg_id):
        deadline = time.monotonic() + gk.WAIT
        while time.monotonic() < deadline:
            msg = self.kc.get_shell_msg(timeout=gk.WAIT)
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg
        self.fail(f"no reply to {msg_id} within {gk.WAIT} s")

    def test_gendl_compile_error(self):
        self.flush_channels()
        msg_id = self.kc.execute("%%\nnoSuchFunction()")
        self.assertEqual(self.reply(msg_id)["content"]["status"], "error")
        self.assertIn("error", [m["msg_type"] for m in self.outputs(msg_id)])

    def test_gendl_panic(self):
        self.flush_channels()
        msg_id = self.kc.execute('%%\npanic("boom")')
        self.assertEqual(self.reply(msg_id)["content"]["status"], "error")
        stderr = "".join(
            m["content"]["text"]
            for m in self.outputs(msg_id)
            if m["msg_type"] == "stream" and m["content"]["name"] == "stderr"
        )
        self.assertIn("boom", stderr)

    def test_gendl_multiline_cell(self):
        code = "func square(x int) int {\n\treturn x * x\n}\n\n%%\nfmt.Println(square(7))"
        self.flush_channels()
        reply, outputs = self.execute_helper(code)
        self.assertEqual(reply["content"]["status"], "ok")
        text = "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")
        self.assertEqual(text, "49\n")

    def test_gendl_stop_on_error(self):
        self.flush_channels()
        ids = [self.kc.execute(c) for c in ("%%\nnoSuchFunction()", "%%\nfmt.Println(1)", "%%\nfmt.Println(2)")]
        statuses = [self.reply(i)["content"]["status"] for i in ids]
        self.assertEqual(statuses, ["error", "aborted", "aborted"])
        for i in ids:  # each, aborted or not, ends with an idle status
            self.outputs(i)
        reply, _ = self.execute_helper(self.code_hello_world)
        self.assertEqual(reply["content"]["status"], "ok")

    def test_gendl_interrupt(self):
        self.flush_channels()
        msg_id = self.kc.execute('%%\nfmt.Println("started")\ntime.Sleep(time.Hour)')
        deadline = time.monotonic() + gk.WAIT
        started = False
        while not started and time.monotonic() < deadline:
            try:
                msg = self.kc.get_iopub_msg(timeout=1)
            except Empty:
                continue
            started = msg["msg_type"] == "stream" and "started" in msg["content"]["text"]
        self.assertTrue(started, "the long cell never started")
        self.km.interrupt_kernel()  # interrupt_mode "message": an interrupt_request on control
        self.assertNotEqual(self.reply(msg_id)["content"]["status"], "ok")
        self.flush_channels()
        reply, _ = self.execute_helper(self.code_hello_world)
        self.assertEqual(reply["content"]["status"], "ok")


if __name__ == "__main__":
    unittest.main()
