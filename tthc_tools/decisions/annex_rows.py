"""The cells of an annex row, from what the catalogue knows of a procedure.

A decision's danh mục has one cell for the deadline, one for the fees and one for the place, while
the catalogue keeps them per channel (trực tiếp / trực tuyến / bưu chính). When every channel says
the same, the cell says it once; otherwise each channel gets a line ("- Trực tuyến: 10 ngày làm
việc"). Parts the catalogue does not know stay empty, for the officer to fill in.
"""

from __future__ import annotations

from collections.abc import Callable

from tthc_tools.decisions.model import ChangeRow
from tthc_tools.model import CHANNELS, Channel, LegalBasis, Procedure


def change_row(procedure: Procedure, kind: str, *, replaces: Procedure | None = None, basis: str = "") -> ChangeRow:
    """The annex row publishing ``procedure`` with change ``kind``.

    ``replaces`` is the procedure a replacing one takes the place of; ``basis`` overrides the legal
    basis cell (an abolished procedure's row cites what abolishes it, not what it rested on).
    """
    return ChangeRow(
        kind=kind,
        code=procedure.local_code or procedure.code,
        name=procedure.name,
        deadline=per_channel(procedure.channels, lambda c: c.deadline),
        place=place(procedure),
        fees=per_channel(procedure.channels, lambda c: c.fee_text),
        legal_basis=basis or legal_basis(procedure.legal_basis),
        levels=tuple(level for level in procedure.levels if level != "khac"),
        field=procedure.fields[0].name if procedure.fields else "",
        agency="; ".join(a.name for a in procedure.agencies),
        replaced_code=replaces.code if replaces else "",
        replaced_name=replaces.name if replaces else "",
    )


def per_channel(channels: tuple[Channel, ...], value: Callable[[Channel], str]) -> str:
    """One value when every channel that says something says the same, else a line per channel."""
    said = [(channel, value(channel).strip()) for channel in channels if value(channel).strip()]
    if not said:
        return ""
    if len({text for _channel, text in said}) == 1:
        return said[0][1]
    return "\n".join(f"- {CHANNELS.get(channel.kind, channel.kind) or 'Không ghi rõ kênh'}: {text}"
                     for channel, text in said)


def place(procedure: Procedure) -> str:
    """Where the procedure is carried out: the address the catalogue gives, else its agencies, then
    the ways of submitting."""
    lines = [procedure.address] if procedure.address else [a.name for a in procedure.agencies]
    kinds = [CHANNELS.get(channel.kind, channel.kind) for channel in procedure.channels if channel.kind]
    if kinds:
        lines.append("Cách thức: " + ", ".join(dict.fromkeys(kinds)))
    return "\n".join(line for line in lines if line)


def legal_basis(documents: tuple[LegalBasis, ...]) -> str:
    """One line per legal document: its title (which usually names its number), else its number."""
    lines = []
    for document in documents:
        title = document.title
        text = title if document.number and document.number in title else " ".join(
            part for part in (document.number, title) if part)
        if text:
            lines.append(f"- {text}")
    return "\n".join(lines)
