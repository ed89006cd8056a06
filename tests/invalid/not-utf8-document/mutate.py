"""A source document saved as Windows-1252 (curly quote 0x92), its recorded hash updated to match."""

import hashlib


def mutate(root):
    doc = root / "evidence" / "documents" / "council-statement-2021-07-02.txt"
    old = hashlib.sha256(doc.read_bytes()).hexdigest()
    doc.write_bytes(doc.read_bytes().replace(b"the survey of the strip", b"the strip\x92s survey"))
    sources = root / "evidence" / "sources.yaml"
    new = hashlib.sha256(doc.read_bytes()).hexdigest()
    sources.write_text(sources.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
