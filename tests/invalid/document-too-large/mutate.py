"""A source document of 33 MiB, above the 32 MiB a document may have (a sparse file: no disk used)."""

import os


def mutate(root):
    path = root / "evidence" / "documents" / "council-statement-2021-07-02.txt"
    os.truncate(path, 33 * 1024 * 1024)
