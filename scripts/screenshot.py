"""Screenshot pages at phone width with Debian's Chromium: for looking, not testing.

.venv/bin/python scripts/screenshot.py OUT_DIR URL [URL...]
.venv/bin/python scripts/screenshot.py OUT_DIR --login EMAIL:PASSWORD URL [URL...]
"""

import argparse
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

parser = argparse.ArgumentParser()
parser.add_argument("out", type=Path)
parser.add_argument("urls", nargs="+")
parser.add_argument("--login", help="EMAIL:PASSWORD to log in with first")
parser.add_argument("--width", type=int, default=390)
args = parser.parse_args()
args.out.mkdir(parents=True, exist_ok=True)

with sync_playwright() as playwright:
    browser = playwright.chromium.launch(
        executable_path="/usr/lib/chromium/chromium",
        args=["--disable-background-networking", "--disable-component-update", "--no-first-run"],
    )
    page = browser.new_page(viewport={"width": args.width, "height": 844})
    if args.login:
        email, password = args.login.split(":", 1)
        origin = re.match(r"https?://[^/]+", args.urls[0])
        assert origin is not None
        page.goto(origin.group(0) + "/accounts/login/")
        page.fill("#id_username", email)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
    for url in args.urls:
        page.goto(url)
        name = re.sub(r"[^a-z0-9]+", "-", url.split("//", 1)[-1].lower()).strip("-")
        # Slices of one screen's height, so a long page stays legible when viewed.
        height = page.evaluate("document.documentElement.scrollHeight")
        for part, top in enumerate(range(0, height, 844), 1):
            clip = {"x": 0, "y": top, "width": args.width, "height": min(844, height - top)}
            path = args.out / f"{name}-{part}.png"
            page.screenshot(path=str(path), full_page=True, clip=clip)
            print(path)
    browser.close()
