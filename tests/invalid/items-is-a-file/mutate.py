"""items is a file, not a folder (say, the evidence files concatenated by mistake)."""

import shutil


def mutate(root):
    items = root / "evidence" / "items"
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(items.iterdir()))
    shutil.rmtree(items)
    items.write_text(text, encoding="utf-8")
