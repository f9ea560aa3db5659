"""Helpers for the real-browser tests: Chromium through Playwright, screenshots, an app's image.

The browser is the one ``python3 course.py test`` found or installed
(``tools/browsers.py``); Playwright drives it (its own browser download is not
used).  Screenshots are kept as test artefacts in ``build/test-artifacts/browser/``.
"""
from __future__ import annotations

import socket
import time
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "build" / "test-artifacts" / "browser"
sys.path.insert(0, str(ROOT / "tools"))
import handouts  # noqa: E402  (launch: Chromium with the course's Chinese font)

#: A digest of the bytes behind the first app image (a blob: or data: URL) in the page.
IMAGE_DIGEST = """async (selector) => {
  const img = document.querySelector(selector);
  if (!img || !img.src) return null;
  const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, "0")).join("") + ":" + bytes.length;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def launch(playwright, chromium: str, folder: Path):
    """Headless Chromium that has the course's Chinese font (see tools/handouts.py)."""
    return handouts.launch(playwright, chromium, folder)


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as a test artefact; returns its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def image_digest(page, selector: str) -> str | None:
    return page.evaluate(IMAGE_DIGEST, selector)


def nudge_slider(page, slider, presses: int = 3) -> None:
    """Move an ipywidgets slider with the keyboard, as a student would (focus, then arrow keys)."""
    slider.focus()
    for _ in range(presses):
        page.keyboard.press("ArrowRight")


def wait_for_new_image(page, selector: str, before: str, timeout: float = 30.0) -> str:
    """Poll until the image's bytes differ from ``before``; return the new digest (fails after ``timeout`` s)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = image_digest(page, selector)
        if now and now != before:
            return now
        page.wait_for_timeout(200)
    raise AssertionError(f"the figure did not change within {timeout:.0f} s of moving the slider")
