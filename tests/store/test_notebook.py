"""notebooks/cross_unit.ipynb runs from top to bottom and draws its two charts (executed with nbclient)."""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient

from .helpers import ROOT


def test_cross_unit_notebook_executes_and_plots() -> None:
    path = ROOT / "notebooks" / "cross_unit.ipynb"
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 2, "the heat map and the levels chart"
    text = "".join(o.get("text", "") for o in outputs)
    assert "5 files: 5 ingested" in text
    assert "citing: Trung tâm Y tế khu vực Mai Châu, Trung tâm Y tế khu vực Bố Trạch" in text
