"""An evidence file that is a symbolic link to a YAML file outside the evidence folder: refused
without being read, so nothing of it (here, words that must stay private) reaches the output."""

import os


def mutate(root):
    outside = root / "private.yaml"
    outside.write_text("- id: private-words-never-shown\n  source: nowhere\n", encoding="utf-8")
    os.symlink(os.path.join("..", "..", "private.yaml"), root / "evidence" / "items" / "extra.yaml")
