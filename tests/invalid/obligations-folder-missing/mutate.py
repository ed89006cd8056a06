"""The rules folder has no obligations/ folder: no obligation could be read, which is no pass."""

import shutil


def mutate(root):
    shutil.rmtree(root / "rules" / "mini" / "obligations")
