"""Screenshots of Ineen's main pages, for comparing the look before and after a style change.

Run against a demo (``./run demo``; demo password below) and give a folder:

    python bench/screenshots.py docs/screenshots/after --base http://127.0.0.1:8000 --width 1280

Pages are found by following links from the chair's "Mijn werk", so the same set is taken each time
without knowing the demo's ids. PNGs are quantised to a palette when Pillow is present (small files).
"""

import argparse
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
DEMO_PASSWORD = "Ineen-demo-2026!"  # noqa: S105 - the documented demo password, demo mode only
CHAIR = "procesregisseur@ineen.example"
MAX_HEIGHT = 3000  # px; longer pages are cut off to keep the files small


def shoot(page, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    height = page.evaluate("document.documentElement.scrollHeight")
    width = page.viewport_size["width"]
    page.screenshot(
        path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": min(height, MAX_HEIGHT)}
    )
    try:  # optional: a palette PNG is about a third of the size
        from PIL import Image

        Image.open(path).convert("RGB").quantize(colors=128).save(path, optimize=True)
    except ImportError:
        pass
    print(f"{name}: {page.url}")


def links(page, pattern: str) -> list[str]:
    hrefs = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))")
    return list(dict.fromkeys(h for h in hrefs if re.search(pattern, h)))


def first_link(page, pattern: str) -> str | None:
    found = links(page, pattern)
    return found[0] if found else None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--narrow", type=int, default=390, help="also shoot case, workspace and report this wide")
    args = parser.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)
    base = args.base.rstrip("/")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
        page = browser.new_page(locale="nl-NL", viewport={"width": args.width, "height": 900})
        page.goto(base + "/accounts/login/")
        shoot(page, args.folder, "01-login")
        page.fill("input[name=login]", CHAIR)
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("form:has(input[name=password]) button[type=submit]")
        page.wait_for_load_state()
        page.goto(base + "/")
        shoot(page, args.folder, "02-mijn-werk")
        page.goto(base + "/casussen/")
        shoot(page, args.folder, "03-casussen")
        # The richest demo case: a finished conference with a report, and a running one whose plan view
        # offers prioritised ideas ("Maak hier een actie van").
        pages: dict[str, str] = {}
        cases = page.eval_on_selector_all("main a[href*='/casussen/']", "els => els.map(e => e.getAttribute('href'))")
        for case in cases:
            if not re.fullmatch(r"/casussen/[0-9a-f-]{36}/", case):
                continue
            page.goto(base + case)
            conferences = links(page, r"^/overleggen/[0-9a-f-]{36}/$")
            found = {"case": case, "conference": conferences[0] if conferences else None, "workspace": None}
            found["report"] = first_link(page, r"^/overleggen/[0-9a-f-]{36}/verslag/$")
            for conference in conferences if found["report"] else []:
                page.goto(base + conference + "werkruimte/?weergave=plan")
                if "Maak hier een actie van" in page.content():
                    found["conference"], found["workspace"] = conference, conference + "werkruimte/?weergave=plan"
                    break
            page.goto(base + case + "plan/")
            if page.locator("main h1").count() and "404" not in page.title():
                found["plan"] = case + "plan/"
                found["report"] = found["report"] or first_link(page, r"^/overleggen/[0-9a-f-]{36}/verslag/$")
            score = sum(bool(v) for v in found.values())
            if score > sum(bool(v) for v in pages.values()):
                pages = found
            if score == 5:
                break
        if pages.get("report") and not pages.get("conference"):
            pages["conference"] = pages["report"].removesuffix("verslag/")
        pages["workspace"] = pages.get("workspace") or (
            pages["conference"] + "werkruimte/" if pages.get("conference") else None
        )
        page.goto(base + pages["case"])
        shoot(page, args.folder, "04-casus")
        page.goto(base + pages["case"] + "huishouden/")
        shoot(page, args.folder, "05-huishouden")
        if pages.get("conference"):
            page.goto(base + pages["conference"])
            shoot(page, args.folder, "06-overleg")
            page.goto(base + pages["workspace"])
            shoot(page, args.folder, "07-werkruimte")
        if pages.get("report"):
            page.goto(base + pages["report"])
            shoot(page, args.folder, "08-verslag")
        if pages.get("plan"):
            page.goto(base + pages["plan"])
            shoot(page, args.folder, "09-plan")
        if args.narrow:  # a phone held upright: the pages people use on the way
            page.set_viewport_size({"width": args.narrow, "height": 844})
            for name, key in (("04-casus", "case"), ("07-werkruimte", "workspace"), ("08-verslag", "report")):
                if pages.get(key):
                    page.goto(base + pages[key])
                    shoot(page, args.folder, f"{name}-{args.narrow}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
