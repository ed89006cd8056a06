"""An origins file saved as Latin-1: the e-acute of "Cafe" is the single byte 0xE9."""


def mutate(root):
    path = root / "evidence" / "origins.yaml"
    text = path.read_text(encoding="utf-8").replace("the stream level", "the stream level at the Caf\u00e9 du Pont")
    path.write_bytes(text.encode("latin-1"))
