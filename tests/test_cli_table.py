"""The command line's one table writer: widths shared by content, text printed as typed."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from roadmap.cli.table import GAP, Column, widths, write_table

cells = st.text(alphabet=st.sampled_from("abcäöå漢 -"), max_size=40)


@given(
    st.integers(min_value=1, max_value=6).flatmap(
        lambda n: st.tuples(
            st.lists(st.lists(cells, min_size=n, max_size=n), min_size=1, max_size=8),
            st.sampled_from((40, 80, 120, 200)),
        )
    )
)
def test_no_column_is_cut_while_another_has_room(case):
    rows, width = case
    columns = [Column(f"C{i}") for i in range(len(rows[0]))]
    sizes = widths(columns, rows, width)
    natural = [max(4, *(cell_len(row[i]) for row in rows)) for i in range(len(columns))]
    used = sum(sizes) + len(GAP) * (len(columns) - 1)
    if sizes != natural:
        # Something was cut: then the table fills the width or every column is at its floor.
        floors = [size == 4 for size, n in zip(sizes, natural, strict=True) if size < n]
        assert used == width or all(floors)
    else:
        assert used <= width or all(n == 4 for n in natural)
    cut = [i for i in range(len(columns)) if sizes[i] < natural[i]]
    for i in cut:
        # A cut column is never narrower than an uncut one that could have given room.
        assert all(sizes[j] <= sizes[i] + 1 for j in range(len(columns)) if sizes[j] > 4)


def _lines(rows, width):
    out = io.StringIO()
    write_table(out, [Column("Key"), Column("Title"), Column("Team")], rows, width)
    return out.getvalue().splitlines()


def test_rows_fit_the_width_and_cut_text_ends_with_an_ellipsis():
    rows = [("CI-1", "Yhteinen asiakastieto perheen muuttaessa kuntaan " * 3, "Varhaiskasvatus")]
    for width in (80, 120, 200):
        lines = _lines(rows, width)
        assert all(cell_len(line) <= width for line in lines)
        assert "Varhaiskasvatus" in lines[1]  # the short column keeps its words
    assert lines[1].endswith("Varhaiskasvatus")
    assert "…" in _lines(rows, 80)[1]


def test_cells_print_as_typed_on_one_line():
    lines = _lines([("CI-1", "[bold]x[/] [@click=app.quit]y[/]", "a\nb\tc")], 80)
    assert lines[1].split() == ["CI-1", "[bold]x[/]", "[@click=app.quit]y[/]", "a", "b", "c"]
    assert len(lines) == 2
