"""The tile-grid map of the states, DC and the territories: one square per jurisdiction, laid
out roughly where it lies, so every place has the same size and a readable label. Drawn as
inline SVG by `programs/_tile_map.html`; nothing is fetched from anywhere."""

from dataclasses import dataclass

from .models import Jurisdiction

TILE = 44
GAP = 4
STEP = TILE + GAP

#: (column, row) of each tile. Rows 0–7 are the states and DC; row 8 holds the territories,
#: the Pacific ones under Hawaii and the Caribbean ones under Florida.
GRID: dict[str, tuple[int, int]] = {
    "AK": (0, 0), "ME": (11, 0),
    "VT": (10, 1), "NH": (11, 1),
    "WA": (1, 2), "ID": (2, 2), "MT": (3, 2), "ND": (4, 2), "MN": (5, 2), "IL": (6, 2),
    "WI": (7, 2), "MI": (8, 2), "NY": (9, 2), "RI": (10, 2), "MA": (11, 2),
    "OR": (1, 3), "NV": (2, 3), "WY": (3, 3), "SD": (4, 3), "IA": (5, 3), "IN": (6, 3),
    "OH": (7, 3), "PA": (8, 3), "NJ": (9, 3), "CT": (10, 3),
    "CA": (1, 4), "UT": (2, 4), "CO": (3, 4), "NE": (4, 4), "MO": (5, 4), "KY": (6, 4),
    "WV": (7, 4), "VA": (8, 4), "MD": (9, 4), "DE": (10, 4),
    "AZ": (2, 5), "NM": (3, 5), "KS": (4, 5), "AR": (5, 5), "TN": (6, 5), "NC": (7, 5),
    "SC": (8, 5), "DC": (9, 5),
    "OK": (4, 6), "LA": (5, 6), "MS": (6, 6), "AL": (7, 6), "GA": (8, 6),
    "HI": (0, 7), "TX": (4, 7), "FL": (9, 7),
    "GU": (0, 8), "MP": (1, 8), "PR": (9, 8), "VI": (10, 8),
}  # fmt: skip

COLUMNS = 1 + max(col for col, _row in GRID.values())
ROWS = 1 + max(row for _col, row in GRID.values())
WIDTH = COLUMNS * STEP - GAP
HEIGHT = ROWS * STEP - GAP


@dataclass
class Tile:
    code: str
    name: str
    x: int
    y: int
    label: str = ""  # accessible name of the link, or the tile's title
    href: str = ""
    css_class: str = ""
    detail: str = ""  # second line of text inside the tile (e.g. a count)

    @property
    def text_x(self) -> int:
        return self.x + TILE // 2

    @property
    def text_y(self) -> int:
        return self.y + (TILE // 2 - 2 if self.detail else TILE // 2 + 5)

    @property
    def detail_y(self) -> int:
        return self.y + TILE // 2 + 13


def tiles() -> list[Tile]:
    names = dict(Jurisdiction.choices)
    return [
        Tile(code=code, name=str(names[code]), x=col * STEP, y=row * STEP)
        for code, (col, row) in GRID.items()
    ]
