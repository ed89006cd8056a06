"""A source document replaced by a symbolic link to a file outside the evidence folder."""

import hashlib
import os


def mutate(root):
    doc = root / "evidence" / "documents" / "council-statement-2021-07-02.txt"
    outside = root / "outside.txt"
    outside.write_bytes(doc.read_bytes())
    doc.unlink()
    os.symlink(os.path.join("..", "..", "outside.txt"), doc)
    assert hashlib.sha256(doc.read_bytes()).hexdigest() == hashlib.sha256(outside.read_bytes()).hexdigest()
