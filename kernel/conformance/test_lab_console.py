"""JupyterLab's console, in headless Chromium, with the gendl kernel: a
multi-line Go cell typed with Enter after every line.

The console runs in its "terminal" interaction mode (set through a private
user-settings directory), where Enter runs the cell only when the kernel's
is_complete_reply says "complete" and otherwise starts a new indented line.
So the function below must stay in the prompt until its closing brace, then
run as one cell; a kernel that does not answer is_complete (stock GoNB)
fails here. (In the default "notebook" mode Shift+Enter runs whatever is in
the prompt without asking the kernel.)

Skipped when Chromium or Playwright is missing, unless
GENDL_BROWSER_REQUIRED=1. Screenshot: $TMPDIR/gendl-browser/lab-console.png.

Run: .gendl/venv/bin/python -m unittest discover -s kernel/conformance -v
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
from pathlib import Path

import gendl_kernel as gk


def setUpModule():
    gk.setup()


def tearDownModule():
    gk.teardown()


def chromium():
    for c in [os.environ.get("CHROMIUM", ""), "/usr/bin/chromium", "/usr/bin/chromium-browser"]:
        if c and os.access(c, os.X_OK):
            return c
    return shutil.which("chromium")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def missing():
    if not chromium():
        return "no chromium"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "no playwright"
    return ""


def enter_lines(page, lines):
    """Types each line into the console prompt and presses Enter,
    making sure the editor has the text before the key goes."""
    for line in lines:
        prompt = page.wait_for_selector(".jp-CodeConsole-promptCell .cm-content")
        prompt.click()
        page.keyboard.press("Control+End")
        page.keyboard.type(line)
        page.wait_for_function(
            "t => document.querySelector('.jp-CodeConsole-promptCell .cm-content').innerText.includes(t)", arg=line)
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)


REQUIRED = os.environ.get("GENDL_BROWSER_REQUIRED", "") not in ("", "0")


@unittest.skipIf(missing() and not REQUIRED, missing())
class LabConsoleTest(unittest.TestCase):
    def test_multiline_cell_in_lab_console(self):
        from playwright.sync_api import sync_playwright

        jupyter = Path(sys.executable).parent / "jupyter"
        out_dir = Path(os.environ.get("TMPDIR", "/tmp")) / "gendl-browser"
        out_dir.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="gendl-lab-console-"))
        port, token = free_port(), secrets.token_hex(16)
        log = open(out_dir / "lab-console-jupyter.log", "w")
        settings = work / "settings"
        tracker = settings / "@jupyterlab" / "console-extension" / "tracker.jupyterlab-settings"
        tracker.parent.mkdir(parents=True)
        tracker.write_text('{"interactionMode": "terminal"}')
        root_flag = ["--allow-root"] if os.geteuid() == 0 else []
        server = subprocess.Popen(
            [str(jupyter), "lab", *root_flag, "--no-browser", "--ip=127.0.0.1", f"--port={port}",
             f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work}", "--ServerApp.port_retries=0",
             "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
             # A fresh workspace: no console restored from an earlier run.
             f"--LabApp.workspaces_dir={work / 'workspaces'}",
             f"--LabApp.user_settings_dir={settings}"],
            stdout=log, stderr=subprocess.STDOUT, cwd=work, env=os.environ.copy(),
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.time() + 90
            while True:
                try:
                    urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                    break
                except OSError:
                    self.assertLess(time.time(), deadline, "jupyter lab did not start")
                    self.assertIsNone(server.poll(), "jupyter lab exited")
                    time.sleep(0.5)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.set_default_timeout(gk.WAIT * 1000)
                try:
                    page.goto(f"{base}/lab?token={token}")
                    # The launcher's Console card for our kernel spec.
                    card = page.wait_for_selector(
                        ".jp-LauncherCard[data-category='Console'][title*='gendl conformance']")
                    card.click()
                    # The status bar says "<kernel> | Idle" once the kernel is ready.
                    page.wait_for_selector(".jp-StatusBar-Widget :text('gendl conformance) | Idle')")
                    enter_lines(page, ["func square(x int) int {", "return x * x", "}"])
                    # The function ran as one cell: one executed cell, no error.
                    page.wait_for_selector(".jp-CodeConsole-content .jp-Cell .jp-InputPrompt:has-text('[1]')")
                    enter_lines(page, ["%%", 'fmt.Println("square", square(12345))'])
                    page.wait_for_selector(".jp-CodeConsole-content .jp-OutputArea-output:has-text('square 152399025')",
                                           timeout=gk.WAIT * 1000)
                    cells = page.query_selector_all(".jp-CodeConsole-content .jp-CodeCell")
                    errors = page.query_selector_all(
                        ".jp-CodeConsole-content .gonb-err-location, "
                        ".jp-CodeConsole-content [data-mime-type='application/vnd.jupyter.stderr']")
                    page.screenshot(path=str(out_dir / "lab-console.png"))
                    cell_texts = [c.inner_text() for c in cells]
                except Exception:
                    page.screenshot(path=str(out_dir / "lab-console-failure.png"))
                    raise
                finally:
                    browser.close()
            self.assertEqual(len(cells), 2, f"expected exactly two executed cells (function, then call): {cell_texts}")
            self.assertEqual(errors, [])
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
