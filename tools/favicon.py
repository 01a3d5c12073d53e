"""Write book/_extra/favicon.ico from the logo's two circles (book/_static/favicon.svg), for browsers that ask for
/favicon.ico at the site's root: the root index.html that Jupyter Book writes is a bare redirect with no favicon
link, so without this file opening the site there logs a 404. Run once after changing the logo:
``python tools/favicon.py``. Copied to the site's root by ``html_extra_path`` (_config.yml).
"""

from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
SIZE = 256  # drawn large, then scaled down into the icon's sizes


def draw() -> Image.Image:
    """The SVG's shapes on a 64-unit grid: a pink and a blue circle of radius 20, and their overlap in dark blue."""
    scale = SIZE / 64
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    left = Image.new("L", (SIZE, SIZE), 0)
    right = Image.new("L", (SIZE, SIZE), 0)
    ImageDraw.Draw(left).ellipse([(23 - 20) * scale, 12 * scale, (23 + 20) * scale, 52 * scale], fill=255)
    ImageDraw.Draw(right).ellipse([(41 - 20) * scale, 12 * scale, (41 + 20) * scale, 52 * scale], fill=255)
    both = ImageChops.darker(left, right)  # where both circles are
    image.paste((0xCC, 0x79, 0xA7, 255), mask=left)
    image.paste((0x56, 0xB4, 0xE9, 255), mask=right)
    image.paste((0x00, 0x72, 0xB2, 255), mask=both)
    return image


if __name__ == "__main__":
    target = ROOT / "book" / "_extra" / "favicon.ico"
    draw().save(target, sizes=[(16, 16), (32, 32), (48, 48)])
    print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size} bytes)")
