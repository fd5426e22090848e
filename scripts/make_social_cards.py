"""Render the link-preview images (OpenGraph / Twitter card), one per language.

    python -m site_tooling.make_social_cards [--chromium PATH]

Writes docs/assets/images/social-card-fr.png and social-card-en.png (1200 x 630 PNG)
by taking a screenshot of a small HTML card with headless Chromium. The PNGs are
committed; run this again only when the card's wording changes. The card carries no
date, so it never goes stale when the legal basis is updated.
"""

from __future__ import annotations

import argparse
import html
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

from site_tooling import ROOT

OUT_DIR = ROOT / "docs" / "assets" / "images"
WIDTH, HEIGHT = 1200, 630

CARDS = {
    "fr": {
        "kicker": "Règlement (UE) 2024/1689 · version modifiée en 2026",
        "title": "IA locale et AI Act",
        "subtitle": (
            "Votre IA tourne sur votre PC ou vos serveurs\u00a0: le règlement européen sur l'IA "
            "s'applique-t-il, et que devez-vous faire\u00a0?"
        ),
        "footer": "Réponses sourcées · obligations et dates · auto-évaluation",
        "badge": "FR · EN",
    },
    "en": {
        "kicker": "Regulation (EU) 2024/1689 · as amended in 2026",
        "title": "Local AI and the AI Act",
        "subtitle": "Your AI runs on your own computer or servers: does the EU AI Act apply, and what must you do?",
        "footer": "Sourced answers · obligations and dates · self-assessment",
        "badge": "EN · FR",
    },
}

TEMPLATE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><style>
  html, body {{ margin: 0; width: {width}px; height: {height}px; overflow: hidden; }}
  body {{
    font-family: "DejaVu Sans", "Noto Sans", "Liberation Sans", Arial, sans-serif;
    color: #fff; background: #303f9f;
    box-sizing: border-box; padding: 64px 72px; display: flex; flex-direction: column;
  }}
  .kicker {{ font-size: 26px; letter-spacing: 0.02em; color: #c5cae9; }}
  h1 {{ font-size: 78px; line-height: 1.05; margin: 28px 0 24px; font-weight: 700; }}
  p {{ font-size: 33px; line-height: 1.35; margin: 0; max-width: 980px; color: #e8eaf6; }}
  .footer {{ margin-top: auto; display: flex; align-items: center; justify-content: space-between;
             font-size: 25px; color: #c5cae9; border-top: 2px solid rgba(255,255,255,.35); padding-top: 22px; }}
  .badge {{ font-weight: 700; color: #283593; background: #fff; border-radius: 8px; padding: 6px 14px; }}
  .chip {{ position: absolute; right: 90px; top: 330px; width: 120px; height: 120px; border: 6px solid #fff;
           border-radius: 18px; opacity: .9; }}
  .chip::before {{ content: "AI"; position: absolute; inset: 0; display: flex; align-items: center;
                   justify-content: center; font-size: 48px; font-weight: 700; }}
  .chip i {{ position: absolute; background: #fff; }}
</style></head><body>
  <div class="chip" aria-hidden="true">{pins}</div>
  <div class="kicker">{kicker}</div>
  <h1>{title}</h1>
  <p>{subtitle}</p>
  <div class="footer"><span>{footer}</span><span class="badge">{badge}</span></div>
</body></html>
"""


def _pins() -> str:
    pins = []
    for offset in (22, 52, 82):
        pins.append(f'<i style="left:{offset}px;top:-22px;width:8px;height:16px"></i>')
        pins.append(f'<i style="left:{offset}px;bottom:-22px;width:8px;height:16px"></i>')
        pins.append(f'<i style="top:{offset}px;left:-22px;width:16px;height:8px"></i>')
        pins.append(f'<i style="top:{offset}px;right:-22px;width:16px;height:8px"></i>')
    return "".join(pins)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG file")
    return struct.unpack(">II", data[16:24])


def render(chromium: str, lang: str, out: Path) -> None:
    card = {key: html.escape(value) for key, value in CARDS[lang].items()}
    page = TEMPLATE.format(lang=lang, width=WIDTH, height=HEIGHT, pins=_pins(), **card)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "card.html"
        source.write_text(page, encoding="utf-8")
        shot = Path(tmp) / "card.png"
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--force-device-scale-factor=1",
                f"--window-size={WIDTH},{HEIGHT}",
                f"--screenshot={shot}",
                source.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        if png_size(shot) != (WIDTH, HEIGHT):
            raise SystemExit(f"unexpected screenshot size {png_size(shot)} for {lang}")
        out.write_bytes(shot.read_bytes())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--chromium",
        default=shutil.which("chromium") or shutil.which("chromium-browser"),
        help="Chromium executable (default: found on PATH)",
    )
    args = parser.parse_args(argv)
    if not args.chromium:
        parser.error("Chromium not found: install it or pass --chromium")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for lang in CARDS:
        out = OUT_DIR / f"social-card-{lang}.png"
        render(args.chromium, lang, out)
        print(f"wrote {out.relative_to(ROOT)} ({out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
