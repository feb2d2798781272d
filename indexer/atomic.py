"""Files replaced whole: written beside their place, then renamed over it; a failed write leaves nothing behind."""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Callable, TextIO


def replace_file(path: Path, write: Callable[[TextIO], None]) -> None:
    """Write ``path`` anew through ``write(handle)``, atomically; on failure (a full disk) remove the partial copy."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            write(handle)
        os.replace(temporary, path)
    except BaseException:  # whatever stopped the write, the partial copy must not stay on the disk
        temporary.unlink(missing_ok=True)
        raise


def replace_text(path: Path, text: str) -> None:
    """Write ``text`` into ``path`` atomically, leaving nothing behind on failure."""
    replace_file(path, lambda handle: handle.write(text))
