"""Files replaced whole: a write that fails half-way (a full disk) keeps the old file and leaves no partial copy."""
import errno

import pytest

from indexer.atomic import replace_file, replace_text


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing_behind(tmp_path):
    target = tmp_path / "words.tsv"
    replace_text(target, "old\t1\n")

    def half_then_full(handle):
        handle.write("new\t")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError):
        replace_file(target, half_then_full)
    assert target.read_text(encoding="utf-8") == "old\t1\n"
    assert [path.name for path in tmp_path.iterdir()] == ["words.tsv"]
