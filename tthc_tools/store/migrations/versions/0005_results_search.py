"""the results' word index, filled for the results already stored; an index on the review state

Revision ID: 0005_results_search
Revises: 0004_merge
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from tthc_tools.store.result_index import index_words

revision: str = "0005_results_search"
down_revision: str | Sequence[str] | None = "0004_merge"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000
WORD = sa.String(length=64).with_variant(sa.String(length=64, collation="C"), "postgresql")


def upgrade() -> None:
    words = op.create_table(
        "scan_result_words",
        sa.Column("word", WORD, nullable=False),
        sa.Column("result_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["result_id"], ["scan_results.id"],
                                name=op.f("fk_scan_result_words_result_id_scan_results"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("word", "result_id", name=op.f("pk_scan_result_words")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_scan_result_words_result_id_word", "scan_result_words", ["result_id", "word"], unique=False)
    with op.batch_alter_table("scan_results", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scan_results_state"), ["state"], unique=False)
    _index_stored_results(words)


def _index_stored_results(words: sa.Table) -> None:
    """Fill the index for the results already in the database, a batch of results at a time."""
    connection = op.get_bind()
    results = sa.table("scan_results", sa.column("id", sa.Integer()), sa.column("search_text", sa.Text()))
    last = 0
    while True:
        batch = connection.execute(sa.select(results.c.id, results.c.search_text).where(results.c.id > last)
                                   .order_by(results.c.id).limit(BATCH)).all()
        if not batch:
            return
        rows = [{"word": word, "result_id": result_id}
                for result_id, text in batch for word in sorted(index_words(text or ""))]
        if rows:
            connection.execute(sa.insert(words), rows)
        last = batch[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("scan_results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scan_results_state"))
    op.drop_index("ix_scan_result_words_result_id_word", table_name="scan_result_words")
    op.drop_table("scan_result_words")
