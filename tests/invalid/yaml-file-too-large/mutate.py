"""An evidence file of 9 MiB, above the 8 MiB a YAML file may have (a sparse file: no disk used)."""

import os


def mutate(root):
    os.truncate(root / "evidence" / "origins.yaml", 9 * 1024 * 1024)
