"""Dashboards: every app on its own Voilà page, in both languages (nbval runs each notebook too)."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from scm_course.apps import all_apps, app_keys, dashboard

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_dashboards  # noqa: E402


def test_every_app_has_a_dashboard_in_both_languages():
    assert sorted(build_dashboards.APPS) == sorted(app_keys()) == sorted(all_apps())
    for key in app_keys():
        for language in ("en", "zh"):
            assert build_dashboards.path(key, language).exists(), (key, language)
    assert len(list((ROOT / "dashboards").glob("*.ipynb"))) == 2 * len(app_keys())


def test_dashboards_match_their_generator():
    for path, built in build_dashboards.notebooks():
        stored = json.loads(path.read_text(encoding="utf-8"))
        assert [(c.cell_type, c.source) for c in built.cells] == \
            [(c["cell_type"], "".join(c["source"])) for c in stored["cells"]], \
            f"{path.name} differs: run python tools/build_dashboards.py --execute"


def test_dashboard_builds_one_app_and_rejects_unknown_keys():
    assert type(dashboard("priority.abc")).__name__ == "ABCApp"
    with pytest.raises(ValueError, match=r"key must be one of \['crm.customer360', .*\], got 'priority.xyz'"):
        dashboard("priority.xyz")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 120) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        assert response.status == 200, url
        return response.read().decode("utf-8")


@pytest.fixture(scope="module")
def voila_server(tmp_path_factory):
    """``python3 course.py dashboards`` as the course runs it: Voilà serving dashboards/ on loopback."""
    port = _free_port()
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "voila", str(ROOT / "dashboards"), "--no-browser",
                                 "--Voila.ip=127.0.0.1", f"--port={port}"], stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            _get(base + "/", timeout=5)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"Voilà exited: {log.read_text()[-2000:]}")
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail(f"Voilà did not start: {log.read_text()[-2000:]}")
    yield base
    proc.terminate()
    proc.wait(timeout=30)


def test_voila_index_lists_every_dashboard(voila_server):
    assert "Voilà Home" in _get(voila_server + "/")  # the index page; it lists what the contents API returns
    listed = {item["name"] for item in json.loads(_get(voila_server + "/voila/api/contents/"))["content"]}
    assert {p.name for p in (ROOT / "dashboards").glob("*.ipynb")} <= listed


@pytest.mark.parametrize("name", ["04_abc.ipynb", "08_bullwhip.zh.ipynb"])
def test_voila_renders_a_dashboard_with_its_widget_and_no_code(voila_server, name):
    page = _get(f"{voila_server}/voila/render/{name}")
    assert "application/vnd.jupyter.widget-view+json" in page  # the live app
    assert "Traceback" not in page and "application/vnd.jupyter.stderr" not in page
    assert 'dashboard("' not in page  # code cells are not shown


@pytest.mark.parametrize("name", ["04_abc.ipynb", "08_bullwhip.zh.ipynb"])
def test_dashboard_in_a_browser_redraws_when_a_slider_moves(chromium, voila_server, name, tmp_path, record_property):
    """Real browser: the dashboard page shows the app, no code and no error; a slider redraws the figure."""
    from playwright.sync_api import sync_playwright

    from browser_driving import image_digest, launch, nudge_slider, screenshot, wait_for_new_image

    start = time.perf_counter()
    with sync_playwright() as playwright:
        browser = launch(playwright, chromium, tmp_path)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.goto(f"{voila_server}/voila/render/{name}", timeout=120_000)
        image = page.locator(".widget-image").first
        image.wait_for(state="visible", timeout=120_000)
        page.wait_for_function("() => !!document.querySelector('.widget-image').src")
        text = page.inner_text("body")
        assert "dashboard(" not in text and "set_language(" not in text  # no code shown
        assert "Traceback" not in text and "Error" not in text
        before = image_digest(page, ".widget-image")
        screenshot(page, f"voila-{name}-before")
        nudge_slider(page, page.get_by_role("slider").first)
        after = wait_for_new_image(page, ".widget-image", before)
        page.wait_for_timeout(500)  # a key press is one redraw: let the last one land
        screenshot(page, f"voila-{name}-after")
        assert image_digest(page, ".widget-image") not in (before, None) and after != before
        browser.close()
    seconds = time.perf_counter() - start
    record_property("browser_seconds", round(seconds, 1))
    print(f"\n{name}: Voilà page + slider in {seconds:.1f} s")
