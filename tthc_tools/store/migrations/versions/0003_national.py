"""national catalogue snapshots

Revision ID: 0003_national
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003_national'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('national_snapshots',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('taken_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('format', sa.String(length=32), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('items', sa.Integer(), nullable=False),
    sa.Column('same_as', sa.Integer(), nullable=True),
    sa.Column('listing', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['same_as'], ['national_snapshots.id'], name=op.f('fk_national_snapshots_same_as_national_snapshots')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_national_snapshots'))
    )
    with op.batch_alter_table('national_snapshots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_national_snapshots_state'), ['state'], unique=False)

    op.create_table('national_snapshot_items',
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('source_code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('carried', sa.Text(), nullable=False),
    sa.Column('part_hashes', sa.Text(), nullable=False),
    sa.Column('etag', sa.String(length=255), nullable=False),
    sa.Column('last_modified', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['snapshot_id'], ['national_snapshots.id'], name=op.f('fk_national_snapshot_items_snapshot_id_national_snapshots'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('snapshot_id', 'code', name=op.f('pk_national_snapshot_items'))
    )
    with op.batch_alter_table('national_snapshot_items', schema=None) as batch_op:
        batch_op.create_index('ix_national_snapshot_items_digest', ['snapshot_id', 'code', 'content_hash'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('national_snapshot_items', schema=None) as batch_op:
        batch_op.drop_index('ix_national_snapshot_items_digest')

    op.drop_table('national_snapshot_items')
    with op.batch_alter_table('national_snapshots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_national_snapshots_state'))

    op.drop_table('national_snapshots')
