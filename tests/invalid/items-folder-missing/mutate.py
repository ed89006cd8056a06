"""The evidence folder has no items/ folder."""

import shutil


def mutate(root):
    shutil.rmtree(root / "evidence" / "items")
