"""What every engine keeps beside its index: sizes survive files that a commit removes meanwhile."""
from pathlib import Path

from indexer.engines.generation import GenerationFiles


def test_the_size_skips_a_file_removed_between_listing_and_reading(tmp_path, monkeypatch):
    (tmp_path / "segment.idx").write_bytes(b"x" * 100)
    (tmp_path / "sub").mkdir()
    listed = [tmp_path / "segment.idx", tmp_path / "sub", tmp_path / ".tmp-renamed-by-a-commit"]
    monkeypatch.setattr(Path, "rglob", lambda self, pattern: iter(listed))
    real_is_file = Path.is_file
    # The temporary file was there when the folder was listed and checked, gone when its size is read.
    monkeypatch.setattr(Path, "is_file", lambda self: self.name.startswith(".tmp") or real_is_file(self))
    assert GenerationFiles(tmp_path, tmp_path).size_bytes() == 100
