"""Real browser, real JupyterLab: a student opens a chapter, runs every cell and moves an app's slider.

JupyterLab serves a copy of the chapter (so nothing in chapters/ is changed)
on loopback; Chromium, driven by Playwright, opens it, runs all cells through
JupyterLab's own command, checks that no cell ended in an error, then moves the
first slider of the first app with the arrow keys and waits for the app's
figure to change.  Screenshots go to build/test-artifacts/browser/.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from browser_driving import free_port, image_digest, launch, nudge_slider, screenshot, wait_for_new_image

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "scm-course-browser-test"
CHAPTERS = ["04_service_priorities.ipynb", "08_crm_supply_chain.zh.ipynb"]
APP_IMAGE = "[data-test-app] .widget-image"

#: the notebook panel of a path (not the "current" widget: that can be any tab)
_PANEL = """(path) => Array.from(window.jupyterapp.shell.widgets("main")).find(w => w.context && w.context.path === path)"""
_KERNEL_IDLE = """(path) => {
  const panel = (PANEL)(path);
  return !!(panel && panel.sessionContext && panel.sessionContext.session
            && panel.sessionContext.session.kernel && panel.sessionContext.session.kernel.status === "idle");
}"""
#: every code cell has run (an execution count, not running) and the kernel is idle again
_ALL_RAN = """(path) => {
  const panel = (PANEL)(path);
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const cells = panel.content.widgets.filter(cell => cell.model.type === "code");
  return kernel && kernel.status === "idle" && cells.length > 0
         && cells.every(cell => cell.model.executionCount !== null && cell.model.executionState !== "running");
}"""
#: scroll to the first cell that shows an app (a widget) and mark it for the locators
_FIRST_APP = """async (path) => {
  const notebook = (PANEL)(path).content;
  const index = notebook.widgets.findIndex(cell => cell.model.type === "code" && cell.model.outputs.toJSON()
    .some(output => output.data && output.data["application/vnd.jupyter.widget-view+json"]));
  if (index < 0) return -1;
  notebook.activeCellIndex = index;
  await notebook.scrollToItem(index, "start");
  notebook.widgets[index].node.setAttribute("data-test-app", "1");
  return index;
}"""
_COUNTS = """(path) => (PANEL)(path).content.widgets
  .filter(cell => cell.model.type === "code" && cell.model.executionCount !== null).map(cell => cell.model.executionCount)"""
_ERRORS = """(path) => (PANEL)(path).content.widgets
  .filter(cell => cell.model.type === "code")
  .flatMap(cell => cell.model.outputs.toJSON())
  .filter(output => output.output_type === "error")
  .map(output => output.ename + ": " + output.evalue)"""
_KERNEL_IDLE, _ALL_RAN, _FIRST_APP, _COUNTS, _ERRORS = (
    js.replace("(PANEL)", f"({_PANEL})") for js in (_KERNEL_IDLE, _ALL_RAN, _FIRST_APP, _COUNTS, _ERRORS))


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on loopback over a folder with copies of the chapters, as ``python3 course.py lab`` runs it."""
    home = tmp_path_factory.mktemp("lab")
    notebooks, settings = home / "notebooks", home / "settings"
    notebooks.mkdir()
    for name in CHAPTERS:
        shutil.copyfile(ROOT / "chapters" / name, notebooks / name)
    news = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True)
    news.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    port = free_port()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               PYTHONUTF8="1")
    root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    log = (home / "lab.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
                             "--ServerApp.ip=127.0.0.1", f"--ServerApp.token={TOKEN}",
                             f"--ServerApp.root_dir={notebooks}", f"--LabApp.user_settings_dir={settings}",
                             f"--LabApp.workspaces_dir={home / 'workspaces'}",
                             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                             "--LabApp.expose_app_in_browser=True", *root],
                            stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=5):
                break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited: {(home / 'lab.log').read_text()[-2000:]}")
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail(f"JupyterLab did not start: {(home / 'lab.log').read_text()[-2000:]}")
    yield base, notebooks
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.mark.parametrize("name", CHAPTERS)
def test_student_runs_a_chapter_and_moves_a_slider(chromium, lab, name, tmp_path, record_property):
    from playwright.sync_api import sync_playwright

    base, notebooks = lab
    start = time.perf_counter()
    with sync_playwright() as playwright:
        browser = launch(playwright, chromium, tmp_path)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{base}/lab/tree/{name}?reset&token={TOKEN}")  # reset: no tabs left from another test
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
        page.wait_for_function(_KERNEL_IDLE, arg=name, timeout=90_000)
        # start from a blank notebook, so that "every cell has a count" means "every cell has run now"
        page.evaluate("(path) => window.jupyterapp.shell.activateById((" + _PANEL + ")(path).id)", name)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
        assert page.evaluate(_COUNTS, name) == [], "stored execution counts were not cleared"
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_function(_ALL_RAN, arg=name, timeout=180_000, polling=250)
        assert page.evaluate(_ERRORS, name) == [], f"{name}: cells ended in errors"
        # the first app: scroll to it, note its figure, move its first slider
        assert page.evaluate(_FIRST_APP, name) >= 0, f"{name} shows no app"
        image = page.locator(APP_IMAGE).first
        image.wait_for(state="visible", timeout=30_000)
        page.wait_for_function(f"() => !!document.querySelector('{APP_IMAGE}').src")
        before = image_digest(page, APP_IMAGE)
        screenshot(page, f"lab-{name}-before")
        nudge_slider(page, page.locator("[data-test-app]").get_by_role("slider").first)
        wait_for_new_image(page, APP_IMAGE, before)
        page.wait_for_function(_KERNEL_IDLE, arg=name, timeout=30_000)
        screenshot(page, f"lab-{name}-after")
        assert image_digest(page, APP_IMAGE) not in (before, None)
        assert page.evaluate(_ERRORS, name) == []
        browser.close()
    seconds = time.perf_counter() - start
    record_property("browser_seconds", round(seconds, 1))
    print(f"\n{name}: JupyterLab run-all + slider in {seconds:.1f} s")
